package dev.tether.maven;

import dev.tether.killer.fixture.FixtureGroup;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;
import org.apache.maven.execution.MavenExecutionRequest;
import org.apache.maven.execution.MavenSession;

/**
 * The fixture groups each build session has running, so that the end of the session can stop what a failed
 * build left behind while the JVM lives on (mvnd, an IDE's embedded Maven). Keyed by the session's request:
 * parallel builds ({@code -T}) hand each project a clone of the session, but they all share its request.
 * Static because the {@link SessionEndCleanup} participant and the goals share one class realm when the
 * plugin is declared with {@code <extensions>true</extensions>}.
 */
final class SessionFixtures {
    private static final Map<MavenExecutionRequest, List<FixtureGroup>> RUNNING =
            Collections.synchronizedMap(new WeakHashMap<>());
    private static volatile boolean cleanupActive;

    private SessionFixtures() {}

    static void started(MavenSession session, FixtureGroup group) {
        synchronized (RUNNING) {
            RUNNING.computeIfAbsent(session.getRequest(), r -> new ArrayList<>())
                    .add(group);
        }
    }

    static void stopped(MavenSession session, FixtureGroup group) {
        synchronized (RUNNING) {
            List<FixtureGroup> groups = RUNNING.get(session.getRequest());
            if (groups != null) {
                groups.remove(group);
            }
        }
    }

    /** Removes and returns what the session still has running, newest first. */
    static List<FixtureGroup> endOf(MavenSession session) {
        List<FixtureGroup> groups;
        synchronized (RUNNING) {
            groups = RUNNING.remove(session.getRequest());
        }
        if (groups == null) {
            return List.of();
        }
        List<FixtureGroup> newestFirst = new ArrayList<>(groups);
        Collections.reverse(newestFirst);
        return newestFirst;
    }

    /** Called by the participant: Maven loaded the plugin as an extension, so sessions are cleaned up. */
    static void cleanupIsActive() {
        cleanupActive = true;
    }

    static boolean isCleanupActive() {
        return cleanupActive;
    }
}
