package dev.tether.killer.bench;

/**
 * A JVM that does nothing: says hello on stdout, then waits for its stdin to close. Started with the supervisor's
 * own flags, its start-up time and resident memory are what any supervisor JVM costs on this machine.
 */
public final class HelloJvm {
    private HelloJvm() {}

    public static void main(String[] args) throws Exception {
        System.out.println("hello");
        System.out.flush();
        while (System.in.read() != -1) {
            // until the benchmark closes our stdin
        }
    }
}
