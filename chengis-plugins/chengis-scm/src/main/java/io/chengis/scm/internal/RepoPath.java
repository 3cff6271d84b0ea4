package io.chengis.scm.internal;

import io.chengis.api.PluginException;
import java.net.URI;
import java.util.List;

/**
 * A repository's path on its forge, from its clone URL: {@code owner/repo} on GitHub, Gitea and
 * Bitbucket, {@code group/subgroup/project} on GitLab. Dots in names stay ({@code org/my.repo}).
 *
 * @param host the forge's host
 * @param segments the path segments, without {@code .git}
 */
public record RepoPath(String host, List<String> segments) {
  /** Checks and copies the components. */
  public RepoPath {
    segments = List.copyOf(segments);
  }

  /**
   * Parses a clone URL: {@code https://host/a/b.git}, {@code ssh://git@host/a/b.git} or {@code
   * git@host:a/b.git}.
   *
   * @param url the clone URL
   * @return the path
   * @throws PluginException when the URL has fewer than two path segments
   */
  public static RepoPath parse(String url) {
    String host;
    String path;
    if (url.matches("^[A-Za-z0-9._-]+@[^:/]+:.*")) {
      host = url.substring(url.indexOf('@') + 1, url.indexOf(':'));
      path = url.substring(url.indexOf(':') + 1);
    } else {
      URI uri;
      try {
        uri = URI.create(url);
      } catch (IllegalArgumentException bad) {
        throw invalid(url);
      }
      host = uri.getHost() == null ? "" : uri.getHost();
      path = uri.getPath() == null ? "" : uri.getPath();
    }
    path = path.replaceAll("^/+|/+$", "");
    if (path.endsWith(".git")) {
      path = path.substring(0, path.length() - 4);
    }
    List<String> parts = List.of(path.split("/"));
    if (parts.size() < 2 || parts.stream().anyMatch(String::isEmpty)) {
      throw invalid(url);
    }
    return new RepoPath(host, parts);
  }

  private static PluginException invalid(String url) {
    return new PluginException(
        "scm: repository URL has no owner/repository path (was \""
            + withoutCredentials(url)
            + "\"); use the clone URL, e.g. https://github.com/acme/app.git");
  }

  /** The URL with any {@code user:password@} part replaced, so messages never carry a token. */
  static String withoutCredentials(String url) {
    return url.replaceAll("^([A-Za-z][A-Za-z0-9+.-]*://)[^/@]*@", "$1***@");
  }

  /**
   * The owner (GitHub/Gitea) or workspace (Bitbucket): every segment but the last.
   *
   * @return the owner
   */
  public String owner() {
    return String.join("/", segments.subList(0, segments.size() - 1));
  }

  /**
   * The repository name: the last segment.
   *
   * @return the name
   */
  public String name() {
    return segments.get(segments.size() - 1);
  }

  /**
   * The full path, e.g. {@code group/sub/project}.
   *
   * @return the path
   */
  public String full() {
    return String.join("/", segments);
  }
}
