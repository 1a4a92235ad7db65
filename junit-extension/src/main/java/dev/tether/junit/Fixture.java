package dev.tether.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Injects the {@link ProcessFixture} of the {@link ManagedProcess} with this id, from the method or any enclosing
 * scope. Works on test methods and on {@code @BeforeAll} (for a class's fixtures) and {@code @BeforeEach}
 * methods:
 *
 * <pre>{@code
 * @BeforeAll
 * static void client(@Fixture("web") ProcessFixture web) {
 *     baseUrl = "http://127.0.0.1:" + web.port("web");
 * }
 * }</pre>
 *
 * A parameter of any other type, or an id no enclosing scope declares, fails the test with the ids there are.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.PARAMETER)
public @interface Fixture {
    String value();
}
