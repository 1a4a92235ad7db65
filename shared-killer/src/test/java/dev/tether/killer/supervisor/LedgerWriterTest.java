package dev.tether.killer.supervisor;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tether.killer.process.ProcessId;
import dev.tether.killer.process.TreeMembership;
import dev.tether.killer.stop.StopPolicy;
import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the ledger file says of a fixture once it stopped, on each kind of backend. */
class LedgerWriterTest {
    private static final ProcessId SUPERVISOR = new ProcessId(4242, 500);

    @TempDir
    Path dir;

    private final List<OwnedTree> trees = new ArrayList<>();

    private LedgerWriter writer(boolean withoutSubreaper) {
        Ledger ledger = new Ledger(dir, SUPERVISOR, new ProcessId(4200, 400), "portable");
        OwnerChannel owner = new OwnerChannel(new ByteArrayOutputStream());
        return new LedgerWriter(ledger, owner, () -> List.copyOf(trees), Set::of, withoutSubreaper);
    }

    private OwnedTree settledTree(String key, ProcessId leader, long settled) {
        OwnedTree tree = new OwnedTree(
                key,
                new TreeMembership(leader, "cookie-" + key, List.of()),
                Optional.empty(),
                StopPolicy.DEFAULT,
                0L,
                dir.resolve(key + ".log"));
        tree.settle(settled);
        return tree;
    }

    private Ledger.Record written() throws Exception {
        return Ledger.read(dir.resolve("supervisor-" + SUPERVISOR.pid() + ".ledger"));
    }

    /** Writes the ledger with fixture web running, then stops it; the ledger as written after. */
    private Ledger.Record writtenAfterWebStopped(LedgerWriter writer) throws Exception {
        OwnedTree web = settledTree("web", new ProcessId(4250, 510), 530);
        trees.add(web);
        writer.write();

        trees.remove(web);
        writer.forget(web);
        writer.awaitWritesQueued(); // the forget's rewrite runs in the background: read the file after it
        return written();
    }

    @Test
    void withoutASubreaperAStoppedFixtureStaysAsEvidenceForOtherBuilds() throws Exception {
        Ledger.Record record = writtenAfterWebStopped(writer(true));

        assertEquals(List.of(), record.entries());
        assertEquals(List.of(new Ledger.Ended(new ProcessId(4250, 510), 530)), record.ended());
    }

    @Test
    void withASubreaperAStoppedFixtureLeavesNoTrace() throws Exception {
        assertEquals(List.of(), writtenAfterWebStopped(writer(false)).ended());
    }
}
