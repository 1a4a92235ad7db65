package dev.tether.killer.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ProcStatTest {

    @Test
    void aKernelThreadAndANameEndingInAParenthesisParse() {
        assertEquals(
                new ProcessInfo(2, 0, 0, 0, 3, 'S', "kthreadd"),
                parse("2 (kthreadd) S 0 0 0 0 -1 2129984 0 0 0 0 0 0 0 0 20 0 1 0 3 0 0 18446744073709551615\n"));
        assertEquals(
                new ProcessInfo(7, 1, 7, 7, 42, 'Z', "a) b)"),
                parse("7 (a) b)) Z 1 7 7 34816 7 4194304 0 0 0 0 0 0 0 0 20 0 1 0 42 0"));
    }

    @Test
    void aTruncatedOrForeignLineIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> parse("7 (sh) S 1 7 7"));
        assertThrows(IllegalArgumentException.class, () -> parse("not a stat line"));
        assertThrows(IllegalArgumentException.class, () -> parse("7 (sh) S x 7 7 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 5"));
    }

    @Test
    void aProcessThatIsGoneReadsAsEmpty() {
        assertTrue(new ProcStat().read("/proc/0/stat").isEmpty());
    }

    private static ProcessInfo parse(String line) {
        byte[] bytes = line.getBytes(StandardCharsets.ISO_8859_1);
        return ProcStat.parse(bytes, bytes.length);
    }
}
