package dev.tether.killer.stop;

/** What is said when a stop policy is written wrongly: the step as written, and how to write it. */
public final class StopMessages {
    private StopMessages() {}

    public static String noSteps() {
        return "A stop policy needs at least one step, such as 'TERM 10s'.";
    }

    public static String emptyPolicy() {
        return "The stop policy is empty. Write steps like 'TERM 10s, KILL 2s', or leave it out for the default.";
    }

    public static String malformedStep(int number, String step) {
        return "Stop step " + number + " '" + step + "' should be a signal and a grace, such as 'TERM 10s'.";
    }

    public static String graceNotPositive(String signal, String grace) {
        return "The grace after " + signal + " is " + grace + "; it must be positive (for example 10s), or the"
                + " processes get no time to exit.";
    }
}
