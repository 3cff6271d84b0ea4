package io.chengis.examples;

import static io.chengis.dsl.Steps.shell;
import static org.assertj.core.api.Assertions.assertThat;

import io.chengis.api.Condition;
import io.chengis.api.Pipeline;
import io.chengis.api.Secret;
import io.chengis.dsl.Chengis;
import io.chengis.engine.ChengisEngine;
import io.chengis.engine.memory.InMemoryAuditLog;
import io.chengis.engine.secrets.InMemorySecretVault;
import io.chengis.engine.secrets.LocalSecretBackend;
import io.chengis.engine.secrets.SecretCipher;
import io.chengis.engine.secrets.SecretResolver;
import io.chengis.git.GitScmProvider;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README's "Source checkout (git)" snippet, compiled and checked. */
class GitCheckoutReadmeTest {
  @TempDir Path temp;

  @Test
  void readmeSnippet_configuresCheckoutAndFilters() {
    Path mirrors = temp.resolve("mirrors");
    Path knownHosts = temp.resolve("known_hosts");
    SecretResolver resolver =
        SecretResolver.builder()
            .backend(
                "local",
                LocalSecretBackend.of(
                    SecretCipher.of(
                        "k1", Secret.of(Base64.getEncoder().encodeToString(new byte[32]))),
                    new InMemorySecretVault()))
            .auditLog(new InMemoryAuditLog())
            .clock(InstantSource.system())
            .build();
    // README-BEGIN
    ChengisEngine engine =
        ChengisEngine.builder()
            .scm(GitScmProvider.withMirrors(mirrors).withSshKnownHosts(knownHosts))
            .secrets(resolver) // resolves the source's credentials
            .build();

    Pipeline pipeline =
        Chengis.pipeline(
            "shop",
            p ->
                p.source(
                        "https://git.example.com/shop.git",
                        s ->
                            s.ref("feature/x") // branch, tag or commit; default branch if absent
                                .depth(1) // 0 = full history
                                .submodules()
                                .credentials("GIT_TOKEN") // HTTPS token, user:token or SSH key
                                .pathsIgnore("docs/**")) // pipeline-level monorepo filter
                    .stage(
                        "api",
                        s -> s.paths("services/api/**").step("test", shell("./gradlew :api:test")))
                    .stage(
                        "web",
                        s ->
                            s.paths("services/web/**")
                                .pathsIgnore("**/*.md")
                                .step("test", shell("npm test"))));
    // README-END
    engine.close();

    assertThat(pipeline.source().orElseThrow().pathsIgnore()).containsExactly("docs/**");
    assertThat(pipeline.stage("web").orElseThrow().condition())
        .isEqualTo(new Condition.ChangedFiles(List.of("services/web/**"), List.of("**/*.md")));
  }
}
