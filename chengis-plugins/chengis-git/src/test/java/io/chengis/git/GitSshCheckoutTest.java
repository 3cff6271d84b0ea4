package io.chengis.git;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chengis.api.PluginException;
import io.chengis.api.Secret;
import io.chengis.api.SourceSpec;
import io.chengis.api.spi.SourceRevision;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.junit.ssh.SshTestGitServer;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Checkout over SSH from JGit's test SSH git server (Apache MINA sshd) on loopback. */
class GitSshCheckoutTest {
  @TempDir Path temp;

  private final Requests requests = new Requests();
  private TestRepo repo;
  private Git served;
  private SshTestGitServer server;
  private int port;
  private String privateKey;
  private String hostPublicKey;
  private RevCommit tip;

  @BeforeEach
  void start() throws Exception {
    Path keys = Files.createDirectories(temp.resolve("keys"));
    keygen(keys.resolve("id"));
    keygen(keys.resolve("host"));
    privateKey = Files.readString(keys.resolve("id"));
    String[] host = Files.readString(keys.resolve("host.pub")).strip().split(" ");
    hostPublicKey = host[0] + " " + host[1];
    repo = TestRepo.create(temp.resolve("scratch"), temp.resolve("served"), "ssh.git");
    tip = repo.commit("over ssh", Map.of("s.txt", "secure"));
    repo.push();
    served = Git.open(repo.bare().toFile());
    server =
        new SshTestGitServer(
            "git",
            keys.resolve("id.pub"),
            served.getRepository(),
            Files.readAllBytes(keys.resolve("host")));
    port = server.start();
  }

  @AfterEach
  void stop() throws Exception {
    server.stop();
    served.close();
    repo.close();
  }

  private static void keygen(Path file) throws Exception {
    Process process =
        new ProcessBuilder(
                "ssh-keygen", "-q", "-t", "ecdsa", "-b", "256", "-N", "", "-f", file.toString())
            .redirectErrorStream(true)
            .start();
    String output = new String(process.getInputStream().readAllBytes(), UTF_8);
    assertThat(process.waitFor()).as(output).isZero();
  }

  private SourceSpec source() {
    return Requests.source(
        "ssh://git@127.0.0.1:" + port + "/ssh.git", Optional.of("main"), 0, false);
  }

  private Path knownHosts(String line) throws Exception {
    return Files.writeString(temp.resolve("known_hosts"), line + "\n");
  }

  @Test
  void checkout_sshKeyFromSecretAndKnownHost_checksOutAndNeverWritesTheKey() throws Exception {
    GitScmProvider provider =
        GitScmProvider.withMirrors(temp.resolve("mirrors"))
            .withSshKnownHosts(knownHosts("[127.0.0.1]:" + port + " " + hostPublicKey));
    Path ws = temp.resolve("ws");

    SourceRevision revision =
        provider.checkout(
            requests.request(source(), ws, Optional.of(Secret.of(privateKey)), Optional.empty()));

    assertThat(revision.commit()).isEqualTo(tip.getName());
    assertThat(ws.resolve("s.txt")).hasContent("secure");
    String keyBody = privateKey.lines().skip(1).findFirst().orElseThrow();
    for (Path root : new Path[] {ws, temp.resolve("mirrors")}) {
      try (Stream<Path> files = Files.walk(root)) {
        assertThat(files.filter(Files::isRegularFile))
            .noneMatch(file -> read(file).contains(keyBody));
      }
    }
    assertThat(requests.lines).noneMatch(line -> line.contains(keyBody));
  }

  @Test
  void checkout_serverNotInKnownHosts_isRefused() throws Exception {
    GitScmProvider provider =
        GitScmProvider.withMirrors(temp.resolve("mirrors"))
            .withSshKnownHosts(knownHosts("[127.0.0.1]:1 " + hostPublicKey));

    assertThatThrownBy(
            () ->
                provider.checkout(
                    requests.request(
                        source(),
                        temp.resolve("ws"),
                        Optional.of(Secret.of(privateKey)),
                        Optional.empty())))
        .isInstanceOf(PluginException.class)
        .hasMessageContaining("is not in the known-hosts file")
        .hasMessageNotContaining("BEGIN");
  }

  @Test
  void checkout_sshWithoutKnownHostsFile_failsSayingHowToConfigureIt() {
    GitScmProvider provider = GitScmProvider.withMirrors(temp.resolve("mirrors"));

    assertThatThrownBy(
            () ->
                provider.checkout(
                    requests.request(
                        source(),
                        temp.resolve("ws"),
                        Optional.of(Secret.of(privateKey)),
                        Optional.empty())))
        .isInstanceOf(PluginException.class)
        .hasMessageContaining("withSshKnownHosts");
  }

  @Test
  void checkout_secretThatIsNoKey_failsWithoutShowingIt() throws Exception {
    GitScmProvider provider =
        GitScmProvider.withMirrors(temp.resolve("mirrors"))
            .withSshKnownHosts(knownHosts("[127.0.0.1]:" + port + " " + hostPublicKey));

    assertThatThrownBy(
            () ->
                provider.checkout(
                    requests.request(
                        source(),
                        temp.resolve("ws"),
                        Optional.of(Secret.of("not-a-key-9f8e7d")),
                        Optional.empty())))
        .isInstanceOf(PluginException.class)
        .hasMessageContaining("not an unencrypted SSH private key")
        .hasMessageNotContaining("not-a-key-9f8e7d");
  }

  private static String read(Path file) {
    try {
      return new String(Files.readAllBytes(file), java.nio.charset.StandardCharsets.ISO_8859_1);
    } catch (java.io.IOException unreadable) {
      throw new java.io.UncheckedIOException(unreadable);
    }
  }
}
