package dev.tether.maven;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringReader;
import org.apache.maven.model.io.xpp3.MavenXpp3Reader;
import org.apache.maven.project.MavenProject;
import org.junit.jupiter.api.Test;

/**
 * Which projects start the supervisor early: those that run tether:start and whose POM does not skip it. The
 * early-supervisor invoker build checks the same on a real build, with the supervisor's process.
 */
class EarlySupervisorTest {
    private static final String START_AND_STOP = "<goal>start</goal><goal>stop</goal>";

    @Test
    void aProjectThatDeclaresStartStartsFixtures() throws Exception {
        assertTrue(EarlySupervisor.startsFixtures(project("", "", "", START_AND_STOP)));
        assertTrue(EarlySupervisor.startsFixtures(
                project("", "<skip>false</skip>", "<skipITs>false</skipITs>", START_AND_STOP)));
    }

    @Test
    void onlyTheStartGoalCounts() throws Exception {
        assertFalse(EarlySupervisor.startsFixtures(project("", "", "", "<goal>stop</goal>")));
    }

    @Test
    void theSkipParameterInThePluginsOrTheExecutionsConfigurationStartsNothing() throws Exception {
        assertFalse(EarlySupervisor.startsFixtures(project("", "<skip>true</skip>", "", START_AND_STOP)));
        assertFalse(EarlySupervisor.startsFixtures(project("", "", "<skipITs>true</skipITs>", START_AND_STOP)));
        assertFalse(EarlySupervisor.startsFixtures(project("", "<skipTests> true </skipTests>", "", START_AND_STOP)));
    }

    @Test
    void aSkippingPropertyOfTheProjectStartsNothing() throws Exception {
        assertFalse(EarlySupervisor.startsFixtures(project("<skipITs>true</skipITs>", "", "", START_AND_STOP)));
        assertFalse(EarlySupervisor.startsFixtures(project("<tether.skip>true</tether.skip>", "", "", START_AND_STOP)));
        assertTrue(EarlySupervisor.startsFixtures(project("<skipITs>false</skipITs>", "", "", START_AND_STOP)));
    }

    /**
     * An empty value is false to the mojo's boolean parameters (a project with {@code <tether.skip/>} runs
     * tether:start; checked with a real build), so it must not keep the supervisor from starting early either.
     */
    @Test
    void anEmptySkipValueSkipsNothingAsForTheMojo() throws Exception {
        assertTrue(EarlySupervisor.startsFixtures(project("<tether.skip/>", "", "", START_AND_STOP)));
        assertTrue(EarlySupervisor.startsFixtures(project("", "<skip></skip>", "", START_AND_STOP)));
    }

    /** A POM as Maven reads it, with the plugin declared the way the README shows. */
    private static MavenProject project(
            String properties, String pluginConfiguration, String executionConfiguration, String goals)
            throws Exception {
        String xml = """
                <project><modelVersion>4.0.0</modelVersion><groupId>g</groupId><artifactId>a</artifactId><version>1</version>
                  <properties>%s</properties>
                  <build><plugins><plugin><groupId>dev.tether</groupId><artifactId>tether-maven-plugin</artifactId>
                    <configuration>%s</configuration>
                    <executions><execution><goals>%s</goals><configuration>%s</configuration></execution></executions>
                  </plugin></plugins></build>
                </project>
                """.formatted(properties, pluginConfiguration, goals, executionConfiguration);
        return new MavenProject(new MavenXpp3Reader().read(new StringReader(xml)));
    }
}
