package io.chengis.dsl;

import io.chengis.api.Pipeline;
import io.chengis.api.PipelineDefinitionException;
import io.chengis.api.Problem;
import io.chengis.api.SourceLocation;
import java.lang.reflect.InvocationTargetException;
import java.util.List;
import java.util.Objects;
import java.util.ServiceLoader;

/**
 * Finds pipelines written as {@link PipelineDefinition} classes: by class name, or all those
 * registered with {@link ServiceLoader}.
 *
 * <p>Thread-safe.
 *
 * @since 0.1.0
 */
public final class PipelineDefinitions {
  private PipelineDefinitions() {}

  /**
   * Every pipeline definition registered with {@link ServiceLoader} for this class loader.
   *
   * @param classLoader where to look
   * @return the definitions, in discovery order
   */
  public static List<PipelineDefinition> discover(ClassLoader classLoader) {
    return ServiceLoader.load(PipelineDefinition.class, classLoader).stream()
        .map(ServiceLoader.Provider::get)
        .toList();
  }

  /**
   * Instantiates a definition class and defines its pipeline.
   *
   * @param className the fully qualified class name
   * @param classLoader where to load it from
   * @return the pipeline
   * @throws PipelineDefinitionException when the class is missing, is not a {@link
   *     PipelineDefinition}, cannot be instantiated, or defines an invalid pipeline
   */
  public static Pipeline load(String className, ClassLoader classLoader) {
    Objects.requireNonNull(className, "className");
    Class<?> type;
    try {
      type = Class.forName(className, true, classLoader);
    } catch (ClassNotFoundException | LinkageError notFound) {
      throw problem(
          className,
          "was not found on the class path",
          "check the fully qualified name"
              + knownDefinitions(classLoader)
              + " and that its jar or classes directory is on the class path");
    }
    if (!PipelineDefinition.class.isAssignableFrom(type)) {
      throw problem(
          className,
          "does not implement " + PipelineDefinition.class.getName(),
          "implement PipelineDefinition and return the pipeline from define()");
    }
    PipelineDefinition definition;
    try {
      definition = (PipelineDefinition) type.getConstructor().newInstance();
    } catch (NoSuchMethodException | IllegalAccessException | InstantiationException missing) {
      throw problem(
          className,
          "cannot be instantiated",
          "make it a public, non-abstract class with a public no-argument constructor");
    } catch (InvocationTargetException failed) {
      throw problem(
          className,
          "threw " + failed.getCause() + " from its constructor",
          "fix the constructor; definitions should do nothing but describe the pipeline");
    }
    return definition.define();
  }

  private static String knownDefinitions(ClassLoader classLoader) {
    List<String> known =
        ServiceLoader.load(PipelineDefinition.class, classLoader).stream()
            .map(provider -> provider.type().getName())
            .toList();
    return known.isEmpty() ? "" : " (registered definitions: " + known + ")";
  }

  private static PipelineDefinitionException problem(String className, String problem, String fix) {
    return new PipelineDefinitionException(
        className,
        List.of(
            Problem.of(
                SourceLocation.of(className, 0),
                "pipeline definition class \"" + className + "\"",
                problem,
                fix)));
  }
}
