package dev.tether.killer.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tether.killer.SupervisorException;
import dev.tether.killer.client.ProcessSupervisor;
import dev.tether.killer.config.PortSpec;
import dev.tether.killer.ports.PortAllocator;
import dev.tether.killer.ports.PortLease;
import dev.tether.killer.process.ProcessId;
import dev.tether.killer.testing.Os;
import dev.tether.killer.testing.OtherUser;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.api.io.TempDir;

/**
 * What another local user can plant before our build runs, with no more than the right to create files in a
 * shared temp directory. Each attack is planted for real by a second user (created when missing) and must be
 * refused or harmless: nothing planted is loaded, written through, or obeyed.
 */
@EnabledIf("dev.tether.killer.testing.OtherUser#canBeCreated")
class SharedMachineIT {
    private static OtherUser attacker;

    @TempDir
    static Path shared;

    @BeforeAll
    static void aSharedStickyDirectoryAndAnotherUser() throws Exception {
        attacker = OtherUser.get();
        // like /tmp: owned by root, writable by all, sticky
        assertEquals(
                0,
                new ProcessBuilder("chmod", "1777", shared.toString()).start().waitFor());
    }

    @Test
    void aStateDirectoryPlantedByAnotherUserIsRefusedAndNothingIsWrittenIntoIt() throws Exception {
        Path planted = shared.resolve("planted-state");
        assertEquals(
                0, attacker.runAs("mkdir", "-m", "0777", planted.toString()).exitCode());

        SupervisorException error = assertThrows(SupervisorException.class, () -> ProcessSupervisor.launch(planted));

        assertTrue(error.getMessage().contains(planted.toString()), error.getMessage());
        assertTrue(error.getMessage().contains("belongs to uid " + attacker.uid), error.getMessage());
        assertTrue(error.getMessage().contains("mode 0777"), error.getMessage());
        try (var files = Files.list(planted)) {
            assertEquals(List.of(), files.toList(), "nothing may be written into another user's directory");
        }
    }

    @Test
    void aStateDirectoryThatIsALinkToTheAttackersDirectoryIsRefused() throws Exception {
        Path theirs = shared.resolve("their-dir");
        Path link = shared.resolve("link-state");
        assertEquals(0, attacker.runAs("mkdir", "-m", "0700", theirs.toString()).exitCode());
        assertEquals(
                0,
                attacker.runAs("ln", "-s", theirs.toString(), link.toString()).exitCode());

        SupervisorException error = assertThrows(SupervisorException.class, () -> ProcessSupervisor.launch(link));

        assertTrue(error.getMessage().contains("symbolic link"), error.getMessage());
    }

    @Test
    void aPlantedPortReservationLinkIsNeverWrittenThrough() throws Exception {
        Path victim = Files.writeString(shared.resolve("victim-file"), "precious\n");
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        Path planted = shared.resolve("tether-port-" + port);
        assertEquals(
                0,
                attacker.runAs("ln", "-s", victim.toString(), planted.toString())
                        .exitCode());

        PortAllocator allocator = PortAllocator.in(shared);
        assertTrue(allocator.isMachineWide(), "a root-owned sticky directory is safe to share");
        try (PortLease lease = allocator.reserve("fixture 'web'", new PortSpec("web", port))) {
            assertEquals(port, lease.port());
        } catch (RuntimeException refused) {
            assertTrue(refused.getMessage().contains(Integer.toString(port)), refused.getMessage());
        }

        assertEquals("precious\n", Files.readString(victim), "the planted link was written through");
    }

    @Test
    void anotherUsersLiveReservationIsRespectedAndItsStaleOneSkipped() throws Exception {
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        // the other user holds the port for a process of its own that is alive: pid 1 stands in for it
        long initStart = ProcessHandle.of(1)
                .orElseThrow()
                .info()
                .startInstant()
                .orElseThrow()
                .toEpochMilli();
        Path entry = shared.resolve("tether-port-" + port);
        assertEquals(
                0,
                attacker.runAs("ln", "-s", attacker.uid + ":1:" + initStart, entry.toString())
                        .exitCode());

        RuntimeException taken = assertThrows(
                RuntimeException.class, () -> PortAllocator.in(shared).reserve("web", new PortSpec("web", port)));

        assertTrue(taken.getMessage().contains("held by pid 1 of uid " + attacker.uid), taken.getMessage());
        assertTrue(Files.isSymbolicLink(entry), "another user's live reservation must stay");
    }

