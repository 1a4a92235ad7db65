package dev.tether.killer;

import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The engine's package rules, checked on the compiled classes (so a fully-qualified name in the middle of a
 * method counts as much as an import). {@link #MAY_USE} is the layering: each package and the packages it may
 * use; it is acyclic, so obeying it means no package cycle. The site's architecture page shows the same map, and
 * a test keeps the two equal.
 */
class ArchitectureTest {
    private static final String ENGINE = "dev.tether.killer";
    private static final int MAX_LINES = 300;

    /** Package (relative to the engine's, "" for the root) -> the packages it may use besides itself. */
    static final Map<String, Set<String>> MAY_USE = Map.ofEntries(
            Map.entry("", Set.of()),
            Map.entry("text", Set.of("")),
            Map.entry("process", Set.of("", "text")),
            Map.entry("internal", Set.of()),
            Map.entry("internal.posix", Set.of("", "process")),
            Map.entry("stop", Set.of("", "text", "process")),
            Map.entry("state", Set.of("", "text", "process")),
            Map.entry("platform", Set.of("", "process", "internal.posix", "state")),
            Map.entry("protocol", Set.of("", "text", "process", "stop")),
            Map.entry(
                    "supervisor",
                    Set.of(
                            "",
                            "text",
                            "process",
                            "internal",
                            "internal.posix",
                            "platform",
                            "stop",
                            "state",
                            "protocol",
                            "ports")),
            Map.entry(
                    "client",
                    Set.of("", "text", "process", "internal", "platform", "stop", "state", "protocol", "supervisor")),
            Map.entry("config", Set.of("", "text", "process", "stop")),
            Map.entry("logs", Set.of("", "text")),
            Map.entry("ports", Set.of("", "text", "process", "platform", "state", "config")),
            Map.entry("readiness", Set.of("", "text", "process", "stop", "config", "logs", "ports", "client")),
            Map.entry("reuse", Set.of("", "process", "platform", "state", "client", "config", "ports", "readiness")),
            Map.entry(
                    "fixture",
                    Set.of(
                            "",
                            "text",
                            "process",
                            "platform",
                            "stop",
                            "state",
                            "client",
                            "config",
                            "logs",
                            "ports",
                            "readiness",
                            "reuse")));

    /**
     * The owner's client and the supervisor process share the protocol and nothing else, except the class the
     * client launches and the ledger reading it needs when a supervisor died.
     */
    private static final Set<String> SUPERVISOR_FACE_OF_CLIENT =
            Set.of(ENGINE + ".supervisor.SupervisorMain", ENGINE + ".supervisor.LedgerMembers");

    private static JavaClasses engine;

    @BeforeAll
    static void importEngine() {
        engine = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages(ENGINE);
    }

    @Test
    void everyPackageIsInTheLayering() {
        Set<String> packages = new TreeSet<>();
        engine.forEach(c -> packages.add(relative(c.getPackageName())));
        assertEquals(new TreeSet<>(MAY_USE.keySet()), packages, "a new package needs its row in MAY_USE");
    }

    @Test
    void noPackageUsesOneAboveIt() {
        List<String> violations = new ArrayList<>();
        for (JavaClass source : engine) {
            String from = relative(source.getPackageName());
            for (Dependency dependency : source.getDirectDependenciesFromSelf()) {
                JavaClass target = dependency.getTargetClass();
                String to = target.getPackageName();
                if (!to.equals(ENGINE) && !to.startsWith(ENGINE + ".")) {
                    continue;
                }
                String toRelative = relative(to);
                if (toRelative.equals(from)
                        || MAY_USE.getOrDefault(from, Set.of()).contains(toRelative)) {
                    if (from.equals("client") && toRelative.equals("supervisor")) {
                        String outer = target.getName().replaceAll("\\$.*", "");
                        if (!SUPERVISOR_FACE_OF_CLIENT.contains(outer)) {
                            violations.add(dependency.getDescription());
                        }
                    }
                    continue;
                }
                violations.add(dependency.getDescription());
            }
        }
        assertTrue(
                violations.isEmpty(), "imports against the layering:\n" + String.join("\n", new TreeSet<>(violations)));
    }

    @Test
    void noPackageCycles() {
        slices().matching(ENGINE + ".(**)").should().beFreeOfCycles().check(engine);
    }

    @Test
    void theEngineKnowsNoBuildToolOrTestFramework() {
        List<String> violations = new ArrayList<>();
        for (JavaClass source : engine) {
            for (Dependency dependency : source.getDirectDependenciesFromSelf()) {
                String to = dependency.getTargetClass().getPackageName();
                if (to.startsWith("org.apache.maven") || to.startsWith("org.junit") || to.startsWith("org.codehaus")) {
                    violations.add(dependency.getDescription());
                }
            }
        }
        assertTrue(violations.isEmpty(), String.join("\n", violations));
    }

    @Test
    void everyPackageSaysWhatItOwns() {
        List<String> missing = new ArrayList<>();
        for (String pkg : MAY_USE.keySet()) {
            Path info = Path.of("src/main/java", (ENGINE + (pkg.isEmpty() ? "" : "." + pkg)).replace('.', '/'))
                    .resolve("package-info.java");
            if (!Files.isRegularFile(info)) {
                missing.add(info.toString());
            }
        }
        assertTrue(missing.isEmpty(), "no package-info.java: " + missing);
    }

    /** The site's package map (a table row per package: `name` | may use ...) equals {@link #MAY_USE}. */
    @Test
    void theArchitecturePageShowsThisLayering() throws IOException {
        String page = Files.readString(Path.of("../site/markdown/architecture.md"));
        Pattern row = Pattern.compile("^\\| `([a-z.]*|\\(root\\))` \\| ([^|]*) \\|", Pattern.MULTILINE);
        Matcher matcher = row.matcher(page);
        Map<String, Set<String>> documented = new TreeMap<>();
        while (matcher.find()) {
            String pkg = matcher.group(1).equals("(root)") ? "" : matcher.group(1);
            Set<String> uses = new TreeSet<>();
            for (String used : matcher.group(2).split(",")) {
                String name = used.trim().replace("`", "");
                if (!name.isEmpty() && !name.equals("nothing")) {
                    uses.add(name.equals("(root)") ? "" : name);
                }
            }
            documented.put(pkg, uses);
        }
        Map<String, Set<String>> code = new TreeMap<>();
        MAY_USE.forEach((pkg, uses) -> code.put(pkg, new TreeSet<>(uses)));
        assertEquals(code, documented, "site/markdown/architecture.md and MAY_USE disagree");
    }

    /** Small classes that explain themselves: no main source file of any module over 300 lines. */
    @Test
    void noMainSourceFileIsLong() throws IOException {
        List<String> tooLong = new ArrayList<>();
        for (String module : List.of(".", "../maven-plugin", "../junit-extension")) {
            try (Stream<Path> files = Files.walk(Path.of(module, "src/main/java"))) {
                for (Path file :
                        files.filter(f -> f.toString().endsWith(".java")).toList()) {
                    int lines = Files.readAllLines(file).size();
                    if (lines > MAX_LINES) {
                        tooLong.add(file + " (" + lines + " lines)");
                    }
                }
            }
        }
        assertTrue(tooLong.isEmpty(), "over " + MAX_LINES + " lines, split by job: " + tooLong);
    }

    private static String relative(String packageName) {
        return packageName.equals(ENGINE) ? "" : packageName.substring(ENGINE.length() + 1);
    }
}
