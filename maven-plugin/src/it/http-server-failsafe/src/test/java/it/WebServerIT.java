package it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

class WebServerIT {
    @Test
    void serverStartedByTetherAnswersOnTheExportedPort() throws Exception {
        String port = System.getProperty("web.port");
        assertTrue(port != null && port.matches("\\d+"), "the port is exported: " + port);
        HttpResponse<String> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/pom.xml")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode());
        assertTrue(response.body().contains("http-server-failsafe"));
    }
}
