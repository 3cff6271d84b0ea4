package io.chengis.git;

import io.chengis.api.LogLine;
import io.chengis.api.LogStream;
import io.chengis.api.PluginException;
import io.chengis.api.Secret;
import io.chengis.api.SourceSpec;
import io.chengis.api.spi.CheckoutRequest;
import io.chengis.api.spi.ScmProvider;
import io.chengis.api.spi.SourceRevision;
import io.chengis.git.internal.Auth;
import io.chengis.git.internal.MirrorLock;
import io.chengis.git.internal.Redaction;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.InstantSource;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.ResetCommand;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.diff.DiffEntry;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.ProgressMonitor;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.lib.StoredConfig;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.transport.RefSpec;
import org.eclipse.jgit.transport.URIish;
import org.eclipse.jgit.treewalk.CanonicalTreeParser;
import org.eclipse.jgit.treewalk.TreeWalk;

/**
 * Checks builds out with JGit.
 *
 * <p>With a mirror directory ({@link #withMirrors}), every repository URL gets one bare mirror
 * there: the first checkout clones it, later ones fetch only new commits into it and then copy the
 * wanted ref into the workspace over the local file transport (shallow when the source asks for a
 * depth). One mirror is updated and read by one build at a time: a lock per mirror inside the JVM
 * and an OS file lock across processes sharing the directory. Without mirrors ({@link
 * #withoutMirrors}) each build clones straight from the remote.
 *
 * <p>Credentials: an HTTPS token, or {@code user:token}, given to JGit in memory; the remote stays
 * the credential-free URL in every repository's configuration, and the token is cut out of every
 * message. URLs carrying a password are refused. SSH: the secret holds the private key's text,
 * parsed in memory and never written to disk; servers are checked against the {@link
 * #withSshKnownHosts known-hosts file}.
 *
 * <p>Thread-safe.
 *
 * @since 0.1.0
 */
public final class GitScmProvider implements ScmProvider {
  private final Optional<Path> mirrorRoot;
  private final InstantSource clock;
  private final Optional<Path> sshKnownHosts;

  private GitScmProvider(
      Optional<Path> mirrorRoot, InstantSource clock, Optional<Path> sshKnownHosts) {
    this.mirrorRoot = mirrorRoot;
    this.clock = clock;
    this.sshKnownHosts = sshKnownHosts;
  }

  /**
   * A copy that accepts SSH servers whose host key this OpenSSH {@code known_hosts} file lists (no
   * other SSH server is trusted, and none is without this file).
   *
   * @param knownHosts the known-hosts file
   * @return the copy
   */
  public GitScmProvider withSshKnownHosts(Path knownHosts) {
    return new GitScmProvider(
        mirrorRoot, clock, Optional.of(Objects.requireNonNull(knownHosts, "knownHosts")));
  }

  /**
   * A provider keeping one bare mirror per repository URL under this directory.
   *
   * @param mirrorRoot the mirror directory, created when absent; may be shared by processes
   * @return the provider
   */
  public static GitScmProvider withMirrors(Path mirrorRoot) {
    return new GitScmProvider(
        Optional.of(Objects.requireNonNull(mirrorRoot, "mirrorRoot")),
        InstantSource.system(),
        Optional.empty());
  }

  /**
   * A provider cloning every build straight from the remote.
   *
   * @return the provider
   */
  public static GitScmProvider withoutMirrors() {
    return new GitScmProvider(Optional.empty(), InstantSource.system(), Optional.empty());
  }

  /**
   * The mirror directory a repository URL maps to.
   *
   * @param url the clone URL
   * @return the bare mirror's directory, or empty without mirrors
   */
  public Optional<Path> mirrorOf(String url) {
    return mirrorRoot.map(root -> root.resolve(key(url) + ".git"));
  }

