package example;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tether.junit.Fixture;
import dev.tether.junit.ManagedProcess;
import dev.tether.junit.ProcessFixture;
import dev.tether.junit.Ready;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/** A unit test with a mock backend of its own, started before the test and reaped after it. */
class BackendClientTest {
    @Test
    @ManagedProcess(
            id = "backend",
            command = {"python3", "-m", "http.server", "${tether.port.api}", "--bind", "127.0.0.1"},
            workingDirectory = "webroot",
            ports = "api",
            ready = @Ready(http = "http://127.0.0.1:${tether.port.api}/", timeout = "30s"))
    void clientReachesTheBackend(@Fixture("backend") ProcessFixture backend) throws Exception {
        HttpResponse<Void> response = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + backend.port("api") + "/index.html"))
                                .build(),
                        HttpResponse.BodyHandlers.discarding());
        assertEquals(200, response.statusCode());
    }
}
