package dev.tether.killer.testing;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** A block of a document between two marker comments: what a generator wrote, or what a test compares. */
public final class MarkedBlock {
    private MarkedBlock() {}

    /** The text between the markers, without them and without surrounding blank space. */
    public static String between(String document, String begin, String end, String where) {
        int from = document.indexOf(begin);
        int to = document.indexOf(end);
        assertTrue(from >= 0 && to > from, where + " must keep the markers '" + begin + "' ... '" + end + "'");
        return document.substring(from + begin.length(), to).strip();
    }
}
