package dev.tether.killer.platform;

import com.sun.jna.Library;
import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.ptr.IntByReference;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Who listens on a TCP port on Windows: GetExtendedTcpTable with TCP_TABLE_OWNER_PID_LISTENER names the owning pid
 * of every listening socket, IPv4 (MIB_TCPTABLE_OWNER_PID, 24-byte rows) and IPv6 (MIB_TCP6TABLE_OWNER_PID, 56-byte
 * rows). The parsing is pure and unit-tested on every OS; the call runs only on Windows.
 */
final class WindowsTcpTable {
    static final int AF_INET = 2;
    static final int AF_INET6 = 23;
    static final int IPV4_ROW = 24;
    static final int IPV6_ROW = 56;
    private static final int TCP_TABLE_OWNER_PID_LISTENER = 3;
    private static final int ERROR_INSUFFICIENT_BUFFER = 122;
    private static final int NO_ERROR = 0;

    /** iphlpapi.dll. */
    interface IpHelper extends Library {
        int GetExtendedTcpTable(
                Memory table, IntByReference size, boolean order, int family, int tableClass, int reserved);

        static IpHelper load() {
            return Native.load("iphlpapi", IpHelper.class);
        }
    }

    private WindowsTcpTable() {}

    /** The pids listening on {@code port}, IPv4 and IPv6 (Windows only). */
    static Set<Integer> listeners(IpHelper ipHelper, int port) {
        Set<Integer> pids = new LinkedHashSet<>();
        for (int family : new int[] {AF_INET, AF_INET6}) {
            pids.addAll(listenersIn(table(ipHelper, family), family, port));
        }
        return pids;
    }

    private static ByteBuffer table(IpHelper ipHelper, int family) {
        IntByReference size = new IntByReference(16 * 1024);
        for (int attempt = 0; attempt < 5; attempt++) {
            Memory buffer = new Memory(size.getValue());
            int result = ipHelper.GetExtendedTcpTable(buffer, size, false, family, TCP_TABLE_OWNER_PID_LISTENER, 0);
            if (result == NO_ERROR) {
                return buffer.getByteBuffer(0, buffer.size()).order(ByteOrder.LITTLE_ENDIAN);
            }
            if (result != ERROR_INSUFFICIENT_BUFFER) {
                throw new IllegalStateException("GetExtendedTcpTable failed with Windows error " + result);
            }
        }
        throw new IllegalStateException("GetExtendedTcpTable kept growing while it was read");
    }

    /**
     * The owning pids of the rows for {@code port} in one table: a DWORD count, then the rows. A row's port is a
     * DWORD whose first two bytes hold the port in network order.
     */
    static Set<Integer> listenersIn(ByteBuffer table, int family, int port) {
        ByteBuffer rows = table.duplicate().order(ByteOrder.LITTLE_ENDIAN);
        int count = rows.getInt(0);
        int rowSize = family == AF_INET ? IPV4_ROW : IPV6_ROW;
        int portOffset = family == AF_INET ? 8 : 20;
        int pidOffset = rowSize - 4;
        if (count < 0 || 4L + (long) count * rowSize > rows.limit()) {
            throw new IllegalStateException("a TCP table claims " + count + " rows in " + rows.limit() + " bytes");
        }
        Set<Integer> pids = new LinkedHashSet<>();
        for (int row = 0; row < count; row++) {
            int at = 4 + row * rowSize;
            int localPort = ((rows.get(at + portOffset) & 0xff) << 8) | (rows.get(at + portOffset + 1) & 0xff);
            if (localPort == port) {
                pids.add(rows.getInt(at + pidOffset));
            }
        }
        return pids;
    }
}
