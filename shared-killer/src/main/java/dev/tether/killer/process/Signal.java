package dev.tether.killer.process;

import java.util.Arrays;
import java.util.Locale;

/** The signals a stop policy may send. Numbers differ between Linux and macOS for a few of them. */
public enum Signal {
    HUP(1, 1),
    INT(2, 2),
    QUIT(3, 3),
    KILL(9, 9),
    USR1(10, 30),
    USR2(12, 31),
    TERM(15, 15);

    private final int linuxNumber;
    private final int macNumber;

    Signal(int linuxNumber, int macNumber) {
        this.linuxNumber = linuxNumber;
        this.macNumber = macNumber;
    }

    public int number() {
        return OperatingSystem.current() == OperatingSystem.MAC ? macNumber : linuxNumber;
    }

    /**
     * Parses {@code TERM}, {@code SIGTERM}, {@code term} or a number such as {@code 15}.
     *
     * @throws IllegalArgumentException naming the value and the accepted names
     */
    public static Signal parse(String text) {
        String name = text == null ? "" : text.trim().toUpperCase(Locale.ROOT);
        if (name.startsWith("SIG")) {
            name = name.substring(3);
        }
        for (Signal signal : values()) {
            if (signal.name().equals(name) || String.valueOf(signal.number()).equals(name)) {
                return signal;
            }
        }
        throw new IllegalArgumentException(ProcessMessages.unknownSignal(
                text, Arrays.stream(values()).map(Enum::name).toList()));
    }

    public static Signal ofNumber(int number) {
        for (Signal signal : values()) {
            if (signal.number() == number) {
                return signal;
            }
        }
        throw new IllegalArgumentException(ProcessMessages.noSignalNumbered(number));
    }
}
