package io.chengis.api;

import java.util.Objects;
import java.util.Optional;

/**
 * The git repository a build checks out before its first stage.
 *
 * <p>Immutable and thread-safe.
 *
 * @param url the clone URL ({@code https://}, {@code ssh://}, {@code git@host:path} or {@code
 *     file://})
 * @param ref the branch, tag or commit to check out; the remote's default branch when empty
 * @param depth the shallow-clone depth, or 0 for the full history
 * @param submodules whether to check out submodules
 * @param credentials the secret holding an HTTPS token or SSH private key, if the repository needs
 *     one
 * @param location where this source was declared
 * @since 0.1.0
 */
public record SourceSpec(
    String url,
    Optional<String> ref,
    int depth,
    boolean submodules,
    Optional<SecretRef> credentials,
    SourceLocation location) {

  /** Checks the components. */
  public SourceSpec {
    Objects.requireNonNull(url, "url");
    Objects.requireNonNull(ref, "ref");
    Objects.requireNonNull(credentials, "credentials");
    Objects.requireNonNull(location, "location");
  }
}
