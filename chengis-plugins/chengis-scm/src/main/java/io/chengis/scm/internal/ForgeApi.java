package io.chengis.scm.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.chengis.api.BuildState;
import io.chengis.api.Conclusion;
import io.chengis.api.Secret;
import io.chengis.api.spi.StatusReport;
import io.chengis.scm.Forge;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Each forge's documented commit-status and merge endpoints: method, path, auth header, state names
 * and body.
 *
 * <ul>
 *   <li>GitHub: {@code POST /repos/{owner}/{repo}/statuses/{sha}} with {@code Authorization:
 *       Bearer}, {@code Accept: application/vnd.github+json}, {@code X-GitHub-Api-Version:
 *       2022-11-28}; body {@code state, target_url, description, context}; states pending, success,
 *       failure, error. Merge: {@code PUT /repos/{owner}/{repo}/pulls/{n}/merge} {@code {sha,
 *       merge_method}}.
 *   <li>GitLab: {@code POST /api/v4/projects/{url-encoded path}/statuses/{sha}} with {@code
 *       PRIVATE-TOKEN}; body {@code state, name, target_url, description}; states pending, running,
 *       success, failed, canceled. Merge: {@code PUT
 *       /api/v4/projects/{id}/merge_requests/{iid}/merge} {@code {sha}}.
 *   <li>Gitea: {@code POST /api/v1/repos/{owner}/{repo}/statuses/{sha}} with {@code Authorization:
 *       token}; body like GitHub's. Merge: {@code POST
 *       /api/v1/repos/{owner}/{repo}/pulls/{n}/merge} {@code {Do, head_commit_id}}.
 *   <li>Bitbucket Cloud: {@code POST
 *       /2.0/repositories/{workspace}/{slug}/commit/{sha}/statuses/build} with {@code
 *       Authorization: Bearer} (access token) or Basic (user and app password); body {@code key,
 *       state, name, url, description}; states INPROGRESS, SUCCESSFUL, FAILED, STOPPED. Merge:
 *       {@code POST /2.0/repositories/{workspace}/{slug}/pullrequests/{id}/merge} {@code {type,
 *       merge_strategy, close_source_branch}}.
 * </ul>
 *
 * @param forge the forge
 * @param baseUrl the API base URL without a trailing slash
 * @param token the token (or Bitbucket app password when a username is given)
 * @param username the Bitbucket user for Basic auth, when an app password is used
 */
public record ForgeApi(Forge forge, String baseUrl, Secret token, Optional<String> username) {
  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * The forge's state name for a status.
   *
   * @param state where the build or stage is
   * @param conclusion its conclusion, when finished
   * @return the state as the forge spells it
   */
  public String state(BuildState state, Optional<Conclusion> conclusion) {
    Kind kind =
        switch (state) {
          case QUEUED -> Kind.PENDING;
          case RUNNING, WAITING -> Kind.RUNNING;
          case FINISHED ->
              switch (conclusion.orElse(Conclusion.FAILURE)) {
                case SUCCESS -> Kind.SUCCESS;
                case SKIPPED -> Kind.SKIPPED;
                case FAILURE, TIMED_OUT -> Kind.FAILURE;
                case CANCELLED -> Kind.ERROR;
              };
        };
    return switch (forge) {
      case GITHUB, GITEA ->
          switch (kind) {
            case PENDING, RUNNING -> "pending";
            case SUCCESS, SKIPPED -> "success";
            case FAILURE -> "failure";
            case ERROR -> "error";
          };
      case GITLAB ->
          switch (kind) {
            case PENDING -> "pending";
            case RUNNING -> "running";
            case SUCCESS -> "success";
            case SKIPPED -> "skipped";
            case FAILURE -> "failed";
            case ERROR -> "canceled";
          };
      case BITBUCKET ->
          switch (kind) {
            case PENDING, RUNNING -> "INPROGRESS";
            case SUCCESS, SKIPPED -> "SUCCESSFUL";
            case FAILURE -> "FAILED";
            case ERROR -> "STOPPED";
          };
    };
  }

  /** A forge-neutral state. */
  private enum Kind {
    PENDING,
    RUNNING,
    SUCCESS,
    SKIPPED,
    FAILURE,
    ERROR
  }

