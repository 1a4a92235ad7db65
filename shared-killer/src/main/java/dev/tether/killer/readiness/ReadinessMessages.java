package dev.tether.killer.readiness;

/**
 * What is said when a readiness probe is written wrongly ({@code where} names the probe and its fixture), and why
 * a fixture did not become ready or a one-shot task did not complete ({@code who} names the fixture, as its
 * adapter words it). The start failures get the fixture's log tail appended by their caller.
 */
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

    public static String notReadyWithin(String who, String timeout, String waitingFor, String lastFailures) {
        return who + " was not ready within " + timeout + waitingFor + ": " + lastFailures + ". Raise its readiness"
                + " timeout if it needs longer, or correct the probe (URL, status, expected text) if it checks the"
                + " wrong thing.";
    }

    public static String exitedBeforeReady(String who, long pid, String exit, String waitingFor) {
        return who + " (pid " + pid + ") exited with " + exit + " before it was ready" + waitingFor + ". Its log"
                + " says why: usually a bad flag, a missing file or a port already in use.";
    }

    public static String daemonLeftNothing(String who, String waitingFor) {
        return who + " is declared to daemonize, but after its launcher exited 0 nothing of its tree is left"
                + " running" + waitingFor + ". Read its log and the daemon's own log file; if it does not fork into"
                + " the background, remove the daemonize setting.";
    }

    public static String notTheOneAnswering(String who, int port, String listeners) {
        return who + " is not the one answering: port " + port + " is served by " + listeners + ", which is not"
                + " part of this fixture (wrong owner; a leftover of an earlier run?). Stop that process, or let"
                + " Tether allocate a free port (declare the port without a number).";
    }

    /** @param before "was ready" for a server, "completed" for a one-shot task */
    public static String stoppedForSibling(String who, String before, String siblings) {
        return who + " was stopped before it " + before + ", because another of the " + siblings + " failed. Fix"
                + " the first failure reported.";
    }

    /** @param before "was ready" for a server, "completed" for a one-shot task */
    public static String interrupted(String who, String before) {
        return who + " was interrupted before it " + before + ". The build or test run was cancelled; what it"
                + " started is stopped.";
    }

    public static String taskNotCompletedWithin(String who, String timeout) {
        return who + " did not complete within " + timeout + " (a one-shot task is ready when it exits 0). Raise"
                + " its readiness timeout if it needs longer, or find in its log what it waits for.";
    }

    public static String taskLostSupervisor(String who, String cause) {
        return who + " lost its supervisor before it completed: " + cause + ". Run again; if it recurs, the"
                + " supervisor's log in the tether directory says why it ended.";
    }

    public static String taskFailed(String who, long pid, String exit) {
        return who + " (pid " + pid + ") failed: it exited with " + exit + ", and a one-shot task must exit 0."
                + " Its log says why; its dependents did not start.";
    }
}
