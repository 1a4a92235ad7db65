package dev.tether.junit.cases;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tether.junit.Fixture;
import dev.tether.junit.ManagedProcess;
import dev.tether.junit.ProcessFixture;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

@ManagedProcess(id = "db", command = "sleep 300")
public class NestedTestCases {
    @Nested
    class Inner {
        @Test
        @ManagedProcess(
                id = "cache",
                command = "sleep 301",
                needs = {})
        void seesTheOuterFixture(@Fixture("db") ProcessFixture db, @Fixture("cache") ProcessFixture cache) {
            Seen.PIDS.add(db.pid());
            Seen.PIDS.add(cache.pid());
            assertTrue(db.isAlive() && cache.isAlive());
        }
    }
}
