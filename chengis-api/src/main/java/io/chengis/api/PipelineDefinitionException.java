package io.chengis.api;

import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * A pipeline definition is invalid. Carries <em>every</em> problem found, each with its location,
 * so that an author can fix them all in one pass.
 *
 * @since 0.1.0
 */
public final class PipelineDefinitionException extends ChengisException {
  private static final long serialVersionUID = 1L;

  /** Not serialized ({@link Problem} holds an Optional); the message keeps every problem's text. */
  private final transient List<Problem> problems;

  /**
   * Creates the exception.
   *
   * @param pipeline the name of the pipeline (or file) being defined
   * @param problems the problems, at least one
   */
  public PipelineDefinitionException(String pipeline, List<Problem> problems) {
    super(render(pipeline, problems));
    this.problems = List.copyOf(problems);
  }

  /**
   * The problems, in the order they were found.
   *
   * @return an unmodifiable, non-empty list
   */
  public List<Problem> problems() {
    // A deserialized copy has no problem objects, only the message that lists them.
    return problems == null ? List.of() : problems;
  }

  private static String render(String pipeline, List<Problem> problems) {
    Objects.requireNonNull(pipeline, "pipeline");
    if (problems.isEmpty()) {
      throw new IllegalArgumentException(
          "a PipelineDefinitionException needs at least one problem");
    }
    String header =
        "pipeline \""
            + pipeline
            + "\" has "
            + (problems.size() == 1 ? "1 problem" : problems.size() + " problems")
            + ":\n";
    return problems.stream()
        .map(problem -> "  " + problem.message())
        .collect(Collectors.joining("\n", header, ""));
  }
}
