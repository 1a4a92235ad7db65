package dev.tether.benchmarks;

/** The bare baseline's owner for the SIGKILL scenario: starts a command with ProcessBuilder and waits. */
public final class BareOwner {
    private BareOwner() {}

    public static void main(String[] args) throws Exception {
        new ProcessBuilder(args).inheritIO().start();
        System.in.read(); // until the benchmark kills this JVM
    }
}
