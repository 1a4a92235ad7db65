package dev.tether.killer.platform;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A C struct laid out by C's rules, for checking the offsets the native readers use against a header's field
 * list: each field at a multiple of its alignment, each struct padded to a multiple of its largest alignment.
 */
final class CStructLayout {
    final Map<String, Integer> offsets = new LinkedHashMap<>();
    int size;
    int alignment = 1;

    CStructLayout add(String name, int fieldSize, int fieldAlignment) {
        int at = align(this.size, fieldAlignment);
        offsets.put(name, at);
        this.size = at + fieldSize;
        alignment = Math.max(alignment, fieldAlignment);
        return this;
    }

    CStructLayout add(String name, CStructLayout nested) {
        int at = align(this.size, nested.alignment);
        offsets.put(name, at);
        nested.offsets.forEach((inner, offset) -> offsets.put(name + "." + inner, at + offset));
        this.size = at + nested.size;
        alignment = Math.max(alignment, nested.alignment);
        return this;
    }

    CStructLayout end() {
        size = align(size, alignment);
        return this;
    }

    private static int align(int at, int alignment) {
        return (at + alignment - 1) / alignment * alignment;
    }
}
