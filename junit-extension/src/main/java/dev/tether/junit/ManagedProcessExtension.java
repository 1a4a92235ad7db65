package dev.tether.junit;

import dev.tether.killer.InvalidSpecException;
import java.lang.reflect.AnnotatedElement;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ExtensionContext.Namespace;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;
import org.junit.platform.commons.support.AnnotationSupport;
import org.opentest4j.AssertionFailedError;

/**
 * Starts the {@link ManagedProcess}es of a class before its tests and those of a method before that test,
 * reaps them after, checks nothing leaked, and injects {@link Fixture @Fixture} parameters. Thin over the
 * engine's fixture groups; every scope's fixtures live in that scope's store under the scope's unique id.
 */
public final class ManagedProcessExtension
        implements BeforeAllCallback,
                AfterAllCallback,
                BeforeEachCallback,
                AfterEachCallback,
                ParameterResolver,
                TestExecutionExceptionHandler {
    private static final Namespace NAMESPACE = Namespace.create(ManagedProcessExtension.class);

    @Override
    public void beforeAll(ExtensionContext context) {
        Class<?> testClass = context.getRequiredTestClass();
        start(
                context,
                testClass,
                testClass.getSimpleName(),
                logDirectory(context).resolve(directoryName(testClass)));
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        CrashWatch.refuseAfterEarlierCrash(context.getDisplayName(), crashWatches(context));
        String method = context.getRequiredTestMethod().getName();
        Path directory = logDirectory(context)
                .resolve(directoryName(context.getRequiredTestClass()))
                .resolve(method + invocationSuffix(context));
        start(
                context,
                context.getRequiredTestMethod(),
                context.getRequiredTestClass().getSimpleName() + "." + method + "()",
                directory);
    }

    /**
     * Stops the test's own fixtures, then fails the test if any fixture of its scopes (its own, its classes')
     * exited on its own while it ran: a test against a crashed server proves nothing, even when it passed.
     */
    @Override
    public void afterEach(ExtensionContext context) {
        try {
            stop(context);
        } catch (RuntimeException | Error leak) {
            AssertionFailedError crashed = CrashWatch.failureFor(context.getDisplayName(), crashWatches(context));
            if (crashed != null) {
                leak.addSuppressed(crashed);
            }
            throw leak;
        }
        AssertionFailedError crashed = CrashWatch.failureFor(context.getDisplayName(), crashWatches(context));
        if (crashed != null) {
            throw crashed;
        }
    }

    /** The crash watches of this scope and every enclosing one. */
    private static List<CrashWatch> crashWatches(ExtensionContext context) {
        return scopes(context).stream().map(ScopeFixtures::crashes).toList();
    }

    /** The fixtures of this scope and of every enclosing one, innermost first. */
    private static List<ScopeFixtures> scopes(ExtensionContext context) {
        List<ScopeFixtures> found = new ArrayList<>();
        for (Optional<ExtensionContext> scope = Optional.of(context);
                scope.isPresent();
                scope = scope.get().getParent()) {
            ScopeFixtures fixtures =
                    scope.get().getStore(NAMESPACE).get(scope.get().getUniqueId(), ScopeFixtures.class);
            if (fixtures != null) {
                found.add(fixtures);
            }
        }
        return found;
    }

    /**
     * A failing test carries the servers' side: the log tails of the fixtures in its scopes ride along as a
     * suppressed exception, so IDEs, Surefire reports and CI test views show them beside the assertion.
     */
    @Override
    public void handleTestExecutionException(ExtensionContext context, Throwable failure) throws Throwable {
        FixtureLogs.of(scopes(context)).ifPresent(failure::addSuppressed);
        throw failure;
    }

    @Override
    public void afterAll(ExtensionContext context) {
        stop(context);
    }

    private static void start(ExtensionContext context, AnnotatedElement element, String declaredOn, Path logs) {
        List<ManagedProcess> declared = AnnotationSupport.findRepeatableAnnotations(element, ManagedProcess.class);
        if (declared.isEmpty()) {
            return;
        }
        ScopeFixtures scope;
        try {
            var specs = AnnotationSpecs.translate(declared, logs, declaredOn);
            // Stored before it starts: a half-started scope is still closed, and so reaped, by JUnit.
            scope = context.getStore(NAMESPACE)
                    .getOrComputeIfAbsent(
                            context.getUniqueId(), k -> new ScopeFixtures(declaredOn), ScopeFixtures.class);
            scope.start(specs, logs.toAbsolutePath(), ReuseChoice.recordFile(context, logDirectory(context)));
        } catch (InvalidSpecException e) {
            throw new ExtensionConfigurationException(e.getMessage(), e);
        }
    }

    private static void stop(ExtensionContext context) {
        ScopeFixtures scope = context.getStore(NAMESPACE).get(context.getUniqueId(), ScopeFixtures.class);
        if (scope != null) {
            try {
                scope.stopAndCheck(line -> context.publishReportEntry("tether", line));
            } finally {
                LogPublisher.publish(context, scope.running()); // after the stop: the whole log, its last words too
            }
        }
    }

    /**
     * Every {@code @Fixture} parameter is ours, whatever its type: a wrong type gets our precise error instead of
     * JUnit's "no ParameterResolver registered".
     */
    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.isAnnotated(Fixture.class);
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        String id = parameter.findAnnotation(Fixture.class).orElseThrow().value();
        Class<?> type = parameter.getParameter().getType();
        if (type != ProcessFixture.class) {
            throw new ParameterResolutionException(ExtensionMessages.wrongParameterType(
                    id,
                    parameter.getParameter().getName(),
                    parameter.getDeclaringExecutable().getName(),
                    type.getName(),
                    ProcessFixture.class.getName()));
        }
        List<String> inScope = new ArrayList<>();
        for (ScopeFixtures fixtures : scopes(context)) {
            Optional<ProcessFixture> found = fixtures.fixture(id);
            if (found.isPresent()) {
                return found.get();
            }
            inScope.addAll(fixtures.ids());
        }
        throw new ParameterResolutionException(ExtensionMessages.notInScope(
                id,
                parameter.getParameter().getName(),
                parameter.getDeclaringExecutable().getName(),
                ScopeFixtures.describe(inScope)));
    }

    /**
     * The class's own log directory: its fully qualified name (nesting included), so that {@code a.ApiIT} and
     * {@code b.ApiIT}, or two {@code @Nested class Inner}, running at once never share a log or a probe's file.
     */
    static String directoryName(Class<?> testClass) {
        return testClass.getName().replace('$', '-').replaceAll("[^A-Za-z0-9._-]", "_");
    }

    private static Path logDirectory(ExtensionContext context) {
        return Path.of(context.getConfigurationParameter("tether.directory").orElse("target/tether"));
    }

    /** Repeated and parameterized tests run one method several times: each run gets its own log directory. */
    private static String invocationSuffix(ExtensionContext context) {
        String id = context.getUniqueId();
        int invocation = id.lastIndexOf("-invocation:#");
        return invocation < 0
                ? ""
                : "-" + id.substring(invocation + "-invocation:#".length()).replaceAll("\\D.*", "");
    }
}
