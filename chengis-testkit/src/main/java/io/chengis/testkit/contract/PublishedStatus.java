package io.chengis.testkit.contract;

import java.util.Objects;

/**
 * One commit status as the forge received it, for {@link ScmStatusReporterContract}.
 *
 * @param commit the commit it was published for
 * @param state the forge's own state, e.g. {@code pending} or {@code success} on GitHub
 * @since 0.1.0
 */
public record PublishedStatus(String commit, String state) {
  /** Checks the components. */
  public PublishedStatus {
    Objects.requireNonNull(commit, "commit");
    Objects.requireNonNull(state, "state");
  }
}
