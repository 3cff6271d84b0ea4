package io.chengis.cli.internal;

import io.chengis.api.BuildEvent;
import io.chengis.api.BuildResult;
import io.chengis.engine.BuildHandle;
import java.io.PrintWriter;

/** {@code --json}: every event as one JSON object per line, and nothing else on standard output. */
final class JsonOutput implements BuildOutput {
  private final PrintWriter out;

  JsonOutput(PrintWriter out) {
    this.out = out;
  }

  @Override
  public void started(BuildHandle handle) {
    // The BuildQueued event says it.
  }

  @Override
  public void event(BuildEvent event) {
    out.println(JsonEvents.toJson(event));
    out.flush();
  }

  @Override
  public void finished(BuildResult result, boolean interrupted) {
    // The BuildFinished event carries the result.
  }
}
