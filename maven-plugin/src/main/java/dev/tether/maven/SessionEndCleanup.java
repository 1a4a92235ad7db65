package dev.tether.maven;

import dev.tether.killer.client.EarlyStart;
import dev.tether.killer.fixture.FixtureGroup;
import dev.tether.killer.fixture.GroupStopReport;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.maven.AbstractMavenLifecycleParticipant;
import org.apache.maven.execution.MavenSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stops, when a build session ends, every process tether:start started in it that tether:stop did not stop: the
 * build failed between the two. Without it a JVM that outlives the build (mvnd, an IDE) keeps those processes
 * until it exits. Active only when the plugin is declared with {@code <extensions>true</extensions>}, which is
 * how Maven loads lifecycle participants from a plugin. Registered in {@code META-INF/plexus/components.xml}:
 * Maven 3 does not read a Sisu index in a build extension's realm, and Maven 4 still reads this descriptor.
 */
public class SessionEndCleanup extends AbstractMavenLifecycleParticipant {
    private static final Logger LOG = LoggerFactory.getLogger(SessionEndCleanup.class);

    public SessionEndCleanup() {
        SessionFixtures.cleanupIsActive();
    }

    /** The supervisor starts while Maven compiles and runs the unit tests, when tether:start will need it. */
    @Override
    public void afterProjectsRead(MavenSession session) {
        if (EarlySupervisor.wanted(session)) {
            EarlyStart.sharedSupervisorInBackground();
        }
    }

    @Override
    public void afterSessionEnd(MavenSession session) {
        List<FixtureGroup> leftOver = SessionFixtures.endOf(session);
        for (FixtureGroup group : leftOver) {
            String ids = group.fixtures().stream().map(f -> f.id()).collect(Collectors.joining(", "));
            LOG.warn("Tether: the build ended before tether:stop ran; stopping {}", ids);
            try {
                GroupStopReport report = group.stop();
                report.fixtures().forEach(outcome -> LOG.info("Tether stop: {}", outcome.summary()));
            } catch (RuntimeException e) {
                LOG.error("Tether: stopping {} at the end of the build failed: {}", ids, e.getMessage(), e);
            }
        }
    }
}
