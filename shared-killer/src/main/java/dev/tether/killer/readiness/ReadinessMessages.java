package dev.tether.killer.readiness;

/** What is said when a readiness probe is written wrongly; {@code where} names the probe and its fixture. */
public final class ReadinessMessages {
    private ReadinessMessages() {}

    public static String notAPort(String where, String text, String declared) {
        return "In " + where + ": '" + text + "' is neither a port number nor a declared port name. Declared ports: "
                + declared + ".";
    }

    public static String notAUrl(String where, String text, String error) {
        return "In " + where + ": '" + text + "' is not a URL (" + error + "). Write it like"
                + " http://localhost:${tether.port.web}/health.";
    }

    public static String badRegex(String where, String error) {
        return "In " + where + ": the regular expression is invalid: " + error + ". Correct it, or escape the"
                + " characters meant literally with a backslash.";
    }
}
