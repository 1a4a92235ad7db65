package dev.tether.killer.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.junit.jupiter.api.Test;

/** struct proc_uniqidentifierinfo as macOS's {@code <sys/proc_info.h>} lays it out, and a record read back. */
class DarwinUniqueIdsTest {
    private static final CStructLayout INFO = new CStructLayout()
            .add("p_uuid", 16, 1)
            .add("p_uniqueid", 8, 8)
            .add("p_puniqueid", 8, 8)
            .add("p_idversion", 4, 4)
            .add("p_reserve2", 4, 4)
            .add("p_reserve3", 8, 8)
            .add("p_reserve4", 8, 8)
            .end();

    @Test
    void theOffsetsAreTheHeadersAndTheSizeIsTheBufferProcPidinfoFills() {
        assertEquals(DarwinUniqueIds.SIZE, INFO.size);
        assertEquals(DarwinUniqueIds.UNIQUE_ID, INFO.offsets.get("p_uniqueid"));
        assertEquals(DarwinUniqueIds.PARENT_UNIQUE_ID, INFO.offsets.get("p_puniqueid"));
    }

    @Test
    void aRecordAsTheKernelWritesItReadsBack() {
        ByteBuffer record = ByteBuffer.allocate(DarwinUniqueIds.SIZE).order(ByteOrder.nativeOrder());
        for (int i = 0; i < 16; i++) {
            record.put(i, (byte) 0x5a); // the executable's UUID: not read
        }
        record.putLong(16, 987_654_321L);
        record.putLong(24, 987_654_000L);
        record.putInt(32, 7);

        assertEquals(new DarwinUniqueIds(987_654_321L, 987_654_000L), DarwinUniqueIds.parse(record));
    }
}
