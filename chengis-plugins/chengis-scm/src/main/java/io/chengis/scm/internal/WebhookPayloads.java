package io.chengis.scm.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.chengis.api.ScmEvent;
import io.chengis.scm.Forge;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Reads each forge's push, tag and pull-request payloads as documented. A payload that is not a
 * build trigger gives a reason to ignore it; a payload missing what its event must have is a {@link
 * Malformed} error naming the field.
 */
public final class WebhookPayloads {
  private static final String ZEROS = "0000000000000000000000000000000000000000";

  private WebhookPayloads() {}

  /** A payload without a field its event must have. */
  public static final class Malformed extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Malformed(String message) {
      super(message);
    }
  }

  /** What a payload means: an event to build, or why there is nothing to build. */
  public sealed interface Parsed {}

  /**
   * An event to build.
   *
   * @param event the event
   */
  public record Event(ScmEvent event) implements Parsed {}

  /**
   * Nothing to build.
   *
   * @param reason why
   */
  public record Nothing(String reason) implements Parsed {}

  /**
   * Reads a payload.
   *
   * @param forge the forge
   * @param eventType the event header's value ({@code push}, {@code Merge Request Hook}, {@code
   *     repo:push}, ...)
   * @param body the parsed body
   * @return the event or why there is none
   * @throws Malformed when a required field is missing
   */
  public static Parsed parse(Forge forge, String eventType, JsonNode body) {
    return switch (forge) {
      case GITHUB, GITEA -> gitHubLike(forge, eventType, body);
      case GITLAB -> gitLab(eventType, body);
      case BITBUCKET -> bitbucket(eventType, body);
    };
  }

  private static Parsed gitHubLike(Forge forge, String eventType, JsonNode body) {
    switch (eventType) {
      case "push" -> {
        String repo = text(body, "/repository/clone_url");
        String ref = text(body, "/ref");
        String after = text(body, "/after");
        if (body.path("deleted").asBoolean(false) || after.equals(ZEROS)) {
          return new Nothing(ref + " was deleted");
        }
        String author =
            first(body, "/pusher/name", "/pusher/login", "/pusher/username", "/sender/login");
        return new Event(ref(forge, repo, ref, after, changedFiles(body.path("commits")), author));
      }
      case "pull_request" -> {
        String repo = text(body, "/repository/clone_url");
        String action = text(body, "/action");
        Set<String> builds =
            forge == Forge.GITHUB
                ? Set.of("opened", "synchronize", "reopened")
                : Set.of("opened", "synchronized", "reopened");
        if (!builds.contains(action)) {
          return new Nothing("pull request action \"" + action + "\" does not change its code");
        }
        long number = body.at("/pull_request/number").asLong(body.path("number").asLong(0));
        String head = text(body, "/pull_request/head/ref");
        return new Event(
            pull(
                forge,
                repo,
                head,
                text(body, "/pull_request/head/sha"),
                first(body, "/pull_request/user/login", "/sender/login"),
                new ScmEvent.PullRequest(
                    number, action, head, text(body, "/pull_request/base/ref"))));
      }
      default -> {
        return new Nothing("event \"" + eventType + "\" is not a push or pull request");
      }
    }
  }

  private static Parsed gitLab(String eventType, JsonNode body) {
    switch (eventType) {
      case "Push Hook", "Tag Push Hook" -> {
        String ref = text(body, "/ref");
        String after = text(body, "/after");
        if (after.equals(ZEROS)) {
          return new Nothing(ref + " was deleted");
        }
        String commit =
            body.path("checkout_sha").isTextual() ? body.path("checkout_sha").asText() : after;
        return new Event(
            ref(
                Forge.GITLAB,
                text(body, "/project/git_http_url"),
                ref,
                commit,
                changedFiles(body.path("commits")),
                first(body, "/user_username", "/user_name")));
      }
      case "Merge Request Hook" -> {
        JsonNode attributes = body.path("object_attributes");
        String action = text(body, "/object_attributes/action");
        boolean codeChanged =
            action.equals("open")
                || action.equals("reopen")
                || action.equals("update") && attributes.hasNonNull("oldrev");
        if (!codeChanged) {
          return new Nothing("merge request action \"" + action + "\" does not change its code");
        }
        String head = text(body, "/object_attributes/source_branch");
        return new Event(
            pull(
                Forge.GITLAB,
                first(body, "/project/git_http_url", "/object_attributes/target/git_http_url"),
                head,
                text(body, "/object_attributes/last_commit/id"),
                first(body, "/user/username", "/user/name"),
                new ScmEvent.PullRequest(
                    attributes.path("iid").asLong(),
                    action,
                    head,
                    text(body, "/object_attributes/target_branch"))));
      }
      default -> {
        return new Nothing("event \"" + eventType + "\" is not a push, tag push or merge request");
      }
    }
  }

  private static Parsed bitbucket(String eventType, JsonNode body) {
    switch (eventType) {
      case "repo:push" -> {
        String repo = text(body, "/repository/links/html/href") + ".git";
        JsonNode changes = body.at("/push/changes");
        if (!changes.isArray() || changes.isEmpty()) {
          throw new Malformed("field /push/changes is missing or empty");
        }
        // One delivery may carry several ref changes; the last one still existing is built.
        for (int i = changes.size() - 1; i >= 0; i--) {
          JsonNode change = changes.get(i);
          JsonNode now = change.path("new");
          if (now.isMissingNode() || now.isNull()) {
            continue;
          }
          String type = text(now, "/type");
          String name = text(now, "/name");
          String ref = (type.equals("tag") ? "refs/tags/" : "refs/heads/") + name;
          return new Event(
              ref(
                  Forge.BITBUCKET,
                  repo,
                  ref,
                  text(now, "/target/hash"),
                  List.of(),
                  first(body, "/actor/nickname", "/actor/display_name")));
        }
        return new Nothing("every pushed ref was deleted");
      }
      case "pullrequest:created", "pullrequest:updated" -> {
        String repo = text(body, "/repository/links/html/href") + ".git";
        String head = text(body, "/pullrequest/source/branch/name");
        return new Event(
            pull(
                Forge.BITBUCKET,
                repo,
                head,
                text(body, "/pullrequest/source/commit/hash"),
                first(
                    body,
                    "/pullrequest/author/nickname",
                    "/pullrequest/author/display_name",
                    "/actor/display_name"),
                new ScmEvent.PullRequest(
                    body.at("/pullrequest/id").asLong(),
                    eventType.substring("pullrequest:".length()),
                    head,
                    text(body, "/pullrequest/destination/branch/name"))));
      }
      default -> {
        return new Nothing("event \"" + eventType + "\" is not a push or pull request");
      }
    }
  }

  private static ScmEvent ref(
      Forge forge, String repo, String ref, String commit, List<String> files, String author) {
    if (ref.startsWith("refs/tags/")) {
      return new ScmEvent(
          forge.type(),
          ScmEvent.Kind.TAG,
          repo,
          ref,
          Optional.empty(),
          Optional.of(ref.substring("refs/tags/".length())),
          commit,
          files,
          author,
          Optional.empty());
    }
    if (!ref.startsWith("refs/heads/")) {
      throw new Malformed("field /ref is not a branch or tag ref (was \"" + ref + "\")");
    }
    return new ScmEvent(
        forge.type(),
        ScmEvent.Kind.PUSH,
        repo,
        ref,
        Optional.of(ref.substring("refs/heads/".length())),
        Optional.empty(),
        commit,
        files,
        author,
        Optional.empty());
  }

  private static ScmEvent pull(
      Forge forge,
      String repo,
      String head,
      String commit,
      String author,
      ScmEvent.PullRequest pull) {
    return new ScmEvent(
        forge.type(),
        ScmEvent.Kind.PULL_REQUEST,
        repo,
        "refs/heads/" + head,
        Optional.of(head),
        Optional.empty(),
        commit,
        List.of(),
        author,
        Optional.of(pull));
  }

  /** Added, modified and removed paths of every commit, in order, each once. */
  private static List<String> changedFiles(JsonNode commits) {
    Set<String> files = new LinkedHashSet<>();
    for (JsonNode commit : commits) {
      for (String kind : List.of("added", "modified", "removed")) {
        for (JsonNode path : commit.path(kind)) {
          files.add(path.asText());
        }
      }
    }
    return List.copyOf(files);
  }

  private static String text(JsonNode node, String pointer) {
    JsonNode value = node.at(pointer);
    if (!value.isTextual() || value.asText().isEmpty()) {
      throw new Malformed(
          "field "
              + pointer
              + " is missing or not text (was "
              + (value.isMissingNode() ? "missing" : value.toString())
              + ")");
    }
    return value.asText();
  }

  private static String first(JsonNode node, String... pointers) {
    for (String pointer : pointers) {
      JsonNode value = node.at(pointer);
      if (value.isTextual() && !value.asText().isEmpty()) {
        return value.asText();
      }
    }
    throw new Malformed("none of the fields " + List.of(pointers) + " is present");
  }
}
