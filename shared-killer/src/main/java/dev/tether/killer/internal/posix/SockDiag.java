package dev.tether.killer.internal.posix;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.function.LongConsumer;

/**
 * The bytes of a Linux {@code NETLINK_SOCK_DIAG} dump of listening TCP sockets (see sock_diag(7)): the request,
 * and the listeners on one port in the kernel's answer. The kernel walks only its listening hash for this
 * request (~0.05 ms), where reading /proc/net/tcp walks every socket of the machine, TIME_WAIT included (~2 ms
 * per table, measured). Pure logic over buffers; the socket calls are in {@link NativePosix}.
 */
final class SockDiag {
    static final int AF_INET = 2;
    static final int AF_INET6 = 10;
    static final int NETLINK_SOCK_DIAG = 4;

    private static final int NLMSG_HEADER = 16;
    private static final short NLMSG_ERROR = 2;
    private static final short NLMSG_DONE = 3;
    private static final short SOCK_DIAG_BY_FAMILY = 20;
    private static final short NLM_F_REQUEST_DUMP = 0x1 | 0x300;
    private static final int IPPROTO_TCP = 6;
    private static final int TCP_LISTEN = 10;
    /** struct inet_diag_req_v2: family, protocol, ext, pad, states, then the 48-byte inet_diag_sockid. */
    private static final int REQUEST_BODY = 8 + 48;
    /** struct inet_diag_msg: family, state, timer, retrans, sockid (48), expires, rqueue, wqueue, uid, inode. */
    private static final int MESSAGE_BODY = 4 + 48 + 20;

    private static final int SPORT_OFFSET = 4;
    private static final int INODE_OFFSET = 4 + 48 + 16;

    private SockDiag() {}

    /** Outcome of reading one answer datagram. */
    enum Progress {
        MORE,
        DONE
    }

    /** A dump request for every listening TCP socket of one address family (filtered by port on our side). */
    static byte[] listenersRequest(int family, int sequence) {
        ByteBuffer request = ByteBuffer.allocate(NLMSG_HEADER + REQUEST_BODY).order(ByteOrder.nativeOrder());
        request.putInt(NLMSG_HEADER + REQUEST_BODY);
        request.putShort(SOCK_DIAG_BY_FAMILY);
        request.putShort(NLM_F_REQUEST_DUMP);
        request.putInt(sequence);
        request.putInt(0); // the kernel fills in our port id
        request.put((byte) family);
        request.put((byte) IPPROTO_TCP);
        request.put((byte) 0); // no extensions
        request.put((byte) 0);
        request.putInt(1 << TCP_LISTEN);
        // the sockid stays zero: a dump ignores it without a bytecode filter
        return request.array();
    }

    /**
     * Hands the inode of every listener on {@code port} in one datagram of the answer to {@code inodes}.
     *
     * @throws IllegalStateException when the kernel answered with an error (its errno in the message)
     */
    static Progress readAnswer(ByteBuffer answer, int port, LongConsumer inodes) {
        answer.order(ByteOrder.nativeOrder());
        int at = answer.position();
        while (answer.limit() - at >= NLMSG_HEADER) {
            int length = answer.getInt(at);
            short type = answer.getShort(at + 4);
            if (length < NLMSG_HEADER || at + length > answer.limit()) {
                throw new IllegalStateException("a sock_diag message claims " + length + " bytes at offset " + at
                        + " of a " + answer.limit() + "-byte answer");
            }
            if (type == NLMSG_DONE) {
                return Progress.DONE;
            }
            if (type == NLMSG_ERROR) {
                throw new IllegalStateException("sock_diag answered errno " + -answer.getInt(at + NLMSG_HEADER));
            }
            if (type == SOCK_DIAG_BY_FAMILY && length >= NLMSG_HEADER + MESSAGE_BODY) {
                int body = at + NLMSG_HEADER;
                int localPort = Short.toUnsignedInt(
                        answer.duplicate().order(ByteOrder.BIG_ENDIAN).getShort(body + SPORT_OFFSET));
                if (localPort == port) {
                    inodes.accept(Integer.toUnsignedLong(answer.getInt(body + INODE_OFFSET)));
                }
            }
            at += (length + 3) & ~3; // NLMSG_ALIGN
        }
        return Progress.MORE;
    }
}
