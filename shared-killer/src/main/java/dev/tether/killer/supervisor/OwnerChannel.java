package dev.tether.killer.supervisor;

import java.io.BufferedOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;

/** The supervisor's half of the pipe to its owner. Writes after the owner died are dropped silently. */
final class OwnerChannel {
    /** Writes one message's fields. */
    @FunctionalInterface
    interface Body {
        void write(DataOutputStream out) throws IOException;
    }

    private final DataOutputStream out;
    private volatile boolean broken;

    OwnerChannel(OutputStream stream) {
        this.out = new DataOutputStream(new BufferedOutputStream(stream));
        try {
            out.write(Protocol.PREAMBLE);
        } catch (IOException e) {
            broken = true;
        }
    }

    synchronized void send(byte type, Body body) {
        if (broken) {
            return;
        }
        try {
            out.writeByte(type);
            body.write(out);
            out.flush();
        } catch (IOException e) {
            broken = true; // the owner is gone; its death is handled where stdin hits EOF
        }
    }

    void notice(String message) {
        send(Protocol.NOTICE, out -> Protocol.writeString(out, message));
        System.err.println("[tether-supervisor] " + message);
    }
}
