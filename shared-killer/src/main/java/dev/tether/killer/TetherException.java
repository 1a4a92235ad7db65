package dev.tether.killer;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/** Base of every error Tether reports; the message says what happened, the offending value and the fix. */
public class TetherException extends RuntimeException {
    /** Lines added after the fact, e.g. what became of every other fixture of a group whose start failed. */
    private final List<String> details = new CopyOnWriteArrayList<>();
    /** Text to show as the user wrote it: pairs of what the engine saw and the user's spelling. */
    private final Map<String, String> spellings = new ConcurrentHashMap<>();

    public TetherException(String message) {
        super(message);
    }

    public TetherException(String message, Throwable cause) {
        super(message, cause);
    }

    /** Appends a paragraph to the message (shown wherever the message is). */
    public void addDetail(String detail) {
        details.add(detail);
    }

    /**
     * Shows {@code seen} as {@code written} wherever the message has it: an adapter that handed the engine a
     * rewritten value (a protected placeholder) lets the user read their own spelling.
     */
    public void respell(String seen, String written) {
        spellings.put(seen, written);
    }

    @Override
    public String getMessage() {
        String message = super.getMessage();
        if (!details.isEmpty()) {
            message += "\n" + String.join("\n", details);
        }
        for (Map.Entry<String, String> spelling : spellings.entrySet()) {
            message = message.replace(spelling.getKey(), spelling.getValue());
        }
        return message;
    }
}
