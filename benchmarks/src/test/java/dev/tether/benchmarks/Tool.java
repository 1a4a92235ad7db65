package dev.tether.benchmarks;

import java.util.List;

/** The ways of starting a server for integration tests that are compared, and the POM fragment of each. */
enum Tool {
    TETHER("Tether"),
    PROCESS_EXEC("process-exec-maven-plugin 0.9"),
    EXEC_ASYNC("exec-maven-plugin 3.6.4 (async)"),
    BARE("bare Process.destroy()");

    final String title;

    Tool(String title) {
        this.title = title;
    }

    /**
     * The {@code <plugin>} that starts {@code argv} before the integration tests and stops it after. Tether is
     * declared as its README recommends: an extension, which starts its supervisor while Maven compiles.
     *
     * @param healthUrl the readiness URL, or null
     */
    String plugin(List<String> argv, boolean daemonizes, String healthUrl, String tetherVersion) {
        String arguments =
                argv.stream().map(a -> "<argument>" + a + "</argument>").reduce("", String::concat);
        return switch (this) {
            case TETHER ->
                """
                    <plugin><groupId>dev.tether</groupId><artifactId>tether-maven-plugin</artifactId><version>%s</version>
                      <extensions>true</extensions>
                      <executions><execution><goals><goal>start</goal><goal>stop</goal></goals></execution></executions>
                      <configuration><processes><process><id>app</id><executable>%s</executable>
                        <arguments>%s</arguments><daemonizes>%s</daemonizes>%s
                        <stop><signal>TERM</signal><grace>2s</grace></stop></process></processes></configuration>
                    </plugin>""".formatted(
                                tetherVersion,
                                argv.get(0),
                                arguments.replaceFirst("<argument>[^<]*</argument>", ""),
                                daemonizes,
                                healthUrl == null ? "" : "<ready><http>" + healthUrl + "</http></ready>");
            case PROCESS_EXEC ->
                """
                    <plugin><groupId>com.bazaarvoice.maven.plugins</groupId><artifactId>process-exec-maven-plugin</artifactId><version>0.9</version>
                      <executions>
                        <execution><id>app</id><phase>pre-integration-test</phase><goals><goal>start</goal></goals>
                          <configuration><name>app</name><waitForInterrupt>false</waitForInterrupt>%s
                            <arguments>%s</arguments></configuration></execution>
                        <execution><id>stop</id><phase>post-integration-test</phase><goals><goal>stop-all</goal></goals></execution>
                      </executions>
                    </plugin>""".formatted(
                                healthUrl == null
                                        ? "<waitAfterLaunch>1</waitAfterLaunch>"
                                        : "<healthcheckUrl>" + healthUrl
                                                + "</healthcheckUrl><waitAfterLaunch>30</waitAfterLaunch>",
                                arguments);
            case EXEC_ASYNC -> """
                    <plugin><groupId>org.codehaus.mojo</groupId><artifactId>exec-maven-plugin</artifactId><version>3.6.4</version>
                      <executions><execution><id>app</id><phase>pre-integration-test</phase><goals><goal>exec</goal></goals>
                        <configuration><executable>%s</executable><arguments>%s</arguments>
                          <async>true</async><asyncDestroyOnShutdown>true</asyncDestroyOnShutdown></configuration>
                      </execution></executions>
                    </plugin>""".formatted(argv.get(0), arguments.replaceFirst("<argument>[^<]*</argument>", ""));
            case BARE -> throw new IllegalStateException("the bare baseline runs without Maven");
        };
    }
}
