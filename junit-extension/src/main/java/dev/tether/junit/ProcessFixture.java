package dev.tether.junit;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** A running {@link ManagedProcess}, as a test sees it. */
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
