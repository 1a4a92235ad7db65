package dev.tether.maven;

import dev.tether.killer.fixture.FixtureGroup;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import org.apache.maven.execution.MavenExecutionRequest;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.project.MavenProject;

/**
 * The one record of what tether:start left running: per build session, per project, newest last. The goals
 * take from it (stop, run), and the end of the session stops whatever is still in it, so a failed build's
 * processes do not outlive it while the JVM lives on (mvnd, an IDE's embedded Maven). Keyed by the session's
 * request: parallel builds ({@code -T}) hand each project a clone of the session, but they share its request.
 * Static because the {@link SessionEndCleanup} participant and the goals share one class realm when the plugin
 * is declared with {@code <extensions>true</extensions>}.
 */
final class SessionFixtures {
    private static final Map<MavenExecutionRequest, Map<String, Deque<FixtureGroup>>> RUNNING = new WeakHashMap<>();
    private static volatile boolean cleanupActive;

    private SessionFixtures() {}

    /** What tether:start left running for this project in this session, newest last. */
    static Deque<FixtureGroup> running(MavenSession session, MavenProject project) {
        synchronized (RUNNING) {
            return RUNNING.computeIfAbsent(session.getRequest(), r -> new HashMap<>())
                    .computeIfAbsent(project.getId(), p -> new ConcurrentLinkedDeque<>());
        }
    }

    /** Removes and returns what the session still has running, newest first within each project. */
    static List<FixtureGroup> endOf(MavenSession session) {
        Map<String, Deque<FixtureGroup>> byProject;
        synchronized (RUNNING) {
            byProject = RUNNING.remove(session.getRequest());
        }
        List<FixtureGroup> newestFirst = new ArrayList<>();
        if (byProject != null) {
            for (Deque<FixtureGroup> groups : byProject.values()) {
                List<FixtureGroup> project = new ArrayList<>(groups);
                Collections.reverse(project);
                newestFirst.addAll(project);
            }
        }
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
