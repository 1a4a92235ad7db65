package app;

/** A fixture that only has to run: the test is about which java runs it. */
public class Idle {
    public static void main(String[] args) throws Exception {
        System.out.println("idle on " + System.getProperty("java.home"));
        Thread.sleep(300_000);
    }
}
