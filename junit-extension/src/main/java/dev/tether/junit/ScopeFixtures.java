package dev.tether.junit;

import dev.tether.killer.client.ProcessSupervisor;
import dev.tether.killer.config.FixtureSpec;
import dev.tether.killer.config.Wording;
import dev.tether.killer.fixture.Diagnosis;
import dev.tether.killer.fixture.FixtureGroup;
import dev.tether.killer.fixture.GroupOptions;
import dev.tether.killer.fixture.GroupStopReport;
import dev.tether.killer.fixture.RunningFixture;
import dev.tether.killer.platform.Backend;
import dev.tether.killer.process.ProcessInfo;
import dev.tether.killer.process.ProcessInspector;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.logging.Logger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.opentest4j.AssertionFailedError;

/**
 * The fixtures of one scope (a class or a method). Stored in the scope's ExtensionContext store before they
 * start, so JUnit closes it (and so reaps them) even when the start fails half way or the test explodes.
 * Both closeable kinds: JUnit before 5.13 closes only a {@code CloseableResource}; 5.13 and later close an
 * {@code AutoCloseable} and warn about a value that is only the former (deprecated in JUnit 6).
 */
@SuppressWarnings("deprecation")
final class ScopeFixtures implements ExtensionContext.Store.CloseableResource, AutoCloseable {
    /** Messages name a fixture the way the test declares it. */
    static final Wording WORDING = new Wording("@ManagedProcess", "@ManagedProcess fixtures");

    private final String scope;
    private static final AtomicBoolean ANNOUNCED = new AtomicBoolean();
    /** How long a test's end waits for the exit event of a fixture already gone (it arrives within ms). */
    private static final Duration SETTLE_CRASH = Duration.ofSeconds(2);
    /** JUnit's own logging facade, so the build tool's logging decides where Tether's lines go. */
    private static final Logger LOG = Logger.getLogger("dev.tether.junit");
    /** Start ticks of the scopes running now, in this JVM: an escapee one of them could have made is not ours. */
    private static final Set<ScopeFixtures> ACTIVE = ConcurrentHashMap.newKeySet();

    private final ProcessInspector inspector = Backend.current().inspector();
    private final long startedAtTicks = inspector.startTimeFloor();
    private volatile FixtureGroup group;
    private volatile boolean stopped;
    private final CrashWatch crashes;

    ScopeFixtures(String scope) {
        this.scope = scope;
        this.crashes = new CrashWatch(scope);
    }

    /** The crashes of this scope's fixtures, each exit that already happened settled first. */
    CrashWatch crashes() {
        if (!stopped) {
            running().forEach(fixture -> fixture.settleCrash(SETTLE_CRASH));
        }
        return crashes;
    }

    /** @param reuseFrom what tether:run recorded, when reuse is on; else null */
    void start(List<FixtureSpec> specs, Path logDirectory, Path reuseFrom) {
        announceSupervisorOnce();
        ACTIVE.add(this);
        GroupOptions options =
                GroupOptions.in(logDirectory).withWording(WORDING).withCrashListener(crashes);
        group = FixtureGroup.start(specs, reuseFrom == null ? options : options.withReuseFrom(reuseFrom));
        group.reuseNotes().forEach(note -> LOG.info(() -> "[tether] " + scope + ": " + note));
    }

    /**
     * At the supervisor's first start in this JVM: one line saying which guarantees hold on this machine, and
     * from then on whatever the supervisor does on its own (reaping a crashed run's leftovers, its own death).
     */
    private static void announceSupervisorOnce() {
        if (ANNOUNCED.compareAndSet(false, true)) {
            ProcessSupervisor supervisor = ProcessSupervisor.shared();
            LOG.info(() -> "[tether] " + Diagnosis.of(supervisor).summary());
            supervisor.onNewNotice(notice -> LOG.info(() -> "[tether] " + notice));
        }
    }

    Optional<ProcessFixture> fixture(String id) {
        return running().stream().filter(f -> f.id().equals(id)).findFirst().map(Handle::new);
    }

    /** The fixtures started so far (none before the start). */
    List<RunningFixture> running() {
        FixtureGroup current = group;
        return current == null ? List.of() : current.fixtures();
    }

