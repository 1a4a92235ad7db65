package dev.tether.killer.testing;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A second, unprivileged user of this machine, created when missing (the suite runs as root in CI and in
 * containers): the other user of a shared build agent, or the developer without root. Commands run as it
 * through setpriv, with no supplementary groups and no capabilities.
 */
public final class OtherUser {
    public static final String NAME = "tether-it";

    public final int uid;
    public final int gid;

    private OtherUser(int uid, int gid) {
        this.uid = uid;
        this.gid = gid;
    }

    /** True when this JVM can create users and act as them: root on Linux with useradd and setpriv. */
    public static boolean canBeCreated() {
        return System.getProperty("os.name").startsWith("Linux")
                && "root".equals(System.getProperty("user.name"))
                && new java.io.File("/usr/bin/setpriv").canExecute();
    }

    /** The user, created now if this machine does not have it yet. */
    public static synchronized OtherUser get() throws IOException, InterruptedException {
        if (run(List.of("id", "-u", NAME)).exitCode() != 0) {
            Os.Result added = run(List.of("useradd", "--system", "--no-create-home", "--shell", "/bin/sh", NAME));
            if (added.exitCode() != 0 && run(List.of("id", "-u", NAME)).exitCode() != 0) {
                throw new IOException("cannot create the test user " + NAME + ": " + added.output());
            }
        }
        return new OtherUser(
                Integer.parseInt(run(List.of("id", "-u", NAME)).output().trim()),
                Integer.parseInt(run(List.of("id", "-g", NAME)).output().trim()));
    }

    /** {@code command}, prefixed so that it runs as this user. */
    public List<String> as(List<String> command) {
        List<String> full = new ArrayList<>(List.of(
                "/usr/bin/setpriv", "--reuid=" + uid, "--regid=" + gid, "--clear-groups", "--inh-caps=-all", "--"));
        full.addAll(command);
        return full;
    }

    /** Runs a short command as this user and returns its exit code and output. */
    public Os.Result runAs(String... command) throws IOException, InterruptedException {
        return run(as(List.of(command)));
    }

    static Os.Result run(List<String> command) throws IOException, InterruptedException {
        return Os.run(command, Duration.ofSeconds(30), "other-user");
    }
}
