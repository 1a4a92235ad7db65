package dev.tether.killer.protocol;

import dev.tether.killer.process.ProcessInfo;
import dev.tether.killer.process.Signal;
import dev.tether.killer.stop.ProcessOutcome;
import dev.tether.killer.stop.StopPolicy;
import dev.tether.killer.stop.StopReport;
import dev.tether.killer.stop.StopStep;
import dev.tether.killer.stop.Survivor;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The field encodings {@link Codec} composes messages of. */
final class Fields {
    private Fields() {}

    static void writeStrings(DataOutputStream out, List<String> values) throws IOException {
        out.writeInt(values.size());
        for (String value : values) {
            writeString(out, value);
        }
    }

    static List<String> readStrings(DataInputStream in) throws IOException {
        int size = in.readInt();
        List<String> values = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            values.add(readString(in));
        }
        return values;
    }

    /** Unlike writeUTF, not limited to 64 KiB: an environment value or command line may be long. */
    static void writeString(DataOutputStream out, String value) throws IOException {
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        out.writeInt(bytes.length);
        out.write(bytes);
    }

    static String readString(DataInputStream in) throws IOException {
        byte[] bytes = new byte[in.readInt()];
        in.readFully(bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }

    static void writeMap(DataOutputStream out, Map<String, String> map) throws IOException {
        out.writeInt(map.size());
        for (Map.Entry<String, String> entry : map.entrySet()) {
            writeString(out, entry.getKey());
            writeString(out, entry.getValue());
        }
    }

    static Map<String, String> readMap(DataInputStream in) throws IOException {
        int size = in.readInt();
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < size; i++) {
            map.put(readString(in), readString(in));
        }
        return map;
    }

    static void writePolicy(DataOutputStream out, StopPolicy policy) throws IOException {
        out.writeInt(policy.steps().size());
        for (StopStep step : policy.steps()) {
            writeString(out, step.signal().name());
            out.writeLong(step.grace().toNanos());
        }
    }

    static StopPolicy readPolicy(DataInputStream in) throws IOException {
        int size = in.readInt();
        List<StopStep> steps = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            steps.add(new StopStep(Signal.valueOf(readString(in)), Duration.ofNanos(in.readLong())));
        }
        return new StopPolicy(steps);
    }

    static void writeReport(DataOutputStream out, StopReport report) throws IOException {
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

    static StopReport readReport(DataInputStream in) throws IOException {
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

    static void writeProcesses(DataOutputStream out, List<ProcessInfo> processes) throws IOException {
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

    static List<ProcessInfo> readProcesses(DataInputStream in) throws IOException {
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
