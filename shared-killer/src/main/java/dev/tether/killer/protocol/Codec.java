package dev.tether.killer.protocol;

import dev.tether.killer.protocol.Message.Bye;
import dev.tether.killer.protocol.Message.Exited;
import dev.tether.killer.protocol.Message.Failed;
import dev.tether.killer.protocol.Message.Hello;
import dev.tether.killer.protocol.Message.MemberList;
import dev.tether.killer.protocol.Message.Members;
import dev.tether.killer.protocol.Message.Noted;
import dev.tether.killer.protocol.Message.Notice;
import dev.tether.killer.protocol.Message.PortHeld;
import dev.tether.killer.protocol.Message.PortHolder;
import dev.tether.killer.protocol.Message.Ready;
import dev.tether.killer.protocol.Message.Shutdown;
import dev.tether.killer.protocol.Message.Spawn;
import dev.tether.killer.protocol.Message.Spawned;
import dev.tether.killer.protocol.Message.Stop;
import dev.tether.killer.protocol.Message.Stopped;
import dev.tether.killer.protocol.Message.Swept;
import dev.tether.killer.protocol.Message.Unclaimed;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * The wire form of {@link Message}: a preamble naming the protocol version once, then per message one byte of
 * type and its fields in DataOutput form (strings as length + UTF-8, not limited to 64 KiB like writeUTF).
 * Owner and supervisor always run from the same jar; the version makes a mix-up (a supervisor of another
 * build) a clear refusal instead of garbage read as fields.
 */
public final class Codec {
    /** Raise on any change to a message's fields or tags. */
    public static final int VERSION = 7;

    /** Set in the supervisor's environment (owner pid): marks it for leak checks; never passed to fixtures. */
    public static final String SUPERVISOR_VARIABLE = "TETHER_SUPERVISOR";

    private static final String PREAMBLE_START = "\u0000TETHER-SUPERVISOR-";

    private static final byte SPAWN = 1;
    private static final byte STOP = 2;
    private static final byte MEMBERS = 3;
    private static final byte SHUTDOWN = 4;
    private static final byte UNCLAIMED = 5;
    private static final byte PORT_HOLDER = 6;
    private static final byte READY = 7;
    private static final byte HELLO = 10;
    private static final byte SPAWNED = 11;
    private static final byte FAILED = 12;
    private static final byte STOPPED = 13;
    private static final byte MEMBER_LIST = 14;
    private static final byte EXITED = 15;
    private static final byte NOTICE = 16;
    private static final byte BYE = 17;
    private static final byte SWEPT = 18;
    private static final byte PORT_HELD = 19;
    private static final byte NOTED = 20;

    private Codec() {}

    /**
     * Written by the supervisor before its first message; the owner skips anything before it, so stray output
     * of the JVM before main() (a warning) is never taken for a message.
     */
    public static void writePreamble(OutputStream out) throws IOException {
        out.write((PREAMBLE_START + VERSION + "\u0000").getBytes(StandardCharsets.US_ASCII));
    }

    /**
     * Reads up to and including the preamble and returns what came before it (normally nothing).
     *
     * @throws IOException at EOF before the preamble, or when the supervisor speaks another version
     */
    public static String readPreamble(DataInputStream in) throws IOException {
        byte[] start = PREAMBLE_START.getBytes(StandardCharsets.US_ASCII);
        ByteArrayOutputStream before = new ByteArrayOutputStream();
        int matched = 0;
        while (matched < start.length) {
            int b = in.read();
            if (b < 0) {
                throw new EOFException("the supervisor closed its output before starting; it wrote: "
                        + before.toString(StandardCharsets.UTF_8));
            }
            if (b == (start[matched] & 0xff)) {
                matched++;
            } else {
                before.write(start, 0, matched);
                matched = b == (start[0] & 0xff) ? 1 : 0;
                if (matched == 0) {
                    before.write(b);
                }
            }
        }
        StringBuilder version = new StringBuilder();
        for (int b = in.read(); b != 0; b = in.read()) {
            if (b < 0 || version.length() > 10) {
                throw new EOFException("the supervisor's preamble ended early after version " + version);
            }
            version.append((char) b);
        }
        if (!version.toString().equals(Integer.toString(VERSION))) {
            throw new IOException("the supervisor speaks protocol version " + version + ", this owner version "
                    + VERSION + ": they come from different Tether builds. Use one Tether version in the build"
                    + " (check the dependency tree for two tether-killer versions)");
        }
        return before.toString(StandardCharsets.UTF_8);
    }