    List<String> ids() {
        return running().stream().map(RunningFixture::id).toList();
    }

    /**
     * Stops the fixtures, then checks that nothing of them is left: survivors of the stop, and processes that
     * escaped every way of finding a tree (only the supervisor still holds them) are killed and fail the test.
     * Only escapees this scope alone can have made count: one that started while another scope of this JVM was
     * running is left to the supervisor (it ends it with the last scope that could have made it), so a
     * concurrent scope's process is never killed here.
     *
     * @param report JUnit's report entries for this scope (also logged)
     */
    synchronized void stopAndCheck(Consumer<String> report) {
        if (stopped || group == null) {
            stopped = true;
            ACTIVE.remove(this);
            return;
        }
        stopped = true;
        GroupStopReport stops;
        try {
            stops = group.stop();
        } finally {
            ACTIVE.remove(this);
        }
        stops.fixtures().forEach(f -> f.unexpectedExits().forEach(crashes)); // those only the stop noticed
        stops.summaries().forEach(line -> {
            report.accept(line);
            LOG.fine(() -> "[tether] " + scope + ": " + line);
        });
        List<String> leaks = new ArrayList<>();
        stops.fixtures().stream()
                .flatMap(f -> f.stop().survivors().stream().map(s -> f.id() + ": " + s))
                .forEach(leaks::add);
        // a stop that found every adopted process claimed saves the round trip (~0.5 ms a test)
        List<ProcessInfo> unclaimed = stops.nothingUnclaimedAfter()
                ? List.of()
                : ProcessSupervisor.shared().unclaimed();
        for (ProcessInfo escaped : unclaimed) {
            if (escaped.startTime() < startedAtTicks) {
                continue;
            }
            if (ACTIVE.stream().anyMatch(other -> other.startedAtTicks <= escaped.startTime())) {
                report.accept("not judged here: " + escaped.pid() + " " + inspector.commandLine(escaped.pid())
                        + " escaped its tree while another scope ran too; it is stopped with the last of them");
                continue;
            }
            String command = inspector.commandLine(escaped.pid());
            boolean same = inspector
                    .process(escaped.pid())
                    .filter(p -> p.startTime() == escaped.startTime())
                    .isPresent();
            if (same) {
                ProcessHandle.of(escaped.pid()).ifPresent(ScopeFixtures::killAndWait);
            }
            leaks.add("escaped and killed: " + escaped.pid() + " " + command);
        }
        if (!leaks.isEmpty()) {
            throw new AssertionFailedError(
                    "Processes of the fixtures of " + scope + " outlived their stop: " + String.join("; ", leaks));
        }
    }

    /** SIGKILL is delivered asynchronously: wait (bounded) until the kernel has ended the process. */
    private static void killAndWait(ProcessHandle process) {
        process.destroyForcibly();
        try {
            process.onExit().get(5, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            // reported as leaked either way; the supervisor kills what is left when the JVM ends
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** JUnit's safety net: reaps whatever is still running, without judging (the after-callbacks judge). */
    @Override
    public synchronized void close() {
        ACTIVE.remove(this);
        if (!stopped && group != null) {
            stopped = true;
            group.stop();
        }
    }

    /** The view of a running fixture a test gets. */
    private record Handle(RunningFixture fixture) implements ProcessFixture {
        @Override
        public String id() {
            return fixture.id();
        }

        @Override
        public int pid() {
            return fixture.pid();
        }

        @Override
        public int port(String name) {
            return fixture.port(name);
        }

        @Override
        public Map<String, Integer> ports() {
            return fixture.ports();
        }

        @Override
        public Path logFile() {
            return fixture.logFile();
        }

        @Override
        public List<String> logTail(int lines) {
            return fixture.logTail(lines);
        }

        @Override
        public boolean isAlive() {
            return fixture.isAlive();
        }

        @Override
        public String toString() {
            return "ProcessFixture[" + id() + ", pid " + pid() + ", ports " + ports() + "]";
        }
    }

    static String describe(List<String> ids) {
        return ids.isEmpty() ? "none" : ids.stream().collect(Collectors.joining(", "));
    }
}
