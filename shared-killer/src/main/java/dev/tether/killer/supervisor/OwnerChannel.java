package dev.tether.killer.supervisor;

import dev.tether.killer.protocol.Codec;
import dev.tether.killer.protocol.Message;
import java.io.BufferedOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;

/** The supervisor's half of the pipe to its owner. Writes after the owner died are dropped silently. */
final class OwnerChannel {
    private final DataOutputStream out;
    private volatile boolean broken;

    OwnerChannel(OutputStream stream) {
        this.out = new DataOutputStream(new BufferedOutputStream(stream));
        try {
            Codec.writePreamble(out);
        } catch (IOException e) {
            broken = true;
        }
    }

    synchronized void send(Message message) {
        if (broken) {
            return;
        }
        try {
            Codec.write(out, message);
            out.flush();
        } catch (IOException e) {
            broken = true; // the owner is gone; its death is handled where stdin hits EOF
        }
    }

    void notice(String message) {
        send(new Message.Notice(message));
        System.err.println("[tether-supervisor] " + message);
    }
}
