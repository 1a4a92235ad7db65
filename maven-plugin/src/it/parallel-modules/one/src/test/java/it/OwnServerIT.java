package it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class OwnServerIT {
    @Test
    void ownServerServesOwnDirectory() throws Exception {
        String port = System.getProperty("web.port");
        Files.writeString(Path.of("target", "whoami.txt"), "one");
        HttpResponse<String> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/target/whoami.txt")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals("one", response.body(), "module one must reach its own server on " + port);
    }
}
