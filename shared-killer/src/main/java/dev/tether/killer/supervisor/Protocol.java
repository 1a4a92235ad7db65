package dev.tether.killer.supervisor;

import dev.tether.killer.Signal;
import dev.tether.killer.stop.ProcessOutcome;
import dev.tether.killer.stop.StopPolicy;
import dev.tether.killer.stop.StopReport;
import dev.tether.killer.stop.StopStep;
import dev.tether.killer.stop.Survivor;
import dev.tether.killer.tree.ProcessInfo;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The owner <-> supervisor messages: one byte of type, then fields in DataOutput form. The owner writes to
 * the supervisor's stdin, the supervisor answers on its stdout. Every request carries an id its answer repeats.
 */
public final class Protocol {
    // owner -> supervisor
    public static final byte SPAWN = 1;
    public static final byte STOP = 2;
    public static final byte MEMBERS = 3;
    public static final byte SHUTDOWN = 4;
    public static final byte UNCLAIMED = 5;
    // supervisor -> owner
    public static final byte HELLO = 10;
    public static final byte SPAWNED = 11;
    public static final byte FAILED = 12;
    public static final byte STOPPED = 13;
    public static final byte MEMBERS_LIST = 14;
    public static final byte EXITED = 15;
    public static final byte NOTICE = 16;
    public static final byte BYE = 17;
    /** The start-up sweep of crashed builds' ledgers is done; carries how many trees it stopped. */
    public static final byte SWEPT = 18;

    /** Set in the supervisor's environment (owner pid): marks it for leak checks; never passed to fixtures. */
    public static final String SUPERVISOR_VARIABLE = "TETHER_SUPERVISOR";

    /**
     * The supervisor writes this before its first message; the owner skips anything before it, so stray
     * output of the JVM before main() (a warning) can never be taken for a message.
     */
    public static final byte[] PREAMBLE =
            "\u0000TETHER-SUPERVISOR-1\u0000".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    private Protocol() {}

    /** Reads until the preamble; returns what came before it (normally nothing). */
    public static String skipToPreamble(DataInputStream in) throws IOException {
        java.io.ByteArrayOutputStream before = new java.io.ByteArrayOutputStream();
        int matched = 0;
        while (matched < PREAMBLE.length) {
            int b = in.read();
            if (b < 0) {
                throw new java.io.EOFException("the supervisor closed its output before starting; it wrote: " + before);
            }
            if (b == (PREAMBLE[matched] & 0xff)) {
                matched++;
            } else {
                before.write(PREAMBLE, 0, matched);
                matched = b == (PREAMBLE[0] & 0xff) ? 1 : 0;
                if (matched == 0) {
                    before.write(b);
                }
            }
        }
        return before.toString(java.nio.charset.StandardCharsets.UTF_8);
    }

    public static void writeStrings(DataOutputStream out, List<String> values) throws IOException {
        out.writeInt(values.size());
        for (String value : values) {
            writeString(out, value);
        }
    }

    public static List<String> readStrings(DataInputStream in) throws IOException {
        int size = in.readInt();
        List<String> values = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            values.add(readString(in));
        }
        return values;
    }

    /** Unlike writeUTF, not limited to 64 KiB: an environment value or command line may be long. */
    public static void writeString(DataOutputStream out, String value) throws IOException {
        byte[] bytes = value.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        out.writeInt(bytes.length);
        out.write(bytes);
    }

    public static String readString(DataInputStream in) throws IOException {
        byte[] bytes = new byte[in.readInt()];
        in.readFully(bytes);
        return new String(bytes, java.nio.charset.StandardCharsets.UTF_8);
    }

    public static void writeMap(DataOutputStream out, Map<String, String> map) throws IOException {
        out.writeInt(map.size());
        for (Map.Entry<String, String> entry : map.entrySet()) {
            writeString(out, entry.getKey());
            writeString(out, entry.getValue());
        }
    }

    public static Map<String, String> readMap(DataInputStream in) throws IOException {
        int size = in.readInt();
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < size; i++) {
            map.put(readString(in), readString(in));
        }
        return map;
    }

    public static void writePolicy(DataOutputStream out, StopPolicy policy) throws IOException {
        out.writeInt(policy.steps().size());
        for (StopStep step : policy.steps()) {
            writeString(out, step.signal().name());
            out.writeLong(step.grace().toNanos());
        }
    }

    public static StopPolicy readPolicy(DataInputStream in) throws IOException {
        int size = in.readInt();
        List<StopStep> steps = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            steps.add(new StopStep(Signal.valueOf(readString(in)), Duration.ofNanos(in.readLong())));
        }
        return new StopPolicy(steps);
    }

    public static void writeReport(DataOutputStream out, StopReport report) throws IOException {
        writeString(out, report.fixture());
        out.writeLong(report.took().toNanos());
        out.writeInt(report.ended().size());
        for (ProcessOutcome outcome : report.ended()) {
            out.writeInt(outcome.pid());
            writeString(out, outcome.command());
            writeString(out, outcome.endedBy().name());
            out.writeInt(outcome.step());
            out.writeLong(outcome.after().toNanos());
            writeString(out, outcome.exit());
        }
        out.writeInt(report.survivors().size());
        for (Survivor survivor : report.survivors()) {
            out.writeInt(survivor.pid());
            writeString(out, survivor.command());
            writeString(out, survivor.reason());
        }
    }

    public static StopReport readReport(DataInputStream in) throws IOException {
        String fixture = readString(in);
        Duration took = Duration.ofNanos(in.readLong());
        int endedCount = in.readInt();
        List<ProcessOutcome> ended = new ArrayList<>(endedCount);
        for (int i = 0; i < endedCount; i++) {
            ended.add(new ProcessOutcome(
                    in.readInt(),
                    readString(in),
                    Signal.valueOf(readString(in)),
                    in.readInt(),
                    Duration.ofNanos(in.readLong()),
                    readString(in)));
        }
        int survivorCount = in.readInt();
        List<Survivor> survivors = new ArrayList<>(survivorCount);
        for (int i = 0; i < survivorCount; i++) {
            survivors.add(new Survivor(in.readInt(), readString(in), readString(in)));
        }
        return new StopReport(fixture, ended, survivors, took);
    }

    public static void writeProcesses(DataOutputStream out, List<ProcessInfo> processes) throws IOException {
        out.writeInt(processes.size());
        for (ProcessInfo p : processes) {
            out.writeInt(p.pid());
            out.writeInt(p.ppid());
            out.writeInt(p.pgid());
            out.writeInt(p.sid());
            out.writeLong(p.startTime());
            out.writeChar(p.state());
            writeString(out, p.name());
        }
    }

    public static List<ProcessInfo> readProcesses(DataInputStream in) throws IOException {
        int size = in.readInt();
        List<ProcessInfo> processes = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            processes.add(new ProcessInfo(
                    in.readInt(),
                    in.readInt(),
                    in.readInt(),
                    in.readInt(),
                    in.readLong(),
                    in.readChar(),
                    readString(in)));
        }
        return processes;
    }
}
