package io.chengis.api;

import io.chengis.api.internal.OrderedCopies;
import java.util.List;
import java.util.Objects;

/**
 * A stage's opt-in result cache. The stage's fingerprint is the SHA-256 of the commit, the stage's
 * definition, its environment (secret values excluded) and the contents of its input files; when a
 * successful earlier run had the same fingerprint, the stage does not run: it is reported as cached
 * from that build, its step outputs are restored and so are its output files.
 *
 * <p>Immutable and thread-safe.
 *
 * @param inputs workspace-relative globs of the files the stage reads (e.g. {@code src/**})
 * @param outputs workspace-relative files or directories the stage produces, restored on a hit
 * @param location where the result cache was declared
 * @since 0.1.0
 */
public record ResultCacheSpec(List<String> inputs, List<String> outputs, SourceLocation location) {
  /** Checks and copies the components. */
  public ResultCacheSpec {
    inputs = OrderedCopies.list(inputs, "inputs");
    outputs = OrderedCopies.list(outputs, "outputs");
    Objects.requireNonNull(location, "location");
  }
}
