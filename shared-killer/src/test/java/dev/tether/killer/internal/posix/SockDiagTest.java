package dev.tether.killer.internal.posix;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tether.killer.ports.PortOwners;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

class SockDiagTest {

    @Test
    void theRequestIsANetlinkDumpOfListeningTcpSockets() {
        ByteBuffer request =
                ByteBuffer.wrap(SockDiag.listenersRequest(SockDiag.AF_INET6, 7)).order(ByteOrder.nativeOrder());
        assertEquals(72, request.getInt(0), "nlmsghdr (16) + inet_diag_req_v2 (56)");
        assertEquals(20, request.getShort(4), "SOCK_DIAG_BY_FAMILY");
        assertEquals(0x301, request.getShort(6), "NLM_F_REQUEST | NLM_F_DUMP");
        assertEquals(7, request.getInt(8));
        assertEquals(SockDiag.AF_INET6, request.get(16));
        assertEquals(6, request.get(17), "IPPROTO_TCP");
        assertEquals(1 << 10, request.getInt(20), "TCPF_LISTEN only");
    }

    @Test
    void onlyListenersOnTheAskedPortAreTaken() {
        ByteBuffer answer = answer(message(8080, 111), message(9090, 222), message(8080, 0xFFFF_FFF0L), done());
        List<Long> inodes = new ArrayList<>();
        assertEquals(SockDiag.Progress.DONE, SockDiag.readAnswer(answer, 8080, inodes::add));
        assertEquals(List.of(111L, 0xFFFF_FFF0L), inodes, "inodes are unsigned 32-bit");
    }

    @Test
    void anAnswerWithoutDoneAsksForMore() {
        List<Long> inodes = new ArrayList<>();
        assertEquals(SockDiag.Progress.MORE, SockDiag.readAnswer(answer(message(65535, 5)), 65535, inodes::add));
        assertEquals(List.of(5L), inodes);
    }

    @Test
    void aKernelErrorAndATruncatedMessageAreRefused() {
        ByteBuffer error = ByteBuffer.allocate(20).order(ByteOrder.nativeOrder());
        error.putInt(20)
                .putShort((short) 2)
                .putShort((short) 0)
                .putInt(1)
                .putInt(0)
                .putInt(-13);
        IllegalStateException refused =
                assertThrows(IllegalStateException.class, () -> SockDiag.readAnswer(error.flip(), 1, i -> {}));
        assertTrue(refused.getMessage().contains("errno 13"), refused.getMessage());

        ByteBuffer truncated = ByteBuffer.allocate(16).order(ByteOrder.nativeOrder());
        truncated.putInt(88).putShort((short) 20).putShort((short) 2).putInt(1).putInt(0);
        assertThrows(IllegalStateException.class, () -> SockDiag.readAnswer(truncated.flip(), 1, i -> {}));
    }

    @Test
    @EnabledOnOs(OS.LINUX)
    void theKernelNamesTheSameListenersAsProcNetTcp() throws IOException {
        try (ServerSocket v4 = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"));
                ServerSocket any = new ServerSocket(0)) {
            for (int port : new int[] {v4.getLocalPort(), any.getLocalPort()}) {
                Optional<Set<Long>> inodes = NativePosix.get().listeningSocketInodes(port);
                assertTrue(inodes.isPresent(), "sock_diag answers on this machine");
                assertEquals(PortOwners.listeningSockets(port), inodes.get(), "port " + port);
                assertEquals(1, inodes.get().size(), "port " + port);
            }
        }
    }

    private static ByteBuffer answer(ByteBuffer... messages) {
        ByteBuffer all = ByteBuffer.allocate(4096).order(ByteOrder.nativeOrder());
        for (ByteBuffer message : messages) {
            all.put(message.flip());
        }
        return all.flip();
    }

    /** nlmsghdr + inet_diag_msg with the local port (network order) and the inode set. */
    private static ByteBuffer message(int port, long inode) {
        ByteBuffer message = ByteBuffer.allocate(16 + 72).order(ByteOrder.nativeOrder());
        message.putInt(16 + 72)
                .putShort((short) 20)
                .putShort((short) 2)
                .putInt(1)
                .putInt(0);
        message.put((byte) SockDiag.AF_INET).put((byte) 10).put((byte) 0).put((byte) 0);
        message.put((byte) (port >> 8)).put((byte) port); // sport, big-endian
        message.position(16 + 4 + 48 + 16);
        message.putInt((int) inode);
        return message;
    }

    private static ByteBuffer done() {
        ByteBuffer done = ByteBuffer.allocate(20).order(ByteOrder.nativeOrder());
        return done.putInt(20)
                .putShort((short) 3)
                .putShort((short) 2)
                .putInt(1)
                .putInt(0)
                .putInt(0);
    }
}
