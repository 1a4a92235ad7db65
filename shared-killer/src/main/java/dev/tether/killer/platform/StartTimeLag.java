package dev.tether.killer.platform;

import java.util.concurrent.atomic.AtomicLong;

/**
 * How far the JDK's process start instants may lag behind the clocks, learned from the processes read.
 *
 * <p>On Linux the JDK counts a start from a boot time it knows to the whole second ({@code btime}), in clock
 * ticks of 10 ms, so an instant is up to a second and a tick earlier than the real start, by a fraction that is
 * the same for every process. A fixed slack of a second made the floor of a launch (see
 * {@link dev.tether.killer.process.ProcessInspector#startTimeFloor}) cover daemons other builds had started up
 * to a second earlier, so a launch looked like a possible maker of them. Every process read is evidence
 * instead: it existed when the clocks are read after it, so it started no later, and a clock's reading minus its
 * start instant bounds the lag from above. The youngest process read (a fixture just spawned) sets the bound
 * within a tick and its spawn time of the real lag.
 *
 * <p>Two clocks, because the instants follow a different one on each system. On Linux they count time since boot,
 * which a step of the wall clock (NTP, a VM resumed) does not move: the monotonic clock keeps that bound true
 * across a step (a suspend only loosens it until the next read). On macOS they are the wall clock at the start,
 * so a new process never starts before the wall clock's reading: that bound is never taken below zero, which
 * keeps it true when the clock went back after a process started. Each clock's floor is safe on its own system,
 * so the floor is the lower of the two; without a step they agree.
 */
final class StartTimeLag {
    /** The most the lag behind the wall clock can be before anything is read: btime's truncation to a second. */
    private static final long MOST_MILLIS = 1_000;

    /** Linux counts start times in hundredths of a second: an instant is up to one tick below the real start. */
    private static final long TICK_MILLIS = 10;

    /** Clocks and instants are whole milliseconds: each reading may be a millisecond short. */
    private static final long ROUNDING_MILLIS = 2;

    private final AtomicLong behindWallClock = new AtomicLong(MOST_MILLIS);
    /** Nothing is known of it before the first read: {@link Long#MAX_VALUE}. */
    private final AtomicLong behindMonotonicClock = new AtomicLong(Long.MAX_VALUE);

    /** A process whose start instant is {@code startMillis} existed when the clocks read these values. */
    void seen(long startMillis, long wallMillis, long monotonicMillis) {
        if (startMillis > 0) { // 0: the JDK could not tell
            behindWallClock.accumulateAndGet(wallMillis - startMillis, Math::min);
            behindMonotonicClock.accumulateAndGet(monotonicMillis - startMillis, Math::min);
        }
    }

    /** A start instant that no process started at or after these clock readings can be below. */
    long floor(long wallMillis, long monotonicMillis) {
        long byWall = wallMillis - Math.max(0, behindWallClock.get()); // no new start is before the clock
        long behindMonotonic = behindMonotonicClock.get();
        long floor = behindMonotonic == Long.MAX_VALUE ? byWall : Math.min(byWall, monotonicMillis - behindMonotonic);
        return floor - TICK_MILLIS - ROUNDING_MILLIS;
    }
}
