package dev.tether.killer.reuse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tether.killer.InvalidSpecException;
import dev.tether.killer.client.TreeRecord;
import dev.tether.killer.config.FixtureSpec;
import dev.tether.killer.config.Probe;
import dev.tether.killer.config.Readiness;
import dev.tether.killer.process.ProcessId;
import dev.tether.killer.stop.StopPolicy;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The parts of reuse that are pure logic: fingerprints, the record file, the CI switch. */
class ReuseRecordsTest {
    @TempDir
    Path dir;

    private static FixtureSpec web() {
        return FixtureSpec.of("web", "python3 -m http.server ${tether.port.web}")
                .withWorkingDirectory(Path.of("/project"))
                .withPorts("web")
                .withReadiness(Readiness.allOf(Duration.ofSeconds(30), new Probe.Tcp("127.0.0.1", "web")));
    }

    @Test
    void theFingerprintFollowsWhatRunsAndIgnoresHowItIsHandled() {
        String base = FixtureFingerprint.of(web());
        assertEquals(base, FixtureFingerprint.of(web()));
        assertEquals(base, FixtureFingerprint.of(web().withStopPolicy(StopPolicy.parse("INT 5s"))));
        assertEquals(base, FixtureFingerprint.of(web().withLogFile(Path.of("/elsewhere/web.log"))));
        assertEquals(
                base,
                FixtureFingerprint.of(web().withReadiness(
                                Readiness.allOf(Duration.ofSeconds(90), new Probe.Tcp("127.0.0.1", "web")))));
        assertNotEquals(base, FixtureFingerprint.of(web().withEnvironment(Map.of("MODE", "debug"))));
        assertNotEquals(base, FixtureFingerprint.of(web().withWorkingDirectory(Path.of("/other"))));
        assertNotEquals(base, FixtureFingerprint.of(web().withPorts("web=8080")));
        assertNotEquals(base, FixtureFingerprint.of(web().withDaemonizes(true)));
        assertNotEquals(
                FixtureFingerprint.of(FixtureSpec.of("a", List.of("echo", "a b"))),
                FixtureFingerprint.of(FixtureSpec.of("a", List.of("echo", "a", "b"))),
                "word boundaries count");
    }

    @Test
    void theFingerprintDoesNotDependOnTheEnvironmentMapsOrder() {
        Map<String, String> one = new LinkedHashMap<>();
        one.put("A", "1");
        one.put("B", "2");
        Map<String, String> other = new LinkedHashMap<>();
        other.put("B", "2");
        other.put("A", "1");
        assertEquals(
                FixtureFingerprint.of(web().withEnvironment(one)),
                FixtureFingerprint.of(web().withEnvironment(new HashMap<>(other))));
    }

    @Test
    void recordsRoundTripIdsLogsAndPortsWithSpaces() throws IOException {
        FixtureRecords.Entry entry = new FixtureRecords.Entry(
                "web.v2",
                new TreeRecord("web.v2#g1", ProcessId.parse("4242@99"), "abc-123", Optional.empty(), 77),
                FixtureFingerprint.of(web()),
                Path.of("/my project/target/tether/web.log"),
                Map.of("web", 41234, "admin", 41235));
        Path file = dir.resolve("run.state");
        FixtureRecords.write(file, List.of(entry));
        assertEquals(List.of(entry), FixtureRecords.read(file));
        assertTrue(FixtureRecords.read(dir.resolve("absent.state")).isEmpty());
    }

    @Test
    void aMalformedOrPlantedRecordIsRefusedNamingTheFileAndLine() throws IOException {
        Path file = dir.resolve("run.state");
        Files.writeString(file, "\nweb tree web 4242@99 abc - 77 not-a-fingerprint /log\n");
        IOException error = assertThrows(IOException.class, () -> FixtureRecords.read(file));
        assertTrue(
                error.getMessage().startsWith(file + " line 2 is not a Tether fixture record (not a fingerprint"),
                error.getMessage());
        Path link = dir.resolve("link.state");
        Files.createSymbolicLink(link, file);
        IOException linked = assertThrows(IOException.class, () -> FixtureRecords.read(link));
        assertTrue(linked.getMessage().contains("not a regular file"), linked.getMessage());
    }

    @Test
    void reuseIsOffOnCiWithOneWarning() {
        assertEquals(new ReuseSetting(true, Optional.empty()), ReuseSetting.of(true, null));
        assertEquals(new ReuseSetting(true, Optional.empty()), ReuseSetting.of(true, "false"));
        assertEquals(new ReuseSetting(false, Optional.empty()), ReuseSetting.of(false, "true"));
        ReuseSetting onCi = ReuseSetting.of(true, "true");
        assertFalse(onCi.on());
        assertTrue(onCi.warning().orElseThrow().contains("reuse is off on CI (the environment variable CI is 'true')"));
    }

    @Test
    void theSwitchIsTrueOrFalseAndNothingElse() {
        assertTrue(ReuseSetting.asked("true"));
        assertTrue(ReuseSetting.asked(" TRUE "));
        assertFalse(ReuseSetting.asked("false"));
        assertFalse(ReuseSetting.asked(null));
        assertFalse(ReuseSetting.asked(""));
        InvalidSpecException typo = assertThrows(InvalidSpecException.class, () -> ReuseSetting.asked("yes"));
        assertTrue(
                typo.getMessage().startsWith("tether.reuse is 'yes', which is neither true nor false."),
                typo.getMessage());
    }
}
