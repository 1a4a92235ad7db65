package dev.tether.killer.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tether.killer.TetherException;
import dev.tether.killer.process.OperatingSystem;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class BackendTest {
    private static Backend choose(String property, String variable, OperatingSystem os) {
        return Backend.choose(
                Optional.ofNullable(property).map(p -> "-Dtether.backend=" + p),
                Optional.ofNullable(variable).map(v -> "TETHER_BACKEND=" + v),
                os);
    }

    @Test
    void eachOsGetsItsOwnBackendUnlessOneIsForced() {
        assertEquals(Backend.LINUX, choose(null, null, OperatingSystem.LINUX));
        assertEquals(Backend.MACOS, choose(null, null, OperatingSystem.MAC));
        assertEquals(Backend.WINDOWS, choose(null, null, OperatingSystem.WINDOWS));
        assertEquals(Backend.PORTABLE, choose(null, null, OperatingSystem.OTHER));
        assertEquals(Backend.LINUX, choose("", " ", OperatingSystem.LINUX), "blank settings are no settings");
    }

    @Test
    void thePropertyWinsOverTheVariableAndCaseDoesNotMatter() {
        assertEquals(Backend.PORTABLE, choose(null, "portable", OperatingSystem.LINUX));
        assertEquals(Backend.PORTABLE, choose(" Portable ", "linux", OperatingSystem.LINUX));
        assertEquals(Backend.LINUX, choose("linux", "portable", OperatingSystem.LINUX));
        assertEquals(Backend.PORTABLE, choose(null, "portable", OperatingSystem.MAC));
    }

    @Test
    void anUnknownNameIsRefusedWithTheSettingAsWrittenAndEveryValidName() {
        TetherException error =
                assertThrows(TetherException.class, () -> choose(null, "protable", OperatingSystem.LINUX));
        assertEquals(
                "Unknown Tether backend in TETHER_BACKEND=protable. Use one of linux, portable, macos, windows, or"
                        + " remove the setting to let Tether choose the one for this OS.",
                error.getMessage());
    }

    @Test
    void aBackendForcedOnAnotherOsIsRefusedNamingThisOsOwn() {
        TetherException error = assertThrows(TetherException.class, () -> choose("linux", null, OperatingSystem.MAC));
        assertEquals(
                "The Tether backend in -Dtether.backend=linux cannot run on macOS. Use 'macos' (this OS's own) or"
                        + " 'portable', or remove the setting.",
                error.getMessage());
        assertThrows(TetherException.class, () -> choose(null, "portable", OperatingSystem.WINDOWS));
        assertThrows(TetherException.class, () -> choose(null, "macos", OperatingSystem.LINUX));
    }

    @Test
    void windowsIsRefusedBeforeAnythingStartsWithWhatToUseInstead() {
        TetherException error = assertThrows(TetherException.class, Backend.WINDOWS::inspector);
        assertTrue(error.getMessage().contains("WSL 2"), error.getMessage());
        assertEquals(Backend.PORTABLE, Backend.PORTABLE.requireRunnable());
    }

    @Test
    void onlyTheLinuxBackendClaimsTheSubreaperCgroupsAndProc() {
        assertTrue(
                Backend.LINUX.hasSubreaper() && Backend.LINUX.mayUseCgroups() && Backend.LINUX.readsProcFilesystem());
        for (Backend other : new Backend[] {Backend.PORTABLE, Backend.MACOS, Backend.WINDOWS}) {
            assertFalse(other.hasSubreaper() || other.mayUseCgroups() || other.readsProcFilesystem(), other.name());
        }
    }
}