    @Test
    void reservationsOfJvmsThatEndedWithoutReleasingAreRemoved() throws Exception {
        Path sticky = Files.createDirectory(shared.resolve("sticky-ports"));
        assertEquals(
                0,
                new ProcessBuilder("chmod", "1777", sticky.toString()).start().waitFor());
        // A JVM killed before it released: its pid is gone (pid_max is never this high).
        Path stale = Files.createSymbolicLink(sticky.resolve("tether-port-1"), Path.of("0:999999999:1"));
        // Something that is not a reservation at all is never touched.
        Path foreign = Files.createSymbolicLink(sticky.resolve("tether-port-2"), Path.of("/etc/passwd"));

        try (PortLease lease = PortAllocator.in(sticky).allocate("web", "web")) {
            assertTrue(lease.port() > 0);
        }

        assertFalse(Files.exists(stale, java.nio.file.LinkOption.NOFOLLOW_LINKS), "the stale reservation stays");
        assertTrue(Files.isSymbolicLink(foreign), "an entry that is not a reservation was removed");
        try (var entries = Files.list(sticky)) {
            assertEquals(List.of(foreign), entries.toList(), "the lease's own entry must be gone after close");
        }
    }

    @Test
    void aLedgerNamingInnocentProcessesMakesTheSweepSignalNothing(@TempDir Path ledgers) throws Exception {
        ProcessBuilder sleeper = new ProcessBuilder("sleep", "300");
        sleeper.environment().put(Os.TEST_MARKER, "innocent");
        Process innocent = sleeper.start();
        try {
            ProcessId id = Os.idOf((int) innocent.pid());
            // A crashed "supervisor" whose ledger names the innocent with a wrong start time, start time 0, its
            // process group, and a cgroup Tether never made.
            Files.writeString(
                    ledgers.resolve("supervisor-2.ledger"),
                    "supervisor 2@5\nowner 3@5\nfixture web " + id.pid() + "@0 c -\n");
            Files.writeString(
                    ledgers.resolve("supervisor-4.ledger"),
                    "supervisor 4@5\nowner 5@5\nfixture web " + id.pid() + "@" + (id.startTime() + 1) + " c - \n");
            Files.writeString(
                    ledgers.resolve("supervisor-6.ledger"),
                    "supervisor 6@5\nowner 7@5\nfixture web 99999@5 c /sys/fs/cgroup/system.slice\n");

            try (ProcessSupervisor next = ProcessSupervisor.launch(ledgers)) {
                next.awaitSweep(Duration.ofSeconds(10));
                assertTrue(Os.isAlive(id), "the sweep signalled an innocent process");
                assertTrue(
                        next.notices().stream().anyMatch(n -> n.contains("supervisor-2.ledger") && n.contains("@0")),
                        String.valueOf(next.notices()));
                assertTrue(
                        next.notices().stream().anyMatch(n -> n.contains("supervisor-6.ledger")),
                        String.valueOf(next.notices()));
            }
            assertTrue(Files.exists(ledgers.resolve("supervisor-2.ledger.rejected")), "kept aside for a look");
            assertFalse(Files.exists(ledgers.resolve("supervisor-2.ledger")));
        } finally {
            innocent.destroyForcibly();
        }
    }

    @Test
    void theSupervisorLoadsJnasNativeLibraryOnlyFromThePrivateStateDirectory(@TempDir Path ledgers) throws Exception {
        // JNA's own default would be <tmp>/jna-<hash of the user name>: plant a directory there as the attacker.
        Path jnaDefault = Path.of(System.getProperty("java.io.tmpdir"), "jna-" + "root".hashCode());
        attacker.runAs("mkdir", "-m", "0777", jnaDefault.toString());
        try (ProcessSupervisor supervisor = ProcessSupervisor.launch(ledgers)) {
            List<String> maps = Files.readAllLines(Path.of("/proc", Long.toString(supervisor.pid()), "maps"));
            List<String> jna = maps.stream()
                    .filter(l -> l.contains("jnidispatch"))
                    .map(l -> l.substring(l.indexOf('/')))
                    .distinct()
                    .toList();
            Path state = dev.tether.killer.state.StateDirectory.forThisUser().path();

            assertEquals(1, jna.size(), "JNA's native library is loaded: " + jna);
            assertTrue(jna.get(0).startsWith(state + "/"), "loaded from outside " + state + ": " + jna);
        } finally {
            attacker.runAs("rm", "-rf", jnaDefault.toString());
        }
    }
}
