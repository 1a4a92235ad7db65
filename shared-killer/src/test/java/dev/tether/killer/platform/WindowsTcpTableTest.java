package dev.tether.killer.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Set;
import org.junit.jupiter.api.Test;

class WindowsTcpTableTest {

    @Test
    void ipv4RowsNameTheOwnerOfThePort() {
        ByteBuffer table = table(WindowsTcpTable.IPV4_ROW, 3);
        ipv4Row(table, 0, 8080, 4242);
        ipv4Row(table, 1, 9090, 17);
        ipv4Row(table, 2, 8080, 4343);
        assertEquals(Set.of(4242, 4343), WindowsTcpTable.listenersIn(table, WindowsTcpTable.AF_INET, 8080));
        assertEquals(Set.of(), WindowsTcpTable.listenersIn(table, WindowsTcpTable.AF_INET, 80));
    }

    @Test
    void ipv6RowsNameTheOwnerOfThePort() {
        ByteBuffer table = table(WindowsTcpTable.IPV6_ROW, 2);
        int first = 4;
        table.put(first + 20, (byte) 0xFF).put(first + 21, (byte) 0xFE); // port 65534, network order
        table.putInt(first + 52, 999);
        int second = 4 + WindowsTcpTable.IPV6_ROW;
        table.put(second + 20, (byte) 0x1F).put(second + 21, (byte) 0x90); // 8080
        table.putInt(second + 52, 1234);
        assertEquals(Set.of(999), WindowsTcpTable.listenersIn(table, WindowsTcpTable.AF_INET6, 65534));
        assertEquals(Set.of(1234), WindowsTcpTable.listenersIn(table, WindowsTcpTable.AF_INET6, 8080));
    }

    @Test
    void aCountBeyondTheBufferIsRefused() {
        ByteBuffer table = table(WindowsTcpTable.IPV4_ROW, 1);
        table.putInt(0, 50);
        assertThrows(IllegalStateException.class, () -> WindowsTcpTable.listenersIn(table, WindowsTcpTable.AF_INET, 1));
    }

    private static ByteBuffer table(int rowSize, int rows) {
        ByteBuffer table = ByteBuffer.allocate(4 + rowSize * rows).order(ByteOrder.LITTLE_ENDIAN);
        table.putInt(0, rows);
        return table;
    }

    /** MIB_TCPROW_OWNER_PID: state (2 = LISTEN), local address, local port (network order), remote, pid. */
    private static void ipv4Row(ByteBuffer table, int row, int port, int pid) {
        int at = 4 + row * WindowsTcpTable.IPV4_ROW;
        table.putInt(at, 2);
        table.put(at + 8, (byte) (port >> 8)).put(at + 9, (byte) port);
        table.putInt(at + 20, pid);
    }
}
