package dev.tether.killer;

/**
 * The user's configuration is wrong (missing executable, unknown signal, bad duration); nothing was started.
 * Whether the message already says where the mistake is (which fixture, which setting) is kept beside it, so an
 * adapter adds its own location only when the engine's message has none.
 */
public class InvalidSpecException extends TetherException {
    private final boolean saysWhere;

    /** A message that names no fixture or setting: an adapter may prefix its location. */
    public InvalidSpecException(String message) {
        this(message, false);
    }

    private InvalidSpecException(String message, boolean saysWhere) {
        super(message);
        this.saysWhere = saysWhere;
    }

    /** A message that names the fixture or setting it is about. */
    public static InvalidSpecException located(String message) {
        return new InvalidSpecException(message, true);
    }

    /** {@code where: message}, unless the message says where already. */
    public static InvalidSpecException at(String where, String message) {
        return located(where + ": " + message);
    }

    /** This mistake, located at {@code where} unless its message says where already. */
    public InvalidSpecException locatedAt(String where) {
        return saysWhere ? this : at(where, getMessage());
    }

    public boolean saysWhere() {
        return saysWhere;
    }
}
