package it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class HelloIT {
    @Test
    void theJavaFixtureAnswers() throws Exception {
        URL url = new URL("http://127.0.0.1:" + System.getProperty("app.port") + "/");
        try (InputStream in = url.openStream()) {
            assertEquals("hello from java", new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }
}
