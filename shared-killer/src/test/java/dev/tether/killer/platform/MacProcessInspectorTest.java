package dev.tether.killer.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tether.killer.internal.posix.NativePosix;
import dev.tether.killer.process.ProcessInfo;
import dev.tether.killer.process.ProcessInspector;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

/** The cookie read through KERN_PROCARGS2, for real: runs on macOS only (the project's CI has no macOS runner). */
@EnabledOnOs(OS.MAC)
class MacProcessInspectorTest {
    @Test
    void theKernelsTableShowsThisJvmWithItsParentAndStartTime() {
        ProcessInspector portable = new PortableProcessInspector(NativePosix::get);
        MacProcessInspector mac = new MacProcessInspector(portable);
        int self = (int) ProcessHandle.current().pid();
        ProcessInfo fromKernel = mac.snapshot().get(self).orElseThrow();
        ProcessInfo fromJdk = portable.process(self).orElseThrow();
        assertEquals(fromJdk.ppid(), fromKernel.ppid());
        assertEquals(fromJdk.startTime(), fromKernel.startTime(), "the same unit as the JDK's (epoch ms)");
        assertEquals(fromJdk.pgid(), fromKernel.pgid());
    }

    @Test
    void aChildsEnvironmentVariableIsRead() throws Exception {
        ProcessBuilder builder = new ProcessBuilder("sleep", "30");
        builder.environment().put("TETHER_FIXTURE", "cookie-from-mac-test");
        Process child = builder.start();
        try {
            MacProcessInspector inspector = new MacProcessInspector(new PortableProcessInspector(NativePosix::get));
            assertEquals(
                    Optional.of("cookie-from-mac-test"),
                    inspector.environmentVariable((int) child.pid(), "TETHER_FIXTURE"));
            assertEquals(Optional.empty(), inspector.environmentVariable((int) child.pid(), "TETHER_NOT_SET"));
        } finally {
            child.destroyForcibly().waitFor();
        }
    }
}
