package dev.tether.junit;

/**
 * What the extension itself says (the engine words everything about fixtures; see the engine's
 * {@code *Messages}). Each names the annotation or parameter concerned and the fix.
 */
final class ExtensionMessages {
    private ExtensionMessages() {}

    static String wrongParameterType(String id, String parameter, String method, String type, String expected) {
        return "@Fixture(\"" + id + "\") on parameter '" + parameter + "' of " + method + " has type " + type
                + "; a fixture is injected as " + expected + ". Declare the parameter as ProcessFixture.";
    }

    static String notInScope(String id, String parameter, String method, String inScope) {
        return "@Fixture(\"" + id + "\") on parameter '" + parameter + "' of " + method + ": no @ManagedProcess"
                + " with that id is in scope (in scope: " + inScope + "). Declare @ManagedProcess(id = \"" + id
                + "\", ...) on the test class or method, or fix the id.";
    }

    static String javaMainAndCommand() {
        return "give either command or javaMain, not both.";
    }

    static String javaArgumentsWithoutMain() {
        return "jvmArgs and args belong to javaMain; for a command, put the arguments in command.";
    }

    static String crashedDuring(String test, String crashes) {
        return "A fixture exited while " + test + " ran, so the test cannot be trusted: " + crashes
                + "\nFix what made it exit (its log is in target/tether); the later tests of its scope do not run.";
    }

    static String notRunAfterCrash(String test, String crash) {
        return test + " did not run: a fixture it needs is gone. " + crash + ". Fix what made it exit (its log is"
                + " in target/tether).";
    }
}
