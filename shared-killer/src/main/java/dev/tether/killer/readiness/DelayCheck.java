package dev.tether.killer.readiness;

final class DelayCheck implements ProbeCheck {
    private final long readyAtNanos;

    DelayCheck(long readyAtNanos) {
        this.readyAtNanos = readyAtNanos;
    }

    @Override
    public boolean passes() {
        return System.nanoTime() - readyAtNanos >= 0;
    }

    @Override
    public String lastFailure() {
        return "the delay has not passed";
    }
}