  @Override
  public SourceRevision checkout(CheckoutRequest request) throws InterruptedException {
    SourceSpec source = request.source();
    String secret = request.credential().map(Secret::reveal).orElse("");
    String shown = Redaction.url(source.url());
    refuseUnsupported(source);
    ProgressMonitor monitor = new CancellingMonitor(request);
    try (Auth credentials =
        Auth.of(isSsh(source.url()), request.credential(), sshKnownHosts, shown)) {
      Files.createDirectories(request.workspace());
      try (Stream<Path> entries = Files.list(request.workspace())) {
        if (entries.findAny().isPresent()) {
          throw new PluginException(
              "source: workspace "
                  + request.workspace()
                  + " is not empty; check out into an empty directory");
        }
      }
      if (mirrorRoot.isPresent()) {
        return viaMirror(request, credentials, monitor, shown);
      }
      return direct(request, credentials, monitor, shown);
    } catch (GitAPIException | IOException | RuntimeException failed) {
      if (request.cancellation().isCancelled()) {
        throw new InterruptedException("checkout of " + shown + " cancelled");
      }
      if (String.valueOf(failed.getMessage()).contains("CredentialItem$YesNoType")) {
        throw new PluginException(
            "source: the SSH server of "
                + shown
                + " presents a host key that is not in the known-hosts file "
                + sshKnownHosts.map(Path::toString).orElse("")
                + "; add the server's key to that file (e.g. from ssh-keyscan) after checking it");
      }
      if (failed instanceof PluginException plugin) {
        throw new PluginException(Redaction.text(plugin.getMessage(), secret));
      }
      throw new PluginException(
          Redaction.text(
              "source: checkout of "
                  + shown
                  + " failed: "
                  + failed.getMessage()
                  + "; check the URL, the ref and the credentials",
              secret));
    }
  }

  // --- mirror -------------------------------------------------------------------------------

  @SuppressWarnings("try") // the mirror lock is held by the try block, never read in it
  private SourceRevision viaMirror(
      CheckoutRequest request, Auth credentials, ProgressMonitor monitor, String shown)
      throws GitAPIException, IOException, InterruptedException {
    SourceSpec source = request.source();
    Path mirror = mirrorOf(source.url()).orElseThrow();
    try (MirrorLock.Held held =
        MirrorLock.acquire(
            mirror.resolveSibling(mirror.getFileName() + ".lock"),
            request.cancellation()::isCancelled)) {
      updateMirror(request, mirror, credentials, monitor, shown);
      try (Git mirrorGit = Git.open(mirror.toFile())) {
        Repository repository = mirrorGit.getRepository();
        Target target = resolve(repository, source, shown);
        log(request, "checking out " + target.describe() + " into the workspace");
        Git.init().setDirectory(request.workspace().toFile()).call().close();
        if (source.depth() == 0 || target.kind() == Kind.COMMIT) {
          linkObjects(mirror, request.workspace().resolve(Constants.DOT_GIT));
        }
        try (Git workspace = Git.open(request.workspace().toFile())) {
          if (source.depth() == 0 || target.kind() == Kind.COMMIT) {
            pointRefs(workspace.getRepository(), repository, target);
          } else {
            RefSpec spec =
                target.kind() == Kind.BRANCH
                    ? new RefSpec("+" + target.ref() + ":refs/remotes/origin/" + target.shortName())
                    : new RefSpec("+" + target.ref() + ":" + target.ref());
            workspace
                .fetch()
                .setRemote(mirror.toUri().toString())
                .setRefSpecs(spec)
                .setDepth(source.depth())
                .setProgressMonitor(monitor)
                .call();
          }
          setOrigin(workspace.getRepository(), source.url());
          checkoutTarget(workspace, target);
          if (source.submodules()) {
            submodules(workspace, credentials, monitor);
          }
          return revision(
              workspace.getRepository(), repository, target, request.baseCommit(), shown);
        }
      }
    }
  }

  /**
   * Gives the workspace repository the mirror's objects the way {@code git clone --local} does:
   * hard links to the immutable pack and loose object files (copies across file systems), so no
   * pack is generated. The mirror is never garbage-collected in place, so the links stay valid.
   */
  private static void linkObjects(Path mirror, Path gitDir) throws IOException {
    Path from = mirror.resolve("objects");
    Path to = gitDir.resolve("objects");
    try (Stream<Path> files = Files.walk(from)) {
      for (Path file : files.filter(Files::isRegularFile).toList()) {
        Path relative = from.relativize(file);
        if (relative.startsWith("info")) {
          continue;
        }
        Path target = to.resolve(relative.toString());
        Files.createDirectories(target.getParent());
        if (Files.exists(target)) {
          continue;
        }
        try {
          Files.createLink(target, file);
        } catch (IOException | UnsupportedOperationException otherFileSystem) {
          Files.copy(file, target);
        }
      }
    }
  }

