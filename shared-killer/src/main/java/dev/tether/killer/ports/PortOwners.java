package dev.tether.killer.ports;

import dev.tether.killer.platform.Backend;
import dev.tether.killer.process.ProcessInspector;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Who listens on a TCP port (Linux): the listening sockets come from /proc/net/tcp and tcp6 (state 0A), and
 * the processes holding them from the socket:[inode] links in /proc/PID/fd. Elsewhere ownership cannot be
 * read without lsof, so {@link #isSupported()} is false on a backend without /proc and callers skip the owner
 * check (documented).
 */
public final class PortOwners {
    private static final String LISTEN = "0A";
    private static final int SEQ_FILE_PAGE = 4096;
    /** More than the longest row (tcp6 rows are ~180 bytes). */
    private static final int ROW_ROOM = 512;

    private PortOwners() {}

    /** Who holds a port, seen from one tree. */
    public record Ownership(Kind kind, Set<Integer> otherHolders) {
        public enum Kind {
            /** A process of the tree listens on it. */
            TREE,
            /** Something else listens; {@code otherHolders} names it unless it is another user's process. */
            OTHER,
            /** Nothing listens. */
            FREE,
            /** Not readable on this OS. */
            UNKNOWN
        }
    }

    /** Whether {@code port} is served by one of {@code tree}'s processes, by something else, or by nobody. */
    public static Ownership ownership(int port, Collection<Integer> tree) {
        if (!isSupported()) {
            return new Ownership(Ownership.Kind.UNKNOWN, Set.of());
        }
        Set<Long> sockets = listeningSockets(port);
        if (sockets.isEmpty()) {
            return new Ownership(Ownership.Kind.FREE, Set.of());
        }
        if (!holders(sockets, tree).isEmpty()) {
            return new Ownership(Ownership.Kind.TREE, Set.of());
        }
        return new Ownership(Ownership.Kind.OTHER, allHolders(sockets));
    }

    public static boolean isSupported() {
        return Backend.current().readsProcFilesystem() && Files.isReadable(Paths.get("/proc/net/tcp"));
    }

    /** Inodes of the sockets listening on {@code port}, IPv4 and IPv6. */
    public static Set<Long> listeningSockets(int port) {
        Set<Long> inodes = new HashSet<>();
        eachListener(port, (inode, uid) -> inodes.add(inode));
        return inodes;
    }

    /** The users owning the sockets listening on {@code port}: readable even when their processes are not. */
    static Set<Integer> listenerUids(int port) {
        Set<Integer> uids = new LinkedHashSet<>();
        eachListener(port, (inode, uid) -> uids.add(uid));
        return uids;
    }

    interface ListenerSink {
        void accept(long inode, int uid);
    }

    private static void eachListener(int port, ListenerSink sink) {
        for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
            String text;
            try {
                text = readWhole(Paths.get(table));
            } catch (IOException e) {
                continue;
            }
            listenersIn(text, port, sink);
        }
    }

    /** The listeners on {@code port} in the text of a /proc/net/tcp{,6} table (header line first). */
    static void listenersIn(String text, int port, ListenerSink sink) {
        int lineStart = text.indexOf('\n') + 1; // skip the header
        while (lineStart > 0 && lineStart < text.length()) {
            int lineEnd = text.indexOf('\n', lineStart);
            if (lineEnd < 0) {
                lineEnd = text.length();
            }
            listening(text, lineStart, lineEnd, port, sink);
            lineStart = lineEnd + 1;
        }
    }

    /**
     * Reads a /proc/net table with as few read(2) calls as possible: the kernel walks its whole socket hash on
     * every call (~2 ms here, measured with strace), the closing empty read included. The table is a seq_file
     * that fills one page per read, so a read that leaves more than a row's room in the page was the last.
     */
    private static String readWhole(Path table) throws IOException {
        try (FileChannel channel = FileChannel.open(table)) {
            ByteBuffer buffer = ByteBuffer.allocate(1 << 20);
            int read;
            while ((read = channel.read(buffer)) > 0 && read >= SEQ_FILE_PAGE - ROW_ROOM && buffer.hasRemaining()) {
                // a full page: there may be more
            }
            return new String(buffer.array(), 0, buffer.position(), StandardCharsets.ISO_8859_1);
        }
    }

    /**
     * Parses one row without regular expressions (the table holds every TIME_WAIT socket of the machine and is
     * read on every readiness check): fields are sl, local, remote, state, ... uid (the 8th), timeout, inode.
     */
    private static void listening(String text, int start, int end, int port, ListenerSink sink) {
        int[] field = new int[11];
        int count = 0;
        int i = start;
        while (i < end && count < 11) {
            while (i < end && text.charAt(i) == ' ') {
                i++;
            }
            field[count++] = i;
            while (i < end && text.charAt(i) != ' ') {
                i++;
            }
        }
        if (count < 10 || !text.startsWith(LISTEN, field[3])) {
            return;
        }
        int colon = text.indexOf(':', field[1]);
        int localPort = Integer.parseInt(text.substring(colon + 1, text.indexOf(' ', colon)), 16);
        if (localPort != port) {
            return;
        }
        sink.accept(
                Long.parseLong(text.substring(field[9], text.indexOf(' ', field[9]))),
                Integer.parseInt(text.substring(field[7], text.indexOf(' ', field[7]))));
    }

    /** The pids among {@code candidates} that hold one of the sockets. */
    public static Set<Integer> holders(Set<Long> sockets, Collection<Integer> candidates) {
        Set<Integer> found = new LinkedHashSet<>();
        for (int pid : candidates) {
            if (holdsAny(pid, sockets)) {
                found.add(pid);
            }
        }
        return found;
    }

    /** Every process (readable by this user) holding one of the sockets. */
    public static Set<Integer> allHolders(Set<Long> sockets) {
        Set<Integer> pids = new LinkedHashSet<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(Paths.get("/proc"), "[0-9]*")) {
            for (Path entry : entries) {
                int pid = Integer.parseInt(entry.getFileName().toString());
                if (holdsAny(pid, sockets)) {
                    pids.add(pid);
                }
            }
        } catch (IOException e) {
            // nothing more can be said
        }
        return pids;
    }

    private static boolean holdsAny(int pid, Set<Long> sockets) {
        if (sockets.isEmpty()) {
            return false;
        }
        try (DirectoryStream<Path> fds = Files.newDirectoryStream(Paths.get("/proc", Integer.toString(pid), "fd"))) {
            for (Path fd : fds) {
                String target;
                try {
                    target = Files.readSymbolicLink(fd).toString();
                } catch (IOException e) {
                    continue;
                }
                if (target.startsWith("socket:[")
                        && sockets.contains(Long.parseLong(target.substring(8, target.length() - 1)))) {
                    return true;
                }
            }
        } catch (IOException | SecurityException e) {
            return false; // gone, or another user's process
        }
        return false;
    }

    /** "pid 4242 (python3 -m http.server 8080)" for every listener on the port, or "an unknown process". */
    public static String describeListeners(int port) {
        Set<Integer> holders = allHolders(listeningSockets(port));
        if (holders.isEmpty()) {
            Set<Integer> uids = listenerUids(port);
            if (!uids.isEmpty()) {
                return "a process of "
                        + uids.stream().map(PortOwners::userName).collect(Collectors.joining(", "))
                        + ", which this user cannot inspect";
            }
        }
        return describe(holders);
    }

    /** "user root (uid 0)", from /etc/passwd; "uid 1234" when it has no entry. */
    static String userName(int uid) {
        try {
            for (String line : Files.readAllLines(Paths.get("/etc/passwd"))) {
                String[] fields = line.split(":", -1);
                if (fields.length > 2 && fields[2].equals(Integer.toString(uid))) {
                    return "user " + fields[0] + " (uid " + uid + ")";
                }
            }
        } catch (IOException e) {
            // the number alone then
        }
        return "uid " + uid;
    }

    /** "pid 4242 (python3 -m http.server 8080), ..." for holders found before, or "a process ... cannot inspect". */
    public static String describe(Set<Integer> pids) {
        if (pids.isEmpty()) {
            return "a process this user cannot inspect";
        }
        ProcessInspector inspector = Backend.current().inspector();
        return pids.stream()
                .map(pid -> "pid " + pid + " (" + inspector.commandLine(pid) + ")")
                .collect(Collectors.joining(", "));
    }
}
