package dev.tether.junit;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A running {@link ManagedProcess}, as a test sees it:
 *
 * <pre>{@code
 * @Test
 * void logsTheRequest(@Fixture("web") ProcessFixture web) throws Exception {
 *     HttpClient.newHttpClient().send(
 *             HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + web.port("web") + "/")).build(),
 *             HttpResponse.BodyHandlers.discarding());
 *     assertTrue(web.logTail(5).stream().anyMatch(line -> line.contains("GET / ")), web.logFile().toString());
 *     assertTrue(web.isAlive());
 * }
 * }</pre>
 */
public interface ProcessFixture {
    String id();

    /** The pid of the launched process. */
    int pid();

    /** The number of one of its named ports. */
    int port(String name);

    Map<String, Integer> ports();

    Path logFile();

    /** The last lines of its log. */
    List<String> logTail(int lines);

    /** The launched process (for a daemonizing fixture: any process of its tree) is alive. */
    boolean isAlive();
}