  /** Creates the remote-tracking branch or tag the target needs, as a fetch would. */
  private static void pointRefs(Repository workspace, Repository mirror, Target target)
      throws IOException {
    String name =
        switch (target.kind()) {
          case BRANCH -> "refs/remotes/origin/" + target.shortName();
          case TAG -> target.ref();
          case COMMIT -> "";
        };
    if (name.isEmpty()) {
      return;
    }
    Ref source = mirror.exactRef(target.ref());
    RefUpdate update = workspace.updateRef(name);
    update.setNewObjectId(source == null ? target.commit() : source.getObjectId());
    check(update.forceUpdate(), name);
  }

  private void updateMirror(
      CheckoutRequest request, Path mirror, Auth credentials, ProgressMonitor monitor, String shown)
      throws GitAPIException, IOException {
    if (Files.isRegularFile(mirror.resolve("chengis-mirror-complete"))) {
      log(request, "fetching new commits of " + shown + " into the mirror");
      try (Git git = Git.open(mirror.toFile())) {
        credentials
            .apply(git.fetch())
            .setRemote("origin")
            .setRemoveDeletedRefs(true)
            .setProgressMonitor(monitor)
            .call();
      }
      return;
    }
    log(request, "cloning " + shown + " into a new mirror");
    deleteTree(mirror);
    Path partial = mirror.resolveSibling(mirror.getFileName() + ".partial");
    deleteTree(partial);
    try (Git git =
        credentials
            .apply(Git.cloneRepository())
            .setURI(request.source().url())
            .setDirectory(partial.toFile())
            .setBare(true)
            .setMirror(true)
            .setProgressMonitor(monitor)
            .call()) {
      StoredConfig config = git.getRepository().getConfig();
      config.setInt("gc", null, "auto", 0);
      config.setBoolean("uploadpack", null, "allowreachablesha1inwant", true);
      config.save();
    }
    Files.writeString(partial.resolve("chengis-mirror-complete"), request.source().url());
    Files.move(partial, mirror, StandardCopyOption.ATOMIC_MOVE);
  }

  // --- direct clone -------------------------------------------------------------------------

  private SourceRevision direct(
      CheckoutRequest request, Auth credentials, ProgressMonitor monitor, String shown)
      throws GitAPIException, IOException {
    SourceSpec source = request.source();
    log(request, "cloning " + shown + " into the workspace");
    Optional<String> ref = source.ref();
    boolean commitRef = ref.isPresent() && looksLikeCommit(ref.get());
    var clone =
        credentials
            .apply(Git.cloneRepository())
            .setURI(source.url())
            .setDirectory(request.workspace().toFile())
            .setNoCheckout(true)
            .setProgressMonitor(monitor);
    if (ref.isPresent() && !commitRef) {
      clone.setBranch(ref.get());
    }
    if (source.depth() > 0 && !commitRef) {
      clone.setDepth(source.depth());
    }
    try (Git workspace = clone.call()) {
      Repository repository = workspace.getRepository();
      Target target = resolve(repository, source, shown);
      checkoutTarget(workspace, target);
      if (source.submodules()) {
        submodules(workspace, credentials, monitor);
      }
      return revision(repository, repository, target, request.baseCommit(), shown);
    }
  }

  // --- refs ---------------------------------------------------------------------------------

  private enum Kind {
    BRANCH,
    TAG,
    COMMIT
  }

  private record Target(Kind kind, String ref, String shortName, ObjectId commit) {
    String describe() {
      return switch (kind) {
        case BRANCH -> "branch " + shortName + " at " + commit.name();
        case TAG -> "tag " + shortName + " at " + commit.name();
        case COMMIT -> "commit " + commit.name();
      };
    }
  }