    public static void write(DataOutputStream out, Message message) throws IOException {
        if (message instanceof Spawn m) {
            out.writeByte(SPAWN);
            out.writeInt(m.id());
            Fields.writeString(out, m.key());
            Fields.writeString(out, m.executable());
            Fields.writeStrings(out, m.argv());
            Fields.writeMap(out, m.environment());
            Fields.writeString(out, m.workingDirectory());
            Fields.writeString(out, m.logFile());
            Fields.writePolicy(out, m.policy());
        } else if (message instanceof Stop m) {
            out.writeByte(STOP);
            out.writeInt(m.id());
            Fields.writeString(out, m.key());
            Fields.writePolicy(out, m.policy());
        } else if (message instanceof Members m) {
            out.writeByte(MEMBERS);
            out.writeInt(m.id());
            Fields.writeString(out, m.key());
        } else if (message instanceof PortHolder m) {
            out.writeByte(PORT_HOLDER);
            out.writeInt(m.id());
            Fields.writeString(out, m.key());
            out.writeInt(m.port());
        } else if (message instanceof Ready m) {
            out.writeByte(READY);
            out.writeInt(m.id());
            Fields.writeString(out, m.key());
        } else if (message instanceof Unclaimed m) {
            out.writeByte(UNCLAIMED);
            out.writeInt(m.id());
        } else if (message instanceof Shutdown m) {
            out.writeByte(SHUTDOWN);
            out.writeInt(m.id());
        } else {
            writeFromSupervisor(out, message);
        }
    }

    private static void writeFromSupervisor(DataOutputStream out, Message message) throws IOException {
        if (message instanceof Spawned m) {
            out.writeByte(SPAWNED);
            out.writeInt(m.id());
            out.writeInt(m.pid());
            out.writeLong(m.startTime());
            Fields.writeString(out, m.cookie());
            Fields.writeString(out, m.cgroup());
        } else if (message instanceof Failed m) {
            out.writeByte(FAILED);
            out.writeInt(m.id());
            Fields.writeString(out, m.message());
        } else if (message instanceof Stopped m) {
            out.writeByte(STOPPED);
            out.writeInt(m.id());
            Fields.writeReport(out, m.report());
            out.writeBoolean(m.nothingUnclaimedAfter());
        } else if (message instanceof MemberList m) {
            out.writeByte(MEMBER_LIST);
            out.writeInt(m.id());
            Fields.writeProcesses(out, m.processes());
        } else if (message instanceof PortHeld m) {
            out.writeByte(PORT_HELD);
            out.writeInt(m.id());
            out.writeBoolean(m.listening());
            out.writeBoolean(m.byTree());
        } else if (message instanceof Bye m) {
            out.writeByte(BYE);
            out.writeInt(m.id());
        } else if (message instanceof Noted m) {
            out.writeByte(NOTED);
            out.writeInt(m.id());
        } else if (message instanceof Hello m) {
            out.writeByte(HELLO);
            out.writeInt(m.pid());
            out.writeLong(m.startTime());
            out.writeBoolean(m.subreaper());
            Fields.writeString(out, m.cgroup());
            Fields.writeString(out, m.spawnPath());
        } else if (message instanceof Exited m) {
            out.writeByte(EXITED);
            Fields.writeString(out, m.key());
            out.writeInt(m.pid());
            out.writeInt(m.exitCode());
            out.writeInt(m.signal());
            out.writeBoolean(m.treeEnded());
        } else if (message instanceof Notice m) {
            out.writeByte(NOTICE);
            Fields.writeString(out, m.text());
        } else if (message instanceof Swept m) {
            out.writeByte(SWEPT);
            out.writeInt(m.trees());
        } else {
            throw new IllegalArgumentException("no wire form for " + message); // a new record without a tag
        }
    }

    /** The next message; blocks until it is complete. EOF ends the stream (the other side is gone). */
    public static Message read(DataInputStream in) throws IOException {
        byte type = in.readByte();
        return switch (type) {
            case SPAWN ->
                new Spawn(
                        in.readInt(),
                        Fields.readString(in),
                        Fields.readString(in),
                        Fields.readStrings(in),
                        Fields.readMap(in),
                        Fields.readString(in),
                        Fields.readString(in),
                        Fields.readPolicy(in));
            case STOP -> new Stop(in.readInt(), Fields.readString(in), Fields.readPolicy(in));
            case MEMBERS -> new Members(in.readInt(), Fields.readString(in));
            case PORT_HOLDER -> new PortHolder(in.readInt(), Fields.readString(in), in.readInt());
            case READY -> new Ready(in.readInt(), Fields.readString(in));
            case UNCLAIMED -> new Unclaimed(in.readInt());
            case SHUTDOWN -> new Shutdown(in.readInt());
            case SPAWNED ->
                new Spawned(in.readInt(), in.readInt(), in.readLong(), Fields.readString(in), Fields.readString(in));
            case FAILED -> new Failed(in.readInt(), Fields.readString(in));
            case STOPPED -> new Stopped(in.readInt(), Fields.readReport(in), in.readBoolean());
            case MEMBER_LIST -> new MemberList(in.readInt(), Fields.readProcesses(in));
            case PORT_HELD -> new PortHeld(in.readInt(), in.readBoolean(), in.readBoolean());
            case BYE -> new Bye(in.readInt());
            case NOTED -> new Noted(in.readInt());
            case HELLO ->
                new Hello(in.readInt(), in.readLong(), in.readBoolean(), Fields.readString(in), Fields.readString(in));
            case EXITED ->
                new Exited(Fields.readString(in), in.readInt(), in.readInt(), in.readInt(), in.readBoolean());
            case NOTICE -> new Notice(Fields.readString(in));
            case SWEPT -> new Swept(in.readInt());
            default -> throw new IOException("unknown message type " + type + " (protocol version " + VERSION + ")");
        };
    }
}
