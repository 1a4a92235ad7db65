package dev.tether.killer.internal.posix;

import com.sun.jna.LastErrorException;
import com.sun.jna.NativeLong;
import java.nio.ByteBuffer;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

/** The netlink socket a {@link SockDiag} dump goes through: one short-lived socket per address family asked. */
final class SockDiagSocket {
    /**
     * The kernel fills a dump's datagram up to a page (64 KiB on some arm64 and ppc64 kernels) or the largest read
     * it has seen: a buffer that large never truncates one. One buffer serves both families' dumps.
     */
    private static final int ANSWER_BYTES = 64 * 1024;

    private static final AtomicInteger SEQUENCE = new AtomicInteger();

    private SockDiagSocket() {}

    /** The inodes of the TCP sockets listening on {@code port}, IPv4 and IPv6; empty if netlink refused. */
    static Optional<Set<Long>> listenerInodes(LinuxLibC linux, int port) {
        Set<Long> inodes = new HashSet<>();
        byte[] answer = new byte[ANSWER_BYTES];
        try {
            for (int family : new int[] {SockDiag.AF_INET, SockDiag.AF_INET6}) {
                dump(linux, family, port, answer, inodes);
            }
            return Optional.of(inodes);
        } catch (LastErrorException | IllegalStateException e) {
            return Optional.empty();
        }
    }

    private static void dump(LinuxLibC linux, int family, int port, byte[] answer, Set<Long> inodes) {
        int socket = linux.socket(LinuxLibC.AF_NETLINK, LinuxLibC.SOCK_DGRAM_CLOEXEC, SockDiag.NETLINK_SOCK_DIAG);
        try {
            byte[] request = SockDiag.listenersRequest(family, SEQUENCE.incrementAndGet());
            linux.send(socket, request, new NativeLong(request.length), 0);
            SockDiag.Progress progress = SockDiag.Progress.MORE;
            while (progress == SockDiag.Progress.MORE) {
                int read = linux.recv(socket, answer, new NativeLong(answer.length), 0)
                        .intValue();
                if (read <= 0) {
                    throw new IllegalStateException("sock_diag closed its answer after " + read + " bytes");
                }
                progress = SockDiag.readAnswer(ByteBuffer.wrap(answer, 0, read), port, inodes::add);
            }
        } finally {
            linux.close(socket);
        }
    }
}
