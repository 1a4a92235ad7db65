package dev.tether.killer.internal.posix;

import com.sun.jna.LastErrorException;
import com.sun.jna.Memory;
import java.util.ArrayList;
import java.util.List;

/**
 * Waits for processes to exit through pidfds (Linux 5.3+): each becomes readable when its process exits, so a
 * stop learns of the last death at once instead of at its next poll. A pid that no longer exists counts as
 * exited; a pid reused by another process since the caller read it is only waited for until the deadline, which
 * costs time, never correctness (the caller reads the tree again either way).
 */
final class PidfdWait {
    private static final int ESRCH = 3;
    private static final int EINTR = 4;
    private static final short POLLIN = 0x1;
    private static final int POLLFD_BYTES = 8;

    private PidfdWait() {}

    /** @return false when pidfds are not available here (ENOSYS, a seccomp filter): the caller sleeps instead */
    static boolean awaitAll(LinuxLibC linux, int[] pids, long nanos) throws InterruptedException {
        List<Integer> fds = new ArrayList<>();
        try {
            for (int pid : pids) {
                try {
                    fds.add(linux.pidfd_open(pid, 0));
                } catch (LastErrorException e) {
                    if (e.getErrorCode() != ESRCH) {
                        return false; // no pidfd_open on this kernel, or not allowed
                    }
                }
            }
            pollUntilAllReadable(linux, fds, System.nanoTime() + nanos);
            return true;
        } finally {
            for (int fd : fds) {
                linux.close(fd);
            }
        }
    }

    private static void pollUntilAllReadable(LinuxLibC linux, List<Integer> fds, long deadline)
            throws InterruptedException {
        List<Integer> waiting = new ArrayList<>(fds);
        while (!waiting.isEmpty()) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return;
            }
            if (Thread.interrupted()) {
                throw new InterruptedException();
            }
            Memory pollfds = new Memory((long) POLLFD_BYTES * waiting.size());
            for (int i = 0; i < waiting.size(); i++) {
                pollfds.setInt((long) i * POLLFD_BYTES, waiting.get(i));
                pollfds.setShort((long) i * POLLFD_BYTES + 4, POLLIN);
                pollfds.setShort((long) i * POLLFD_BYTES + 6, (short) 0);
            }
            Memory timeout = new Memory(16); // struct timespec: two longs on 64-bit Linux
            timeout.setLong(0, left / 1_000_000_000L);
            timeout.setLong(8, left % 1_000_000_000L);
            try {
                linux.ppoll(pollfds, waiting.size(), timeout, null);
            } catch (LastErrorException e) {
                if (e.getErrorCode() != EINTR) {
                    return;
                }
                continue;
            }
            List<Integer> still = new ArrayList<>();
            for (int i = 0; i < waiting.size(); i++) {
                if ((pollfds.getShort((long) i * POLLFD_BYTES + 6) & POLLIN) == 0) {
                    still.add(waiting.get(i));
                }
            }
            waiting = still;
        }
    }
}
