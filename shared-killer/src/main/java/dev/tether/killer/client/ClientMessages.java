package dev.tether.killer.client;

import java.nio.file.Path;

/**
 * What the owner's side says when the supervisor cannot be started or reached: what happened, the process or
 * file concerned, and where to look next (its log).
 */
public final class ClientMessages {
    private ClientMessages() {}

    public static String blankId() {
        return "A process needs a non-blank id, such as 'web'.";
    }

    public static String cannotLaunch(String java, String error, Path state) {
        return "Cannot start the Tether supervisor with " + java + ": " + error + ". Check that the JDK is intact"
                + " and " + state + " is writable.";
    }

    public static String didNotStart(String cause, String logExcerpt) {
        return "The Tether supervisor did not start: " + cause + logExcerpt;
    }

    public static String noJna(String resource, String classPath) {
        return "Cannot find " + resource + " on the class path of " + classPath + ". Tether needs"
                + " net.java.dev.jna:jna beside tether-killer; check the dependency tree (mvn dependency:tree).";
    }

    public static String notAClassPathEntry(String url, String error) {
        return "Cannot turn " + url + " into a class path entry: " + error + ". Install the plugin or the"
                + " extension from a jar on a local file system.";
    }

    public static String wrongAnswer(long pid, int request, String reply, String expected, Path log) {
        return "The Tether supervisor (pid " + pid + ") answered request " + request + " with " + reply
                + " instead of a " + expected + ". This is a bug in Tether; its log is " + log + ".";
    }

    public static String noAnswer(long pid, String timeout, Path log) {
        return "The Tether supervisor (pid " + pid + ") did not answer within " + timeout + ". Its log is " + log + ".";
    }

    public static String sweepUnfinished(String timeout, String cause, Path log) {
        return "The sweep of crashed builds' leftovers did not finish within " + timeout + ": " + cause + ". Its"
                + " log is " + log + ".";
    }

    static String interrupted(String during) {
        return "Interrupted while " + during;
    }
}
