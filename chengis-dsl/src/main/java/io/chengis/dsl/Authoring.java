package io.chengis.dsl;

import io.chengis.api.Problem;
import io.chengis.api.SourceLocation;
import java.util.ArrayList;
import java.util.List;

/**
 * Problems found by the DSL itself while a pipeline is being described (for example a matrix
 * declared twice), reported together with the model's own problems when the pipeline is built.
 */
final class Authoring {
  private final List<Problem> problems = new ArrayList<>();

  void problem(SourceLocation where, String subject, String problem, String fix) {
    problems.add(Problem.of(where, subject, problem, fix));
  }

  List<Problem> problems() {
    return problems;
  }
}
