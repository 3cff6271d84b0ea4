package io.chengis.benchmarks;

import io.chengis.api.BuildId;
import io.chengis.api.SourceLocation;
import io.chengis.api.SourceSpec;
import io.chengis.api.spi.Cancellation;
import io.chengis.api.spi.CheckoutRequest;
import io.chengis.api.spi.SourceRevision;
import io.chengis.git.GitScmProvider;
import io.chengis.testkit.http.GitHttpServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.transport.RefSpec;
import org.eclipse.jgit.transport.URIish;

/**
 * Checkout with the mirror against a fresh clone: a repository of {@code -DrepoFiles} files of 4
 * KiB over {@code -DrepoCommits} commits, served by {@code git http-backend} over loopback HTTP.
 * Before every round one small commit is pushed; then the same {@link GitScmProvider} checks the
 * branch out once from a primed mirror (fetching only that commit) and once without mirrors
 * (cloning everything). Both produce the same commit, which is checked.
 */
final class CheckoutBenchmark {
  private static final String MIRROR = "git: checkout via mirror";
  private static final String FRESH = "git: fresh clone";

  private final Settings settings;
  private final Path scratch;
  private final AtomicInteger workspaces = new AtomicInteger();
  private final java.util.concurrent.atomic.AtomicLong mirrorServed =
      new java.util.concurrent.atomic.AtomicLong();
  private final java.util.concurrent.atomic.AtomicLong freshServed =
      new java.util.concurrent.atomic.AtomicLong();

  private long served(boolean viaMirror) {
    return (viaMirror ? mirrorServed : freshServed).get();
  }

  private static String kib(long bytes) {
    return String.format(Locale.ROOT, "%.1f KiB", bytes / 1024.0);
  }

  CheckoutBenchmark(Settings settings, Path scratch) {
    this.settings = settings;
    this.scratch = scratch;
  }

  List<Row> run() throws Exception {
    int files = Integer.getInteger("repoFiles", 2000);
    int commits = Integer.getInteger("repoCommits", 20);
    Path served = Files.createDirectories(scratch.resolve("served"));
    Git.init()
        .setBare(true)
        .setInitialBranch("main")
        .setDirectory(served.resolve("repo.git").toFile())
        .call()
        .close();
    Random random = new Random(42);
    try (Git work =
            Git.init()
                .setInitialBranch("main")
                .setDirectory(scratch.resolve("work").toFile())
                .call();
        GitHttpServer server = GitHttpServer.open(served)) {
      work.remoteAdd()
          .setName("origin")
          .setUri(new URIish(served.resolve("repo.git").toUri().toString()))
          .call();
      Path tree = work.getRepository().getWorkTree().toPath();
      for (int c = 0; c < commits; c++) {
        for (int f = 0; f < files; f++) {
          if (c == 0 || random.nextInt(10) == 0) {
            Path file = tree.resolve("src/dir" + (f % 50) + "/file" + f + ".txt");
            Files.createDirectories(file.getParent());
            byte[] text = new byte[4096];
            for (int i = 0; i < text.length; i++) {
              text[i] = (byte) ('a' + random.nextInt(26));
            }
            Files.write(file, text);
          }
        }
        work.add().addFilepattern(".").call();
        work.commit().setMessage("commit " + c).setSign(false).call();
      }
      push(work);
      String url = server.url("repo.git");
      GitScmProvider mirrored = GitScmProvider.withMirrors(scratch.resolve("mirrors"));
      GitScmProvider fresh = GitScmProvider.withoutMirrors();
      checkout(mirrored, url); // primes the mirror: the first build of the repository
      AtomicInteger round = new AtomicInteger();
      Map<String, List<Long>> nanos =
          new Rounds()
              .add(
                  MIRROR,
                  () -> {
                    newCommit(work, round.incrementAndGet());
                    return timed(server, mirrored, fresh, url, true);
                  })
              .add(FRESH, () -> timed(server, mirrored, fresh, url, false))
              .run("checkout", 1, settings.rounds());
      long mirror = Rounds.median(nanos.get(MIRROR));
      long clone = Rounds.median(nanos.get(FRESH));
      double ratio = (double) mirror / clone;
      long rounds = settings.rounds() + 1L;
      long mirrorBytes = served(true) / rounds;
      long cloneBytes = served(false) / rounds;
      return List.of(
          new Row("checkout", FRESH + " (bytes served)", kib(cloneBytes), "1.00", ""),
          new Row(
              "checkout",
              MIRROR + " (bytes served)",
              kib(mirrorBytes),
              String.format(Locale.ROOT, "%.4f", (double) mirrorBytes / cloneBytes),
              ""),
          new Row("checkout", FRESH, millis(clone), "1.00", ""),
          new Row(
              "checkout",
              MIRROR,
              millis(mirror),
              String.format(Locale.ROOT, "%.2f", ratio),
              "< 1 x fresh clone: " + (ratio < 1 ? "met" : "MISSED")));
    }
  }

  private long timed(
      GitHttpServer server,
      GitScmProvider mirrored,
      GitScmProvider fresh,
      String url,
      boolean viaMirror)
      throws Exception {
    long bytesBefore = server.packBytes();
    long start = System.nanoTime();
    SourceRevision revision = checkout(viaMirror ? mirrored : fresh, url);
    long elapsed = System.nanoTime() - start;
    (viaMirror ? mirrorServed : freshServed).addAndGet(server.packBytes() - bytesBefore);
    if (revision.commit().isEmpty()) {
      throw new AssertionError("checkout produced no commit");
    }
    return elapsed;
  }

  private SourceRevision checkout(GitScmProvider provider, String url) throws Exception {
    Path workspace = scratch.resolve("ws" + workspaces.incrementAndGet());
    return provider.checkout(
        new CheckoutRequest(
            BuildId.of("01JDQ0000000000000000000AB"),
            new SourceSpec(
                url, Optional.of("main"), 0, false, Optional.empty(), SourceLocation.unknown()),
            Optional.empty(),
            workspace,
            line -> {},
            new Cancellation() {
              @Override
              public boolean isCancelled() {
                return false;
              }

              @Override
              public void onCancel(Runnable action) {}
            }));
  }

  private static void newCommit(Git work, int round) throws Exception {
    Path file = work.getRepository().getWorkTree().toPath().resolve("CHANGES.txt");
    Files.writeString(file, "round " + round + "\n");
    work.add().addFilepattern(".").call();
    work.commit().setMessage("round " + round).setSign(false).call();
    push(work);
  }

  private static void push(Git work) throws Exception {
    work.push().setRemote("origin").setRefSpecs(new RefSpec("+refs/heads/*:refs/heads/*")).call();
  }

  private static String millis(long nanos) {
    return String.format(Locale.ROOT, "%.1f ms", nanos / 1e6);
  }
}
