package io.chengis.git;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chengis.api.PluginException;
import io.chengis.api.Secret;
import io.chengis.api.SourceSpec;
import io.chengis.api.spi.SourceRevision;
import io.chengis.testkit.http.GitHttpServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GitScmProviderTest {
  @TempDir Path temp;

  private final Requests requests = new Requests();

  private TestRepo repo(String name) throws Exception {
    return TestRepo.create(temp.resolve("scratch"), temp.resolve("served"), name);
  }

  private GitScmProvider mirrored() {
    return GitScmProvider.withMirrors(temp.resolve("mirrors"));
  }

  @Test
  void checkout_featureBranch_checksOutTipAndKeepsFullBranchName() throws Exception {
    try (TestRepo repo = repo("app.git")) {
      repo.commit("first", Map.of("README.md", "hello"));
      repo.branch("feature/x");
      RevCommit tip =
          repo.commit("Add the login form\n\nLonger body.", Map.of("login.txt", "form"));
      repo.push();

      SourceRevision revision =
          mirrored()
              .checkout(
                  requests.request(
                      Requests.source(repo.fileUrl(), Optional.of("feature/x"), 0, false),
                      temp.resolve("ws")));

      assertThat(revision.commit()).isEqualTo(tip.getName());
      assertThat(revision.branch()).contains("feature/x");
      assertThat(revision.tag()).isEmpty();
      assertThat(revision.author()).isEqualTo("Ada Lovelace");
      assertThat(revision.email()).isEqualTo("ada@example.com");
      assertThat(revision.message()).isEqualTo("Add the login form\n\nLonger body.");
      assertThat(temp.resolve("ws/login.txt")).hasContent("form");
      try (Git workspace = Git.open(temp.resolve("ws").toFile())) {
        assertThat(workspace.getRepository().getFullBranch()).isEqualTo("refs/heads/feature/x");
        assertThat(workspace.getRepository().getConfig().getString("remote", "origin", "url"))
            .isEqualTo(repo.fileUrl());
      }
    }
  }

  @Test
  void checkout_noRef_checksOutDefaultBranch() throws Exception {
    try (TestRepo repo = repo("default.git")) {
      RevCommit tip = repo.commit("only", Map.of("a.txt", "a"));
      repo.push();
      for (GitScmProvider provider : List.of(mirrored(), GitScmProvider.withoutMirrors())) {
        Path ws = Files.createTempDirectory(temp, "ws");
        SourceRevision revision =
            provider.checkout(
                requests.request(Requests.source(repo.fileUrl(), Optional.empty(), 0, false), ws));
        assertThat(revision.commit()).isEqualTo(tip.getName());
        assertThat(revision.branch()).contains("main");
      }
    }
  }

  @Test
  void checkout_annotatedTag_detachedAtTaggedCommitWithTag() throws Exception {
    try (TestRepo repo = repo("tags.git")) {
      RevCommit tagged = repo.commit("release", Map.of("v.txt", "1"));
      repo.tag("v1.0");
      repo.commit("after", Map.of("v.txt", "2"));
      repo.push();
      for (GitScmProvider provider : List.of(mirrored(), GitScmProvider.withoutMirrors())) {
        Path ws = Files.createTempDirectory(temp, "ws");
        SourceRevision revision =
            provider.checkout(
                requests.request(
                    Requests.source(repo.fileUrl(), Optional.of("v1.0"), 0, false), ws));
        assertThat(revision.commit()).isEqualTo(tagged.getName());
        assertThat(revision.tag()).contains("v1.0");
        assertThat(revision.branch()).isEmpty();
        assertThat(ws.resolve("v.txt")).hasContent("1");
      }
    }
  }

  @Test
  void checkout_olderCommitId_checksOutThatCommitAndFindsItsTag() throws Exception {
    try (TestRepo repo = repo("commit.git")) {
      RevCommit old = repo.commit("old", Map.of("f.txt", "old"));
      repo.tag("v0");
      repo.commit("new", Map.of("f.txt", "new"));
      repo.push();
      for (GitScmProvider provider : List.of(mirrored(), GitScmProvider.withoutMirrors())) {
        Path ws = Files.createTempDirectory(temp, "ws");
        SourceRevision revision =
            provider.checkout(
                requests.request(
                    Requests.source(repo.fileUrl(), Optional.of(old.getName()), 0, false), ws));
        assertThat(revision.commit()).isEqualTo(old.getName());
        assertThat(revision.branch()).isEmpty();
        assertThat(revision.tag()).contains("v0");
        assertThat(ws.resolve("f.txt")).hasContent("old");
      }
    }
  }

  @Test
  void checkout_depthOne_workspaceHoldsOneCommit() throws Exception {
    try (TestRepo repo = repo("shallow.git")) {
      for (int i = 0; i < 5; i++) {
        repo.commit("c" + i, Map.of("n.txt", Integer.toString(i)));
      }
      repo.push();
      for (GitScmProvider provider : List.of(mirrored(), GitScmProvider.withoutMirrors())) {
        Path ws = Files.createTempDirectory(temp, "ws");
        provider.checkout(
            requests.request(Requests.source(repo.fileUrl(), Optional.of("main"), 1, false), ws));
        try (Git workspace = Git.open(ws.toFile())) {
          assertThat(workspace.log().call()).hasSize(1);
        }
        assertThat(ws.resolve("n.txt")).hasContent("4");
      }
    }
  }

  @Test
  void checkout_unknownRef_failsNamingTheRefAndTheFix() throws Exception {
    try (TestRepo repo = repo("unknown.git")) {
      repo.commit("c", Map.of("a", "a"));
      repo.push();
      SourceSpec source = Requests.source(repo.fileUrl(), Optional.of("no-such-branch"), 0, false);
      assertThatThrownBy(() -> mirrored().checkout(requests.request(source, temp.resolve("ws"))))
          .isInstanceOf(PluginException.class)
          .hasMessageContaining("\"no-such-branch\"")
          .hasMessageContaining("name an existing branch");
    }
  }

  @Test
  void checkout_submodulesOnRequest_checksThemOutAndNotOtherwise() throws Exception {
    try (TestRepo library = repo("lib.git");
        TestRepo app = repo("super.git")) {
      library.commit("lib", Map.of("lib.txt", "library code"));
      library.push();
      app.commit("app", Map.of("app.txt", "app"));
      app.git().submoduleAdd().setPath("vendor/lib").setURI(library.fileUrl()).call().close();
      app.git().commit().setMessage("add submodule").call();
      app.push();

      Path with = temp.resolve("with");
      mirrored()
          .checkout(
              requests.request(Requests.source(app.fileUrl(), Optional.empty(), 0, true), with));
      Path without = temp.resolve("without");
      mirrored()
          .checkout(
              requests.request(
                  Requests.source(app.fileUrl(), Optional.empty(), 0, false), without));

      assertThat(with.resolve("vendor/lib/lib.txt")).hasContent("library code");
      assertThat(without.resolve("vendor/lib/lib.txt")).doesNotExist();
    }
  }

  @Test
  void checkout_baseCommit_listsChangedFilesSinceIt() throws Exception {
    try (TestRepo repo = repo("mono.git")) {
      RevCommit base =
          repo.commit("base", Map.of("api/a.txt", "1", "web/b.txt", "1", "docs/c.md", "1"));
      repo.commit("api", Map.of("api/a.txt", "2"));
      repo.git().rm().addFilepattern("docs/c.md").call();
      repo.commit("web", Map.of("web/new.txt", "n"));
      repo.push();

      SourceRevision revision =
          mirrored()
              .checkout(
                  requests.request(
                      Requests.source(repo.fileUrl(), Optional.of("main"), 1, false),
                      temp.resolve("ws"),
                      Optional.empty(),
                      Optional.of(base.getName())));
      SourceRevision unknownBase =
          mirrored()
              .checkout(
                  requests.request(
                      Requests.source(repo.fileUrl(), Optional.of("main"), 0, false),
                      temp.resolve("ws2"),
                      Optional.empty(),
                      Optional.of("0123456789012345678901234567890123456789")));

      assertThat(revision.changedFiles())
          .contains(List.of("api/a.txt", "docs/c.md", "web/new.txt"));
      assertThat(unknownBase.changedFiles()).isEmpty();
    }
  }

  @Test
  void checkout_secondBuildViaMirror_fetchesOnlyNewCommits() throws Exception {
    try (TestRepo repo = repo("big.git");
        GitHttpServer server = GitHttpServer.open(temp.resolve("served"))) {
      byte[] noise = new byte[2_000_000];
      new Random(7).nextBytes(noise);
      repo.commit("big", Map.of("a.txt", "a"), noise, "big.bin");
      repo.push();
      GitScmProvider provider = mirrored();
      SourceSpec source = Requests.source(server.url("big.git"), Optional.of("main"), 0, false);

      provider.checkout(requests.request(source, temp.resolve("ws1")));
      long first = server.packBytes();
      provider.checkout(requests.request(source, temp.resolve("ws2")));
      long unchanged = server.packBytes() - first;
      RevCommit next = repo.commit("small", Map.of("a.txt", "b"));
      repo.push();
      SourceRevision third = provider.checkout(requests.request(source, temp.resolve("ws3")));
      long delta = server.packBytes() - first - unchanged;

      assertThat(first).isGreaterThan(2_000_000);
      assertThat(unchanged).isLessThan(2_000);
      assertThat(delta).isGreaterThan(0).isLessThan(20_000);
      assertThat(third.commit()).isEqualTo(next.getName());
      assertThat(temp.resolve("ws3/big.bin")).exists();
      assertThat(temp.resolve("ws3/a.txt")).hasContent("b");
    }
  }

  @Test
  void checkout_concurrentBuildsOfOneRepository_allGetTheCommitAndTheMirrorStaysSound()
      throws Exception {
    try (TestRepo repo = repo("busy.git");
        GitHttpServer server = GitHttpServer.open(temp.resolve("served"))) {
      RevCommit tip = repo.commit("c", Map.of("a.txt", "a"));
      repo.push();
      GitScmProvider provider = mirrored();
      SourceSpec source = Requests.source(server.url("busy.git"), Optional.of("main"), 0, false);
      int builds = 6;
      CountDownLatch start = new CountDownLatch(1);
      List<Future<SourceRevision>> results = new ArrayList<>();
      try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
        for (int i = 0; i < builds; i++) {
          Path ws = temp.resolve("ws" + i);
          results.add(
              pool.submit(
                  () -> {
                    start.await();
                    return provider.checkout(requests.request(source, ws));
                  }));
        }
        start.countDown();
        for (Future<SourceRevision> result : results) {
          assertThat(result.get().commit()).isEqualTo(tip.getName());
        }
      }
      Path mirror = provider.mirrorOf(source.url()).orElseThrow();
      Process fsck =
          new ProcessBuilder("git", "fsck", "--full", "--strict")
              .directory(mirror.toFile())
              .redirectErrorStream(true)
              .start();
      String report = new String(fsck.getInputStream().readAllBytes(), UTF_8);
      assertThat(fsck.waitFor()).as(report).isZero();
      try (Stream<Path> siblings = Files.list(mirror.getParent())) {
        assertThat(siblings.map(p -> p.getFileName().toString()))
            .noneMatch(name -> name.endsWith(".partial"));
      }
    }
  }

  @Test
  void checkout_httpsTokenFromSecret_authenticatesAndNeverWritesTheToken() throws Exception {
    String token = "ghp_s3cr3tT0k3nValue";
    try (TestRepo repo = repo("private.git");
        GitHttpServer server =
            GitHttpServer.requiring(temp.resolve("served"), "x-access-token", token)) {
      repo.commit("c", Map.of("a.txt", "a"));
      repo.push();
      SourceSpec source = Requests.source(server.url("private.git"), Optional.empty(), 0, false);
      Path ws = temp.resolve("ws");

      mirrored()
          .checkout(requests.request(source, ws, Optional.of(Secret.of(token)), Optional.empty()));

      assertThat(ws.resolve("a.txt")).hasContent("a");
      assertThat(filesContaining(ws, token)).isEmpty();
      assertThat(filesContaining(temp.resolve("mirrors"), token)).isEmpty();
      assertThat(requests.lines).isNotEmpty().noneMatch(line -> line.contains(token));
    }
  }

  @Test
  void checkout_wrongToken_failsWithoutShowingIt() throws Exception {
    String wrong = "ghp_wrongTokenValue123";
    try (TestRepo repo = repo("locked.git");
        GitHttpServer server =
            GitHttpServer.requiring(temp.resolve("served"), "x-access-token", "right")) {
      repo.commit("c", Map.of("a.txt", "a"));
      repo.push();
      SourceSpec source = Requests.source(server.url("locked.git"), Optional.empty(), 0, false);
      assertThatThrownBy(
              () ->
                  mirrored()
                      .checkout(
                          requests.request(
                              source,
                              temp.resolve("ws"),
                              Optional.of(Secret.of(wrong)),
                              Optional.empty())))
          .isInstanceOf(PluginException.class)
          .hasMessageContaining("check the URL, the ref and the credentials")
          .hasMessageNotContaining(wrong);
      assertThat(server.authorizations()).isNotEmpty();
    }
  }

  @Test
  void checkout_urlWithPassword_isRefusedWithoutShowingIt() {
    SourceSpec source =
        Requests.source("https://user:hunter2@example.com/repo.git", Optional.empty(), 0, false);
    assertThatThrownBy(() -> mirrored().checkout(requests.request(source, temp.resolve("ws"))))
        .isInstanceOf(PluginException.class)
        .hasMessageContaining("carries a password")
        .hasMessageNotContaining("hunter2");
  }

  @Test
  void checkout_cancelledBuild_stopsWithoutLeavingAMirror() throws Exception {
    try (TestRepo repo = repo("cancel.git")) {
      repo.commit("c", Map.of("a.txt", "a"));
      repo.push();
      requests.cancelled.set(true);
      GitScmProvider provider = mirrored();
      SourceSpec source = Requests.source(repo.fileUrl(), Optional.empty(), 0, false);

      assertThatThrownBy(() -> provider.checkout(requests.request(source, temp.resolve("ws"))))
          .isInstanceOf(InterruptedException.class)
          .hasMessageContaining("cancelled");
      assertThat(provider.mirrorOf(source.url()).orElseThrow()).doesNotExist();
    }
  }

  @Test
  void checkout_nonEmptyWorkspace_isRefused() throws Exception {
    Files.createDirectories(temp.resolve("ws"));
    Files.writeString(temp.resolve("ws/left.txt"), "x");
    SourceSpec source = Requests.source("file:///nowhere.git", Optional.empty(), 0, false);
    assertThatThrownBy(() -> mirrored().checkout(requests.request(source, temp.resolve("ws"))))
        .isInstanceOf(PluginException.class)
        .hasMessageContaining("is not empty");
  }

  private static List<Path> filesContaining(Path root, String text) throws Exception {
    List<Path> found = new ArrayList<>();
    try (Stream<Path> files = Files.walk(root)) {
      for (Path file : files.filter(Files::isRegularFile).toList()) {
        if (new String(Files.readAllBytes(file), java.nio.charset.StandardCharsets.ISO_8859_1)
            .contains(text)) {
          found.add(file);
        }
      }
    }
    return found;
  }
}
