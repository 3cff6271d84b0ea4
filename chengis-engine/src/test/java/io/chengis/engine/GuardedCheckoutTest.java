package io.chengis.engine;

import static io.chengis.dsl.Steps.shell;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chengis.api.Conclusion;
import io.chengis.api.Pipeline;
import io.chengis.api.PluginException;
import io.chengis.api.spi.CheckoutRequest;
import io.chengis.api.spi.ScmProvider;
import io.chengis.api.spi.SourceRevision;
import io.chengis.dsl.Chengis;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The SCM checkout goes through the shared plugin guard: a provider that hangs is abandoned after
 * the checkout timeout, one that throws (errors included) fails the build with a reason naming its
 * class; the engine's thread is never stuck and never sees the exception.
 */
class GuardedCheckoutTest {
  @TempDir Path root;

  private static final Pipeline PIPELINE =
      Chengis.pipeline(
          "app",
          p ->
              p.source("https://user:hunter22@git.example.com/app.git")
                  .stage("build", s -> s.step("compile", shell("true"))));

  /** Hangs until interrupted, and says so. */
  static final class HangingScm implements ScmProvider {
    final CountDownLatch interrupted = new CountDownLatch(1);

    @Override
    public SourceRevision checkout(CheckoutRequest request) {
      try {
        new CountDownLatch(1).await();
      } catch (InterruptedException e) {
        interrupted.countDown();
      }
      throw new IllegalStateException("abandoned");
    }
  }

  /** Throws what a plugin jar missing a class throws. */
  static final class BrokenScm implements ScmProvider {
    @Override
    public SourceRevision checkout(CheckoutRequest request) {
      throw new NoClassDefFoundError("org/eclipse/jgit/api/Git");
    }
  }

  @Test
  void providerThatHangs_build_failsAfterTheCheckoutTimeoutNamingTheProvider() throws Exception {
    HangingScm scm = new HangingScm();
    try (EngineFixture fixture =
        new EngineFixture(
            root, ChengisEngine.builder().scm(scm).checkoutTimeout(Duration.ofMillis(300)))) {
      EngineFixture.Run run = fixture.run(PIPELINE);

      assertThat(run.result().conclusion()).isEqualTo(Conclusion.FAILURE);
      assertThat(run.result().reason())
          .contains(
              "checkout failed: the SCM provider "
                  + HangingScm.class.getName()
                  + " (checking out https://***@git.example.com/app.git) did not finish within"
                  + " PT0.3S and was abandoned; check that it is up");
      assertThat(scm.interrupted.await(5, TimeUnit.SECONDS)).isTrue();
    }
  }

  @Test
  void providerThatThrowsAnError_build_failsWithAReasonNamingTheProviderAndTheError()
      throws Exception {
    try (EngineFixture fixture =
        new EngineFixture(root, ChengisEngine.builder().scm(new BrokenScm()))) {
      EngineFixture.Run run = fixture.run(PIPELINE);

      assertThat(run.result().conclusion()).isEqualTo(Conclusion.FAILURE);
      assertThat(run.result().reason())
          .contains(
              "checkout failed: the SCM provider "
                  + BrokenScm.class.getName()
                  + " (checking out https://***@git.example.com/app.git) failed:"
                  + " NoClassDefFoundError: org/eclipse/jgit/api/Git");
      // The engine keeps working: the next build runs and fails the same way, not stuck.
      assertThat(fixture.run(PIPELINE).result().conclusion()).isEqualTo(Conclusion.FAILURE);
    }
  }

  @Test
  void providerThatThrowsAChengisException_build_keepsItsOwnMessage() throws Exception {
    ScmProvider clear =
        request -> {
          throw new PluginException("git: the ref \"nope\" does not exist; push it first");
        };
    try (EngineFixture fixture = new EngineFixture(root, ChengisEngine.builder().scm(clear))) {
      assertThat(fixture.run(PIPELINE).result().reason())
          .contains("checkout failed: git: the ref \"nope\" does not exist; push it first");
    }
  }

  @Test
  void sourceWithItsOwnTimeout_build_isAbandonedAfterTheSourcesTimeoutNotTheEngines()
      throws Exception {
    HangingScm scm = new HangingScm();
    Pipeline ownTimeout =
        Chengis.pipeline(
            "app",
            p ->
                p.source(
                        "https://git.example.com/app.git",
                        git -> git.timeout(Duration.ofMillis(300)))
                    .stage("build", s -> s.step("compile", shell("true"))));
    try (EngineFixture fixture =
        new EngineFixture(
            root, ChengisEngine.builder().scm(scm).checkoutTimeout(Duration.ofMinutes(10)))) {
      EngineFixture.Run run = fixture.run(ownTimeout);

      assertThat(run.result().conclusion()).isEqualTo(Conclusion.FAILURE);
      assertThat(run.result().reason().orElseThrow())
          .contains(
              "(checking out https://git.example.com/app.git) did not finish within PT0.3S and"
                  + " was abandoned");
      assertThat(scm.interrupted.await(5, TimeUnit.SECONDS)).isTrue();
    }
  }

  @Test
  void sourceWithALongerTimeout_slowCheckout_outlastsTheEnginesTimeout() throws Exception {
    // Takes 600 ms: longer than the engine's 200 ms, well within the source's minute.
    ScmProvider slow =
        request -> {
          new CountDownLatch(1).await(600, TimeUnit.MILLISECONDS);
          return new SourceRevision(
              "0123456789abcdef0123456789abcdef01234567",
              Optional.of("main"),
              "Ada",
              "ada@example.com",
              "first");
        };
    Pipeline patient =
        Chengis.pipeline(
            "app",
            p ->
                p.source(
                        "https://git.example.com/app.git",
                        git -> git.timeout(Duration.ofMinutes(1)))
                    .stage("build", s -> s.step("compile", shell("true"))));
    try (EngineFixture fixture =
        new EngineFixture(
            root, ChengisEngine.builder().scm(slow).checkoutTimeout(Duration.ofMillis(200)))) {
      assertThat(fixture.run(patient).result().conclusion()).isEqualTo(Conclusion.SUCCESS);
      assertThat(fixture.run(PIPELINE).result().reason().orElseThrow())
          .contains("did not finish within PT0.2S");
    }
  }

  @Test
  void nonPositiveCheckoutTimeout_builder_isRefusedWithTheValue() {
    assertThatThrownBy(() -> ChengisEngine.builder().checkoutTimeout(Duration.ofSeconds(-1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("checkoutTimeout must be positive (was PT-1S); give a positive duration");
  }

  @Test
  void revision_guardedProviderReturningOne_isPassedOn() throws Exception {
    ScmProvider fine =
        request ->
            new SourceRevision(
                "0123456789abcdef0123456789abcdef01234567",
                Optional.of("main"),
                "Ada",
                "ada@example.com",
                "first");
    try (EngineFixture fixture = new EngineFixture(root, ChengisEngine.builder().scm(fine))) {
      assertThat(fixture.run(PIPELINE).result().conclusion()).isEqualTo(Conclusion.SUCCESS);
    }
  }
}
