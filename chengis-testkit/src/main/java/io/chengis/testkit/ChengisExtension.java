package io.chengis.testkit;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * The JUnit 5 extension behind {@link ChengisTest}: makes one {@link TestEngine} per test method,
 * injects it into {@code TestEngine} fields and parameters, and closes it after the test.
 *
 * <p>Thread-safe: tests running in parallel each get their own engine.
 *
 * @since 0.1.0
 */
public final class ChengisExtension
    implements BeforeEachCallback, AfterEachCallback, ParameterResolver {
  private static final ExtensionContext.Namespace NAMESPACE =
      ExtensionContext.Namespace.create(ChengisExtension.class);
  private static final String ENGINE = "engine";

  /** Created by JUnit through {@link ChengisTest}. */
  public ChengisExtension() {}

  @Override
  public void beforeEach(ExtensionContext context) throws IllegalAccessException {
    TestEngine engine = engine(context);
    for (Object instance : context.getRequiredTestInstances().getAllInstances()) {
      for (Class<?> type = instance.getClass(); type != Object.class; type = type.getSuperclass()) {
        for (Field field : type.getDeclaredFields()) {
          if (field.getType() == TestEngine.class && !Modifier.isStatic(field.getModifiers())) {
            field.setAccessible(true);
            field.set(instance, engine);
          }
        }
      }
    }
  }

  @Override
  public void afterEach(ExtensionContext context) {
    TestEngine engine = context.getStore(NAMESPACE).remove(ENGINE, TestEngine.class);
    if (engine != null) {
      engine.close();
    }
  }

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == TestEngine.class
        && context.getTestMethod().isPresent();
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    return engine(context);
  }

  private static TestEngine engine(ExtensionContext context) {
    return context
        .getStore(NAMESPACE)
        .getOrComputeIfAbsent(ENGINE, key -> create(context), TestEngine.class);
  }

  private static TestEngine create(ExtensionContext context) {
    ChengisTest config =
        context
            .getTestMethod()
            .flatMap(method -> AnnotationSupport.findAnnotation(method, ChengisTest.class))
            .or(() -> findOnClass(context))
            .orElseThrow(
                () ->
                    new ExtensionConfigurationException(
                        "ChengisExtension: "
                            + context.getDisplayName()
                            + " has no @ChengisTest; annotate the class or the method"));
    Instant start;
    try {
      start = Instant.parse(config.startAt());
    } catch (DateTimeParseException bad) {
      throw new ExtensionConfigurationException(
          "@ChengisTest on "
              + context.getDisplayName()
              + ": startAt is not an ISO-8601 instant (was \""
              + config.startAt()
              + "\"); write it like 2026-01-01T00:00:00Z");
    }
    return TestEngine.builder()
        .mode(config.mode())
        .unstubbed(config.unstubbed())
        .startAt(start)
        .stepTypes(config.stepTypes())
        .build();
  }

  private static Optional<ChengisTest> findOnClass(ExtensionContext context) {
    for (Optional<ExtensionContext> current = Optional.of(context);
        current.isPresent();
        current = current.get().getParent()) {
      Optional<ChengisTest> found =
          current
              .get()
              .getTestClass()
              .flatMap(type -> AnnotationSupport.findAnnotation(type, ChengisTest.class));
      if (found.isPresent()) {
        return found;
      }
    }
    return Optional.empty();
  }
}
