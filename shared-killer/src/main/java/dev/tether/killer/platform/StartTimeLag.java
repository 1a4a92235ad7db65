package dev.tether.killer.platform;

import java.util.concurrent.atomic.AtomicLong;

/**
 * How far the JDK's process start instants may lag behind the wall clock, learned from the processes read.
 *
 * <p>On Linux the JDK counts a start from a boot time it knows to the whole second ({@code btime}), in clock
 * ticks of 10 ms, so an instant is up to a second and a tick earlier than the real start, by a fraction that is
 * the same for every process until the clock is stepped. A fixed slack of a second made the floor of a launch
 * (see {@link dev.tether.killer.process.ProcessInspector#startTimeFloor}) cover daemons other builds had started
 * up to a second earlier, so a launch looked like a possible maker of them. Every process read is evidence
 * instead: it existed when the clock was read after it, so it started no later, and the clock reading minus
 * its start instant bounds the lag from above. The youngest process read (a fixture just spawned) sets the
 * bound within a tick and its spawn time of the real lag. On macOS the JDK's instants are the kernel's own, to
 * the millisecond, and the bound shrinks to about a spawn's time.
 *
 * <p>A clock stepped forward after a reading makes the floor late by the step, as the fixed slack did for any
 * step over its margin; a step backward only makes it earlier, which is safe.
 */
final class StartTimeLag {
    /** The most the lag can be before anything is read: a whole second of {@code btime}'s truncation. */
    static final long MOST_MILLIS = 1_000;

    /** Linux counts start times in hundredths of a second: an instant is up to one tick below the real start. */
    private static final long TICK_MILLIS = 10;

    /** Both the clock and the instants are whole milliseconds: each reading may be a millisecond short. */
    private static final long ROUNDING_MILLIS = 2;

    private final AtomicLong bound = new AtomicLong(MOST_MILLIS);

    /** A process whose start instant is {@code startMillis} existed when the clock read {@code seenAtMillis}. */
    void seen(long startMillis, long seenAtMillis) {
        if (startMillis > 0) { // 0: the JDK could not tell
            bound.accumulateAndGet(seenAtMillis - startMillis, Math::min);
        }
    }

    /** A start instant no process started at or after {@code nowMillis} can be below. */
    long floor(long nowMillis) {
        return nowMillis - bound.get() - TICK_MILLIS - ROUNDING_MILLIS;
    }
}
