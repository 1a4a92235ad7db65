package dev.tether.killer.supervisor;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.tether.killer.process.ProcessId;
import dev.tether.killer.process.TreeMembership;
import dev.tether.killer.stop.StopPolicy;
import dev.tether.killer.testing.Os;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

/** The cheap answer to "did the trees change?", on a real shell that forks when told to, as /proc shows it. */
@EnabledOnOs(OS.LINUX)
class QuietTreesTest {
    private static final Duration SETTLE = Duration.ofSeconds(10);

    private final QuietTrees quiet = new QuietTrees(Os.PROC);

    /** With TETHER_BACKEND=portable the tests' table is the JDK's, in other units: QuietTrees is linux's only. */
    @BeforeEach
    void onTheLinuxBackend() {
        assumeTrue(Os.ENGINE_READS_PROC, "QuietTrees reads /proc: the linux backend's");
    }

    /** A shell that forks a sleep for each line it reads, and exits at end of input. */
    private static Process forkingOnRequest() throws Exception {
        ProcessBuilder builder = new ProcessBuilder(
                "/bin/sh", "-c", "pids=; while read x; do sleep 300 & pids=\"$pids $!\"; done; kill $pids");
        builder.environment().put(Os.TEST_MARKER, "quiet-trees");
        return builder.start();
    }

    private static OwnedTree treeOf(Process leader) {
        ProcessId id = Os.idOf((int) leader.pid());
        return new OwnedTree(
                "shell",
                new TreeMembership(id, "cookie", List.of()),
                Optional.empty(),
                StopPolicy.DEFAULT,
                0L,
                Path.of("shell.log"));
    }

    private static void tell(Process shell) throws Exception {
        OutputStream in = shell.getOutputStream();
        in.write("fork\n".getBytes(StandardCharsets.US_ASCII));
        in.flush();
    }

    @Test
    void aTreeThatForkedNothingIsUnchangedAndANewChildChangesIt() throws Exception {
        Process shell = forkingOnRequest();
        try {
            OwnedTree tree = treeOf(shell);
            assertTrue(quiet.unchanged(List.of(tree)), "a shell waiting on read has no child");

            tell(shell);
            Os.await("the shell to fork", SETTLE, () -> !quiet.unchanged(List.of(tree)));

            int child =
                    Os.PROC.children((int) shell.pid()).orElseThrow().iterator().next();
            tree.membership.claim(Os.idOf(child));
            assertTrue(quiet.unchanged(List.of(tree)), "its only child is known now");
        } finally {
            shell.descendants().forEach(ProcessHandle::destroyForcibly); // its sleep, whatever the test saw
            shell.getOutputStream().close(); // the shell exits at the end of its input
            shell.waitFor();
        }
    }

    @Test
    void aMemberThatDiedChangesTheTreeUntilItsLossIsNoticed() throws Exception {
        Process shell = forkingOnRequest();
        OwnedTree tree = treeOf(shell);
        shell.getOutputStream().close();
        shell.waitFor();

        assertFalse(quiet.unchanged(List.of(tree)), "a loss not yet recorded");

        tree.noticeLosses(tree.membership.known(), Os.snapshot());
        assertTrue(quiet.unchanged(List.of(tree)), "a noticed loss is no change");
        tree.forgetReapedLosses(Os.snapshot());
        assertTrue(tree.membership.known().isEmpty(), "the dead leader is forgotten");
        assertTrue(quiet.unchanged(List.of(tree)));
    }

    /**
     * A member whose child exited but was never reaped (a zombie): its loss is noticed once and it stays known, so
     * the tree stays unchanged instead of counting the same zombie as a new loss at every look.
     */
    @Test
    void aZombieMemberIsOneLossAndNoChangeAfterwards() throws Exception {
        ProcessBuilder builder = new ProcessBuilder("/bin/sh", "-c", "sleep 0.05 & exec sleep 300"); // never reaps
        builder.environment().put(Os.TEST_MARKER, "quiet-trees");
        Process leader = builder.start();
        try {
            OwnedTree tree = treeOf(leader);
            Os.await(
                    "the child to fork",
                    SETTLE,
                    () -> !Os.PROC.children((int) leader.pid()).orElseThrow().isEmpty());
            int child = Os.PROC
                    .children((int) leader.pid())
                    .orElseThrow()
                    .iterator()
                    .next();
            tree.membership.claim(Os.idOf(child));
            Os.await(
                    "the child to be a zombie",
                    SETTLE,
                    () -> Os.PROC.process(child).orElseThrow().isDead());

            assertTrue(tree.noticeLosses(tree.membership.known(), Os.snapshot()), "the zombie is a loss");
            tree.forgetReapedLosses(Os.snapshot());
            assertTrue(tree.membership.known().contains(Os.idOf(child)), "a zombie is not forgotten");
            assertFalse(tree.noticeLosses(tree.membership.known(), Os.snapshot()), "counted once");
            assertTrue(quiet.unchanged(List.of(tree)), "nothing changed since");
        } finally {
            leader.destroyForcibly().waitFor(); // its zombie child goes with it
        }
    }
}
