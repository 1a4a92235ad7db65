package dev.tether.killer.ports;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Parsing of /proc/net/tcp rows as the kernel writes them (Linux 6.1, copied from this machine's format). */
class ProcNetTcpTest {
    private static final String TABLE = """
              sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode
               0: 0100007F:1F90 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 41234 1 0000000000000000 100 0 0 10 0
               1: 00000000:1F91 00000000:0000 0A 00000000:00000000 00:00000000 00000000  1001        0 55555 1 0000000000000000 100 0 0 10 0
               2: 0100007F:1F90 0100007F:D2A4 01 00000000:00000000 00:00000000 00000000     0        0 66666 1 0000000000000000 20 4 30 10 -1
               3: 0100007F:1F90 0100007F:D2A6 06 00000000:00000000 03:00000DC5 00000000     0        0 0 3 0000000000000000
            """;

    private static List<String> listeners(String table, int port) {
        List<String> found = new ArrayList<>();
        PortOwners.listenersIn(table, port, (inode, uid) -> found.add(inode + "/" + uid));
        return found;
    }

    @Test
    void findsTheListeningSocketOfThePortWithItsInodeAndUid() {
        assertEquals(List.of("41234/0"), listeners(TABLE, 8080));
        assertEquals(List.of("55555/1001"), listeners(TABLE, 8081));
    }

    @Test
    void ignoresEstablishedAndTimeWaitRowsOfTheSamePort() {
        // rows 2 (ESTABLISHED, 01) and 3 (TIME_WAIT, 06) are on port 8080 too; only the LISTEN row (0A) counts
        assertEquals(1, listeners(TABLE, 8080).size());
    }

    @Test
    void aPortNobodyListensOnHasNoListener() {
        assertEquals(List.of(), listeners(TABLE, 9090));
    }

    @Test
    void anEmptyTableOrAHeaderAloneHasNoListener() {
        assertEquals(List.of(), listeners("", 8080));
        assertEquals(List.of(), listeners(TABLE.lines().findFirst().orElseThrow() + "\n", 8080));
    }

    @Test
    void readsIpv6Rows() {
        String table6 = """
                  sl  local_address                         remote_address                        st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode
                   0: 00000000000000000000000001000000:1F90 00000000000000000000000000000000:0000 0A 00000000:00000000 00:00000000 00000000   999        0 77777 1 0000000000000000 100 0 0 10 0
                """;
        assertEquals(List.of("77777/999"), listeners(table6, 8080));
    }
}
