package dev.tether.killer.supervisor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tether.killer.process.ProcessId;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Ledgers are evidence, not orders: what parses, and what is rejected whole. */
class LedgerTest {
    @TempDir
    Path dir;

    @Test
    void whatIsWrittenReadsBack() throws Exception {
        Ledger ledger = new Ledger(dir, new ProcessId(4242, 500), new ProcessId(4200, 400), "portable");
        ledger.write(
                List.of(new Ledger.Entry(
                        "web server",
                        new ProcessId(4250, 510),
                        "cookie-1",
                        Optional.empty(),
                        List.of(new ProcessId(4251, 511)),
                        OptionalLong.of(530))),
                List.of(new ProcessId(4270, 600)),
                Map.of("api", 590L),
                List.of(new Ledger.Ended(new ProcessId(4190, 450), 480)));

        Ledger.Record record = Ledger.read(ledger.file());

        assertEquals(new ProcessId(4242, 500), record.supervisor());
        assertEquals("portable", record.backend());
        assertEquals("web server", record.entries().get(0).key());
        assertEquals(List.of(new ProcessId(4251, 511)), record.entries().get(0).members());
        assertEquals(OptionalLong.of(530), record.entries().get(0).settled());
        assertEquals(List.of(new ProcessId(4270, 600)), record.unclaimed());
        assertEquals(List.of(590L), record.launching());
        assertEquals(List.of(new Ledger.Ended(new ProcessId(4190, 450), 480)), record.ended());
    }

    @Test
    void aLedgerWrittenBeforeLedgersNamedTheirBackendIsTheLinuxOnes() throws Exception {
        Path file = Files.writeString(dir.resolve("supervisor-4242.ledger"), "supervisor 4242@500\nowner 4200@400\n");
        assertEquals("linux", Ledger.read(file).backend());
        assertRejected("supervisor 4242@500\nbackend ../x\nowner 4200@400\n", "not a backend name");
    }

    @Test
    void theFixturesOfOtherSupervisorsOfTheSameBackendAreRivalsNotOwnOrAnotherBackends() throws Exception {
        Ledger mine = new Ledger(dir, new ProcessId(4242, 500), new ProcessId(4200, 400), "portable");
        Ledger other = new Ledger(dir, new ProcessId(5000, 700), new ProcessId(4900, 650), "portable");
        Ledger linux = new Ledger(dir, new ProcessId(6000, 70), new ProcessId(5900, 65), "linux");
        mine.write(List.of(entry("own", new ProcessId(4250, 510))), List.of(), Map.of("own-next", 515L), List.of());
        other.write(
                List.of(
                        entry("starting", new ProcessId(5010, 710)),
                        entry("ready", new ProcessId(5020, 720)).settledAt(760)),
                List.of(),
                Map.of("forking", 730L),
                List.of(new Ledger.Ended(new ProcessId(5005, 705), 715)));
        linux.write(List.of(entry("ticks", new ProcessId(6010, 71))), List.of(), Map.of(), List.of());

        assertEquals(
                List.of(
                        new OrphanMakers.Rival(new ProcessId(5010, 710), OrphanMakers.Rival.STILL_STARTING),
                        new OrphanMakers.Rival(new ProcessId(5020, 720), 760),
                        // launching, its fixture line not written yet: anything started from its floor on
                        new OrphanMakers.Rival(new ProcessId(0, 729), OrphanMakers.Rival.STILL_STARTING),
                        // stopped, and still evidence for a judgement made late
                        new OrphanMakers.Rival(new ProcessId(5005, 705), 715)),
                mine.rivalsOfOtherSupervisors());
    }

    @Test
    void aSettledLineNamesTheFixtureAboveItAndAStartTime() throws Exception {
        String head = "supervisor 4242@500\nowner 4200@400\nfixture web 4250@510 c -\n";
        assertRejected(head + "settled db 530\n", "does not follow that fixture's line");
        assertRejected("supervisor 4242@500\nowner 4200@400\nsettled web 530\n", "does not follow");
        assertRejected(head + "settled web 0\n", "not a start time");
        assertRejected(head + "settled web soon\n", "soon");
    }

    @Test
    void anEndedLineIsALeaderAndAStartTime() throws Exception {
        String head = "supervisor 4242@500\nowner 4200@400\n";
        assertRejected(head + "ended 1@450 480\n", "1@450");
        assertRejected(head + "ended 4190@450 0\n", "not a start time");
    }

    private static Ledger.Entry entry(String key, ProcessId leader) {
        return new Ledger.Entry(key, leader, "cookie", Optional.empty(), List.of(), OptionalLong.empty());
    }

    @Test
    void aZeroStartTimeIsNeverAnIdentity() throws Exception {
        assertRejected("supervisor 4242@500\nowner 4200@400\nfixture web 1234@0 c -\n", "1234@0");
    }

    @Test
    void aCgroupTetherDidNotMakeIsRejected() throws Exception {
        assertRejected(
                "supervisor 4242@500\nowner 4200@400\nfixture web 1234@600 c /sys/fs/cgroup/system.slice\n",
                "/sys/fs/cgroup/system.slice");
        assertRejected(
                "supervisor 4242@500\nowner 4200@400\nfixture web 1234@600 c /sys/fs/cgroup/tether-4242/../x/fixture-1\n",
                "not one Tether made");
        // the right shape, but another supervisor's
        assertRejected(
                "supervisor 4242@500\nowner 4200@400\nfixture web 1234@600 c /sys/fs/cgroup/unified/tether-99/fixture-1\n",
                "not one Tether made");
    }

    @Test
    void unknownLinesAndMissingHeadersRejectTheWholeFile() throws Exception {
        assertRejected("supervisor 4242@500\nowner 4200@400\nkill 1\n", "unknown line kind");
        assertRejected("fixture web 1234@600 c -\n", "before the supervisor");
        assertRejected("", "no supervisor or owner");
    }

    @Test
    void aRejectedLedgerIsSetAsideNotDeleted() throws Exception {
        Path file = Files.writeString(dir.resolve("supervisor-1.ledger"), "garbage\n");

        Ledger.Reading reading = Ledger.readAll(dir);
        Path aside = Ledger.setAside(reading.rejected().get(0).file());

        assertEquals(List.of(), reading.records());
        assertTrue(Files.exists(aside));
        assertTrue(Files.notExists(file));
    }

    private void assertRejected(String text, String expectedInMessage) throws Exception {
        Path file = Files.writeString(dir.resolve("supervisor-4242.ledger"), text);
        Ledger.MalformedLedgerException e =
                assertThrows(Ledger.MalformedLedgerException.class, () -> Ledger.read(file));
        assertTrue(e.getMessage().contains(expectedInMessage), e.getMessage());
    }
}
