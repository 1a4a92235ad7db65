package dev.tether.killer.config;

import dev.tether.killer.InvalidSpecException;

/**
 * A named port of a fixture: allocated free ({@code number == 0}) or fixed. Written {@code web} or
 * {@code web=8080} in configuration.
 */
public record PortSpec(String name, int number) {
    public PortSpec {
        if (name == null || !name.matches("[A-Za-z0-9_.-]+")) {
            throw new InvalidSpecException(ConfigMessages.invalidPortName(name));
        }
        if (number < 0 || number > 65535) {
            throw new InvalidSpecException(ConfigMessages.portOutOfRange(name, number));
        }
    }

    public static PortSpec parse(String text) {
        String value = text.trim();
        int equals = value.indexOf('=');
        if (equals < 0) {
            return new PortSpec(value, 0);
        }
        String number = value.substring(equals + 1).trim();
        try {
            return new PortSpec(value.substring(0, equals).trim(), Integer.parseInt(number));
        } catch (NumberFormatException e) {
            throw new InvalidSpecException(ConfigMessages.notAPortNumber(value, number));
        }
    }

    public boolean isFixed() {
        return number != 0;
    }
}