  private static Target resolve(Repository repository, SourceSpec source, String shown)
      throws IOException {
    if (source.ref().isEmpty()) {
      Ref head = repository.exactRef(Constants.HEAD);
      Ref tip =
          head == null || !head.isSymbolic()
              ? null
              : head.getObjectId() != null
                  ? head
                  : repository.exactRef(
                      Constants.R_REMOTES
                          + "origin/"
                          + Repository.shortenRefName(head.getTarget().getName()));
      if (head == null || tip == null) {
        throw new PluginException(
            "source: "
                + shown
                + " has no default branch; name a ref (branch, tag or commit) in the source");
      }
      String name = head.getTarget().getName();
      return new Target(Kind.BRANCH, name, Repository.shortenRefName(name), peel(repository, tip));
    }
    String ref = source.ref().get();
    for (String candidate :
        List.of(
            ref,
            Constants.R_HEADS + ref,
            Constants.R_TAGS + ref,
            Constants.R_REMOTES + "origin/" + ref)) {
      if (!candidate.startsWith(Constants.R_REFS)) {
        continue;
      }
      Ref found = repository.exactRef(candidate);
      if (found == null) {
        continue;
      }
      if (candidate.startsWith(Constants.R_TAGS)) {
        return new Target(
            Kind.TAG, candidate, Repository.shortenRefName(candidate), peel(repository, found));
      }
      String branch =
          candidate.startsWith(Constants.R_REMOTES)
              ? candidate.substring((Constants.R_REMOTES + "origin/").length())
              : Repository.shortenRefName(candidate);
      return new Target(Kind.BRANCH, Constants.R_HEADS + branch, branch, peel(repository, found));
    }
    if (looksLikeCommit(ref)) {
      ObjectId id = repository.resolve(ref + "^{commit}");
      if (id != null) {
        return new Target(Kind.COMMIT, id.name(), id.name(), id);
      }
    }
    throw new PluginException(
        "source: ref \""
            + ref
            + "\" is neither a branch, a tag nor a commit of "
            + shown
            + "; name an existing branch (e.g. main or feature/x), tag or full commit id");
  }

  private static ObjectId peel(Repository repository, Ref ref) throws IOException {
    try (RevWalk walk = new RevWalk(repository)) {
      return walk.parseCommit(ref.getObjectId()).getId();
    }
  }

  private static boolean looksLikeCommit(String ref) {
    return ref.matches("[0-9a-fA-F]{7,40}");
  }

  /**
   * Points HEAD at the target (a local branch of the same name, or detached) and resets the index
   * and work tree hard to it; works alike on a fresh fetch and on a clone without checkout.
   */
  private static void checkoutTarget(Git workspace, Target target)
      throws GitAPIException, IOException {
    Repository repository = workspace.getRepository();
    if (target.kind() == Kind.BRANCH) {
      String local = Constants.R_HEADS + target.shortName();
      RefUpdate branch = repository.updateRef(local);
      branch.setNewObjectId(target.commit());
      branch.setRefLogMessage("chengis checkout", false);
      check(branch.forceUpdate(), local);
      RefUpdate head = repository.updateRef(Constants.HEAD, false);
      check(head.link(local), Constants.HEAD);
    } else {
      RefUpdate head = repository.updateRef(Constants.HEAD, true);
      head.setNewObjectId(target.commit());
      check(head.forceUpdate(), Constants.HEAD);
    }
    workspace.reset().setMode(ResetCommand.ResetType.HARD).setRef(target.commit().name()).call();
  }

  private static void check(RefUpdate.Result result, String ref) {
    switch (result) {
      case NEW, FORCED, FAST_FORWARD, NO_CHANGE -> {}
      default ->
          throw new PluginException(
              "source: could not point " + ref + " at the commit to build (" + result + ")");
    }
  }

  private static void submodules(Git workspace, Auth credentials, ProgressMonitor m)
      throws GitAPIException {
    workspace.submoduleInit().call();
    credentials.apply(workspace.submoduleUpdate()).setProgressMonitor(m).call();
  }

  private static void setOrigin(Repository repository, String url) throws IOException {
    StoredConfig config = repository.getConfig();
    config.setString("remote", "origin", "url", url);
    config.setString("remote", "origin", "fetch", "+refs/heads/*:refs/remotes/origin/*");
    config.save();
  }

  // --- metadata -----------------------------------------------------------------------------

  private static SourceRevision revision(
      Repository workspace,
      Repository history,
      Target target,
      Optional<String> baseCommit,
      String shown)
      throws IOException {
    try (RevWalk walk = new RevWalk(workspace)) {
      RevCommit commit = walk.parseCommit(target.commit());
      Optional<String> tag =
          target.kind() == Kind.TAG
              ? Optional.of(target.shortName())
              : tagAt(history, target.commit());
      return new SourceRevision(
          commit.getName(),
          target.kind() == Kind.BRANCH ? Optional.of(target.shortName()) : Optional.empty(),
          commit.getAuthorIdent().getName(),
          commit.getAuthorIdent().getEmailAddress(),
          commit.getFullMessage().strip(),
          tag,
          baseCommit.flatMap(base -> changedFiles(history, base, target.commit())));
    }
  }

