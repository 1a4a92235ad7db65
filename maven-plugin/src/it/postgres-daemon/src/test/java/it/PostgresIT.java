package it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class PostgresIT {
    @Test
    void theDatabaseAnswersAQuery() throws Exception {
        Process psql = new ProcessBuilder(List.of(
                        "psql", "-h", "127.0.0.1", "-p", System.getProperty("db.port"), "-U", "postgres", "-tAc",
                        "select 6 * 7"))
                .redirectErrorStream(true)
                .start();
        String output = new String(psql.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        assertEquals(0, psql.waitFor(), output);
        assertEquals("42", output);
    }
}
