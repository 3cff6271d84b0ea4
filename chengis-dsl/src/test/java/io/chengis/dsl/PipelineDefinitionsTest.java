package io.chengis.dsl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import io.chengis.api.Pipeline;
import io.chengis.api.PipelineDefinitionException;
import io.chengis.api.SourceLocation;
import org.junit.jupiter.api.Test;

/** Loading pipeline definitions by class name and discovering them through ServiceLoader. */
class PipelineDefinitionsTest {
  private static final ClassLoader LOADER = PipelineDefinitionsTest.class.getClassLoader();

  /** A definition that cannot be created reflectively: its only constructor takes an argument. */
  public static final class NeedsArguments implements PipelineDefinition {
    private final String name;

    /**
     * Creates the definition.
     *
     * @param name the pipeline name
     */
    public NeedsArguments(String name) {
      this.name = name;
    }

    @Override
    public Pipeline define() {
      return Chengis.pipeline(name, p -> p.stage("build", Rejections.ONE_STEP));
    }
  }

  /** A definition whose constructor fails. */
  public static final class FailsToConstruct implements PipelineDefinition {
    /** Always throws. */
    public FailsToConstruct() {
      throw new IllegalStateException("no config");
    }

    @Override
    public Pipeline define() {
      throw new AssertionError("never created");
    }
  }

  private static String messageOfLoading(String className) {
    return assertThatExceptionOfType(PipelineDefinitionException.class)
        .isThrownBy(() -> PipelineDefinitions.load(className, LOADER))
        .satisfies(
            invalid ->
                assertThat(invalid.problems())
                    .singleElement()
                    .satisfies(
                        problem ->
                            assertThat(problem.where()).isEqualTo(SourceLocation.of(className, 0))))
        .actual()
        .getMessage();
  }

  @Test
  void load_definitionClass_returnsItsPipeline() {
    Pipeline pipeline = PipelineDefinitions.load(SampleDefinition.class.getName(), LOADER);
    assertThat(pipeline.name()).isEqualTo("sample");
    assertThat(pipeline.stages().getFirst().steps().getFirst().name()).isEqualTo("compile");
    assertThat(pipeline.location().file()).isEqualTo("SampleDefinition.java");
  }

  @Test
  void load_missingClass_saysWhatWasTriedAndWhatIsRegistered() {
    assertThat(messageOfLoading("com.example.Missing"))
        .isEqualTo(
            "pipeline \"com.example.Missing\" has 1 problem:\n"
                + "  com.example.Missing: pipeline definition class \"com.example.Missing\" was not"
                + " found on the class path; check the fully qualified name (registered"
                + " definitions: [io.chengis.dsl.SampleDefinition]) and that its jar or classes"
                + " directory is on the class path");
  }

  @Test
  void load_classThatIsNotADefinition_isReported() {
    assertThat(messageOfLoading("java.lang.String"))
        .isEqualTo(
            "pipeline \"java.lang.String\" has 1 problem:\n"
                + "  java.lang.String: pipeline definition class \"java.lang.String\" does not"
                + " implement io.chengis.dsl.PipelineDefinition; implement PipelineDefinition and"
                + " return the pipeline from define()");
  }

  @Test
  void load_definitionWithoutNoArgConstructor_isReported() {
    String name = NeedsArguments.class.getName();
    assertThat(messageOfLoading(name))
        .isEqualTo(
            "pipeline \""
                + name
                + "\" has 1 problem:\n  "
                + name
                + ": pipeline definition class \""
                + name
                + "\" cannot be instantiated; make it a public, non-abstract class with a public"
                + " no-argument constructor");
  }

  @Test
  void load_definitionWhoseConstructorThrows_namesTheCause() {
    String name = FailsToConstruct.class.getName();
    assertThat(messageOfLoading(name))
        .endsWith(
            ": pipeline definition class \""
                + name
                + "\" threw java.lang.IllegalStateException: no config from its constructor; fix"
                + " the constructor; definitions should do nothing but describe the pipeline");
  }

  @Test
  void discover_findsTheRegisteredDefinitions() {
    assertThat(PipelineDefinitions.discover(LOADER))
        .singleElement()
        .isInstanceOf(SampleDefinition.class)
        .extracting(definition -> definition.define().name())
        .isEqualTo("sample");
  }
}