  /**
   * The call that publishes a status.
   *
   * @param report the status
   * @return the call
   */
  public ForgeHttp.Call status(StatusReport report) {
    RepoPath repo = RepoPath.parse(report.repository());
    String sha = encode(report.commit());
    String state = state(report.state(), report.conclusion());
    String description = truncate(report.description(), 140);
    ObjectNode body = JSON.createObjectNode();
    String path;
    switch (forge) {
      case GITHUB, GITEA -> {
        path =
            (forge == Forge.GITEA ? "/api/v1" : "")
                + "/repos/"
                + encode(repo.owner())
                + "/"
                + encode(repo.name())
                + "/statuses/"
                + sha;
        body.put("state", state);
        report.detailsUrl().ifPresent(url -> body.put("target_url", url.toString()));
        body.put("description", description);
        body.put("context", report.context());
      }
      case GITLAB -> {
        path = "/api/v4/projects/" + encode(repo.full()) + "/statuses/" + sha;
        body.put("state", state);
        body.put("name", report.context());
        report.detailsUrl().ifPresent(url -> body.put("target_url", url.toString()));
        body.put("description", description);
      }
      case BITBUCKET -> {
        path =
            "/2.0/repositories/"
                + encode(repo.owner())
                + "/"
                + encode(repo.name())
                + "/commit/"
                + sha
                + "/statuses/build";
        body.put("key", report.context());
        body.put("state", state);
        body.put("name", report.context());
        // Bitbucket requires a URL; without a build page, link the repository.
        body.put(
            "url",
            report
                .detailsUrl()
                .map(URI::toString)
                .orElse("https://bitbucket.org/" + repo.owner() + "/" + repo.name()));
        body.put("description", description);
      }
      default -> throw new IllegalStateException("unknown forge " + forge);
    }
    return new ForgeHttp.Call("POST", URI.create(baseUrl + path), headers(), body.toString());
  }

  /**
   * The call that merges a pull request, only while its head is still the given commit.
   *
   * @param repository the repository's clone URL
   * @param number the pull request's number (GitLab: iid)
   * @param sha the head commit the checks passed on
   * @return the call
   */
  public ForgeHttp.Call merge(String repository, long number, String sha) {
    RepoPath repo = RepoPath.parse(repository);
    ObjectNode body = JSON.createObjectNode();
    String method;
    String path;
    switch (forge) {
      case GITHUB -> {
        method = "PUT";
        path =
            "/repos/"
                + encode(repo.owner())
                + "/"
                + encode(repo.name())
                + "/pulls/"
                + number
                + "/merge";
        body.put("sha", sha);
        body.put("merge_method", "merge");
      }
      case GITLAB -> {
        method = "PUT";
        path = "/api/v4/projects/" + encode(repo.full()) + "/merge_requests/" + number + "/merge";
        body.put("sha", sha);
      }
      case GITEA -> {
        method = "POST";
        path =
            "/api/v1/repos/"
                + encode(repo.owner())
                + "/"
                + encode(repo.name())
                + "/pulls/"
                + number
                + "/merge";
        body.put("Do", "merge");
        body.put("head_commit_id", sha);
      }
      case BITBUCKET -> {
        method = "POST";
        path =
            "/2.0/repositories/"
                + encode(repo.owner())
                + "/"
                + encode(repo.name())
                + "/pullrequests/"
                + number
                + "/merge";
        body.put("type", "pullrequest_merge_parameters");
        body.put("merge_strategy", "merge_commit");
        body.put("close_source_branch", false);
      }
      default -> throw new IllegalStateException("unknown forge " + forge);
    }
    return new ForgeHttp.Call(method, URI.create(baseUrl + path), headers(), body.toString());
  }

  private Map<String, String> headers() {
    Map<String, String> headers = new LinkedHashMap<>();
    switch (forge) {
      case GITHUB -> {
        headers.put("Authorization", "Bearer " + token.reveal());
        headers.put("Accept", "application/vnd.github+json");
        headers.put("X-GitHub-Api-Version", "2022-11-28");
      }
      case GITLAB -> headers.put("PRIVATE-TOKEN", token.reveal());
      case GITEA -> {
        headers.put("Authorization", "token " + token.reveal());
        headers.put("Accept", "application/json");
      }
      case BITBUCKET -> {
        headers.put(
            "Authorization",
            username
                .map(
                    user ->
                        "Basic "
                            + Base64.getEncoder()
                                .encodeToString(
                                    (user + ":" + token.reveal()).getBytes(StandardCharsets.UTF_8)))
                .orElse("Bearer " + token.reveal()));
        headers.put("Accept", "application/json");
      }
      default -> throw new IllegalStateException("unknown forge " + forge);
    }
    return headers;
  }

  private static String encode(String segment) {
    return URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20");
  }

  /** At most {@code max} code points, so that a surrogate pair is never cut in half. */
  private static String truncate(String text, int max) {
    if (text.codePointCount(0, text.length()) <= max) {
      return text;
    }
    return text.substring(0, text.offsetByCodePoints(0, max - 1)) + "…";
  }

  /** Without the token. */
  @Override
  public String toString() {
    return "ForgeApi[" + forge + " " + baseUrl + "]";
  }
}
