package io.chengis.engine.secrets.internal;

import io.chengis.api.spi.SecretScope;

/**
 * The canonical text of a secret scope: {@code global}, {@code org:<org>}, {@code job:<org>/<job>}.
 * Organization and job ids cannot contain {@code :} or {@code /}, so the text is unambiguous; it is
 * bound into every ciphertext and names scopes in audit entries and messages.
 */
public final class ScopeText {
  private ScopeText() {}

  /**
   * The scope's canonical text.
   *
   * @param scope the scope
   * @return e.g. {@code job:acme/api-service}
   */
  public static String of(SecretScope scope) {
    return switch (scope) {
      case SecretScope.Global g -> "global";
      case SecretScope.Org o -> "org:" + o.org().value();
      case SecretScope.Job j -> "job:" + j.org().value() + "/" + j.jobId().value();
    };
  }

  /**
   * The scope's kind: {@code global}, {@code org} or {@code job}.
   *
   * @param scope the scope
   * @return the kind
   */
  public static String kind(SecretScope scope) {
    return switch (scope) {
      case SecretScope.Global g -> "global";
      case SecretScope.Org o -> "org";
      case SecretScope.Job j -> "job";
    };
  }
}
