package it;

import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.tether.junit.Fixture;
import dev.tether.junit.ManagedProcess;
import dev.tether.junit.ProcessFixture;
import dev.tether.junit.Ready;
import dev.tether.killer.ports.PortOwners;
import java.util.List;
import org.junit.jupiter.api.Test;

@ManagedProcess(
        id = "daemon",
        command = {"sh", "-c", "setsid python3 -m http.server ${tether.port.web} --bind 127.0.0.1 </dev/null & exit 0"},
        ports = "web",
        daemonizes = true,
        ready = @Ready(http = "http://127.0.0.1:${tether.port.web}/", timeout = "30s"))
class DaemonTest {
    @Test
    void daemonServes(@Fixture("daemon") ProcessFixture daemon) throws Exception {
        List<Integer> listeners = List.copyOf(PortOwners.allHolders(PortOwners.listeningSockets(daemon.port("web"))));
        assertFalse(listeners.isEmpty());
        Pids.record("daemon", listeners);
    }
}