  private static Optional<String> tagAt(Repository repository, ObjectId commit) throws IOException {
    TreeSet<String> tags = new TreeSet<>();
    for (Ref ref : repository.getRefDatabase().getRefsByPrefix(Constants.R_TAGS)) {
      Ref peeled = repository.getRefDatabase().peel(ref);
      ObjectId target =
          peeled.getPeeledObjectId() != null ? peeled.getPeeledObjectId() : peeled.getObjectId();
      if (commit.equals(target)) {
        tags.add(Repository.shortenRefName(ref.getName()));
      }
    }
    return tags.isEmpty() ? Optional.empty() : Optional.of(tags.first());
  }

  /** The paths changed between two commits, or empty when the base is not in the history. */
  static Optional<List<String>> changedFiles(Repository repository, String base, ObjectId head) {
    try (RevWalk walk = new RevWalk(repository);
        ObjectReader reader = repository.newObjectReader()) {
      ObjectId baseId = repository.resolve(base + "^{commit}");
      if (baseId == null) {
        return Optional.empty();
      }
      CanonicalTreeParser from =
          new CanonicalTreeParser(null, reader, walk.parseCommit(baseId).getTree());
      CanonicalTreeParser to =
          new CanonicalTreeParser(null, reader, walk.parseCommit(head).getTree());
      TreeSet<String> paths = new TreeSet<>();
      try (TreeWalk tree = new TreeWalk(repository, reader)) {
        tree.setRecursive(true);
        tree.addTree(from);
        tree.addTree(to);
        for (DiffEntry entry : DiffEntry.scan(tree)) {
          if (!entry.getOldPath().equals(DiffEntry.DEV_NULL)) {
            paths.add(entry.getOldPath());
          }
          if (!entry.getNewPath().equals(DiffEntry.DEV_NULL)) {
            paths.add(entry.getNewPath());
          }
        }
      }
      return Optional.of(List.copyOf(paths));
    } catch (IOException | RuntimeException unreadable) {
      return Optional.empty();
    }
  }

  // --- credentials, logging, files ----------------------------------------------------------

  private static void refuseUnsupported(SourceSpec source) {
    String url = source.url();
    URIish uri;
    try {
      uri = new URIish(url);
    } catch (java.net.URISyntaxException malformed) {
      throw new PluginException(
          "source: URL \""
              + Redaction.url(url)
              + "\" is not a git URL; use https://host/owner/repo.git or file:///path");
    }
    if (uri.getPass() != null) {
      throw new PluginException(
          "source: URL \""
              + Redaction.url(url)
              + "\" carries a password; remove it and name a secret in the source's credentials");
    }
  }

  private static boolean isSsh(String url) {
    try {
      URIish uri = new URIish(url);
      String scheme = uri.getScheme();
      return scheme == null
          ? uri.getHost() != null
          : scheme.equals("ssh") || scheme.equals("git+ssh");
    } catch (java.net.URISyntaxException malformed) {
      return false;
    }
  }

  private void log(CheckoutRequest request, String text) {
    request.log().accept(new LogLine(clock.instant(), LogStream.STDOUT, "[git] " + text));
  }

  private static String key(String url) {
    String normalized = url.strip();
    while (normalized.endsWith("/")) {
      normalized = normalized.substring(0, normalized.length() - 1);
    }
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(normalized.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest, 0, 16);
    } catch (NoSuchAlgorithmException impossible) {
      throw new IllegalStateException("SHA-256 is missing from the JDK", impossible);
    }
  }

  private static void deleteTree(Path root) throws IOException {
    if (!Files.exists(root)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(path);
      }
    }
  }

  /** Reports nothing and stops JGit when the build is cancelled. */
  private static final class CancellingMonitor implements ProgressMonitor {
    private final CheckoutRequest request;

    CancellingMonitor(CheckoutRequest request) {
      this.request = request;
    }

    @Override
    public void start(int totalTasks) {}

    @Override
    public void beginTask(String title, int totalWork) {}

    @Override
    public void update(int completed) {}

    @Override
    public void endTask() {}

    @Override
    public void showDuration(boolean enabled) {}

    @Override
    public boolean isCancelled() {
      return request.cancellation().isCancelled();
    }
  }
}
