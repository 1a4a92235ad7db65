package dev.tether.killer.platform;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * {@code struct proc_uniqidentifierinfo} of macOS's {@code <sys/proc_info.h>}, which {@code proc_pidinfo(pid,
 * PROC_PIDUNIQIDENTIFIERINFO, 0, buffer, 56)} fills: {@code uint8_t p_uuid[16]; uint64_t p_uniqueid; uint64_t
 * p_puniqueid; int32_t p_idversion; uint32_t p_reserve2; uint64_t p_reserve3; uint64_t p_reserve4;}.
 * {@code DarwinUniqueIdsTest} derives the offsets from that field list.
 */
record DarwinUniqueIds(long uniqueId, long parentUniqueId) {
    static final int FLAVOR = 17; // PROC_PIDUNIQIDENTIFIERINFO
    static final int SIZE = 56;
    static final int UNIQUE_ID = 16;
    static final int PARENT_UNIQUE_ID = 24;

    static DarwinUniqueIds parse(ByteBuffer buffer) {
        ByteBuffer in = buffer.duplicate().order(ByteOrder.nativeOrder());
        return new DarwinUniqueIds(in.getLong(UNIQUE_ID), in.getLong(PARENT_UNIQUE_ID));
    }
}
