package io.chengis.git.internal;

import io.chengis.api.PluginException;
import io.chengis.api.Secret;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.apache.sshd.common.NamedResource;
import org.apache.sshd.common.util.security.SecurityUtils;
import org.eclipse.jgit.api.TransportCommand;
import org.eclipse.jgit.transport.SshTransport;
import org.eclipse.jgit.transport.UsernamePasswordCredentialsProvider;
import org.eclipse.jgit.transport.sshd.SshdSessionFactory;
import org.eclipse.jgit.transport.sshd.SshdSessionFactoryBuilder;

/**
 * How one checkout authenticates: an HTTPS token given to JGit in memory, or an SSH private key
 * parsed in memory and offered by a session factory that reads no file of the user's {@code ~/.ssh}
 * (its home is an empty private directory) and trusts only the configured known-hosts file. The key
 * never touches the disk. Close after the checkout.
 */
public final class Auth implements AutoCloseable {
  private static final String DEFAULT_USER = "x-access-token";

  private final UsernamePasswordCredentialsProvider https;
  private final Optional<SshdSessionFactory> ssh;
  private final Optional<Path> sshHome;

  private Auth(
      UsernamePasswordCredentialsProvider https,
      Optional<SshdSessionFactory> ssh,
      Optional<Path> sshHome) {
    this.https = https;
    this.ssh = ssh;
    this.sshHome = sshHome;
  }

  /**
   * The authentication for a URL.
   *
   * @param ssh whether the URL uses SSH
   * @param credential the token ({@code token} or {@code user:token}) or the SSH private key
   * @param knownHosts the known-hosts file SSH servers are checked against
   * @param shownUrl the URL for messages
   * @return the authentication; close it after the checkout
   */
  public static Auth of(
      boolean ssh, Optional<Secret> credential, Optional<Path> knownHosts, String shownUrl) {
    if (!ssh) {
      return new Auth(https(credential), Optional.empty(), Optional.empty());
    }
    if (knownHosts.isEmpty()) {
      throw new PluginException(
          "source: URL \""
              + shownUrl
              + "\" uses SSH, but the git plugin has no known-hosts file to check the server"
              + " against; configure one with GitScmProvider.withSshKnownHosts(path)");
    }
    List<KeyPair> keys = new ArrayList<>();
    if (credential.isPresent()) {
      try {
        for (KeyPair key :
            SecurityUtils.loadKeyPairIdentities(
                null,
                NamedResource.ofName("source credential"),
                new ByteArrayInputStream(
                    credential.get().reveal().getBytes(StandardCharsets.UTF_8)),
                null)) {
          keys.add(key);
        }
      } catch (IOException | GeneralSecurityException | RuntimeException unreadable) {
        throw new PluginException(
            "source: the credential for \""
                + shownUrl
                + "\" is not an unencrypted SSH private key (OpenSSH or PEM); store the private"
                + " key file's whole text in the secret");
      }
      if (keys.isEmpty()) {
        throw new PluginException(
            "source: the credential for \""
                + shownUrl
                + "\" holds no SSH private key; store the private key file's whole text");
      }
    }
    try {
      Path home = Files.createTempDirectory("chengis-ssh");
      List<KeyPair> offered = List.copyOf(keys);
      List<Path> hosts = List.of(knownHosts.get());
      SshdSessionFactory factory =
          new SshdSessionFactoryBuilder()
              .setHomeDirectory(home.toFile())
              .setSshDirectory(home.toFile())
              .setDefaultKeysProvider(ignored -> offered)
              .setDefaultKnownHostsFiles(ignored -> hosts)
              .setPreferredAuthentications("publickey")
              .build(null);
      return new Auth(https(Optional.empty()), Optional.of(factory), Optional.of(home));
    } catch (IOException failed) {
      throw new PluginException(
          "source: could not prepare SSH for \"" + shownUrl + "\": " + failed.getMessage());
    }
  }

  private static UsernamePasswordCredentialsProvider https(Optional<Secret> credential) {
    if (credential.isEmpty()) {
      return new UsernamePasswordCredentialsProvider("", "");
    }
    String value = credential.get().reveal().strip();
    int colon = value.indexOf(':');
    return colon > 0
        ? new UsernamePasswordCredentialsProvider(
            value.substring(0, colon), value.substring(colon + 1))
        : new UsernamePasswordCredentialsProvider(DEFAULT_USER, value);
  }

  /**
   * Gives a JGit command these credentials.
   *
   * @param command a clone, fetch or submodule update
   * @param <C> the command type
   * @return the command
   */
  public <C extends TransportCommand<C, ?>> C apply(C command) {
    command.setCredentialsProvider(https);
    ssh.ifPresent(
        factory ->
            command.setTransportConfigCallback(
                transport -> {
                  if (transport instanceof SshTransport sshTransport) {
                    sshTransport.setSshSessionFactory(factory);
                  }
                }));
    return command;
  }

  @Override
  public void close() {
    ssh.ifPresent(SshdSessionFactory::close);
    sshHome.ifPresent(
        home -> {
          try (Stream<Path> paths = Files.walk(home)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
              Files.deleteIfExists(path);
            }
          } catch (IOException ignored) {
            // an empty temporary directory left behind holds nothing secret
          }
        });
  }
}
