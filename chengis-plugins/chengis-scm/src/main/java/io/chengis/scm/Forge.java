package io.chengis.scm;

import java.util.Locale;

/**
 * The forges Chengis talks to.
 *
 * @since 0.1.0
 */
public enum Forge {
  /** GitHub and GitHub Enterprise Server. */
  GITHUB("https://api.github.com"),
  /** GitLab.com and self-managed GitLab. */
  GITLAB("https://gitlab.com"),
  /** Gitea (and Forgejo); there is no public default, give the base URL. */
  GITEA(""),
  /** Bitbucket Cloud. */
  BITBUCKET("https://api.bitbucket.org");

  private final String defaultBaseUrl;

  Forge(String defaultBaseUrl) {
    this.defaultBaseUrl = defaultBaseUrl;
  }

  /**
   * The API base URL used when none is given; empty for Gitea.
   *
   * @return the URL without a trailing slash
   * @since 0.1.0
   */
  public String defaultBaseUrl() {
    return defaultBaseUrl;
  }

  /**
   * The type key, e.g. {@code github}.
   *
   * @return the key
   * @since 0.1.0
   */
  public String type() {
    return name().toLowerCase(Locale.ROOT);
  }
}
