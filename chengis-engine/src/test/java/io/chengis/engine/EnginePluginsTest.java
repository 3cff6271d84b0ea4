package io.chengis.engine;

import static io.chengis.dsl.Steps.shell;
import static org.assertj.core.api.Assertions.assertThat;

import io.chengis.api.BuildEvent;
import io.chengis.api.BuildState;
import io.chengis.api.Conclusion;
import io.chengis.api.NotifyWhen;
import io.chengis.api.Pipeline;
import io.chengis.api.ScmEvent;
import io.chengis.api.Secret;
import io.chengis.api.spi.NotificationRequest;
import io.chengis.api.spi.StatusReport;
import io.chengis.dsl.Chengis;
import io.chengis.engine.memory.InMemoryAuditLog;
import io.chengis.engine.plugins.PluginRegistry;
import io.chengis.engine.secrets.SecretResolver;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The engine's hook into notifiers and SCM status reporters, with the real engine. */
class EnginePluginsTest {
  @TempDir Path root;

  private final List<NotificationRequest> sent = new CopyOnWriteArrayList<>();
  private final List<StatusReport> reports = new CopyOnWriteArrayList<>();

  private static Pipeline pipeline(
      String command, java.util.function.Consumer<io.chengis.dsl.PipelineBuilder> more) {
    return Chengis.pipeline(
        "app",
        p -> {
          p.stage("build", s -> s.step("compile", shell(command)));
          more.accept(p);
        });
  }

  @Test
  void notifier_throws_buildSucceedsWithWarningAndLaterNotifiersStillRun() throws Exception {
    PluginRegistry plugins =
        PluginRegistry.builder()
            .notifier(
                "bad",
                request -> {
                  throw new IllegalStateException("boom");
                })
            .notifier("good", sent::add)
            .build();
    try (EngineFixture fixture =
        new EngineFixture(root, ChengisEngine.builder().plugins(plugins))) {
      EngineFixture.Run run = fixture.run(pipeline("true", p -> p.notify("bad").notify("good")));

      assertThat(run.result().conclusion()).isEqualTo(Conclusion.SUCCESS);
      assertThat(run.result().warnings())
          .containsExactly("notification \"bad\" failed: IllegalStateException: boom");
      assertThat(run.events())
          .filteredOn(BuildEvent.Warning.class::isInstance)
          .extracting(e -> ((BuildEvent.Warning) e).message())
          .containsExactly("notification \"bad\" failed: IllegalStateException: boom");
      assertThat(sent)
          .singleElement()
          .satisfies(r -> assertThat(r.result().buildId()).isEqualTo(run.result().buildId()));
      assertThat(
              fixture
                  .engine
                  .find(run.result().buildId())
                  .orElseThrow()
                  .result()
                  .orElseThrow()
                  .warnings())
          .hasSize(1);
    }
  }

  @Test
  void notifier_hangs_abandonedAfterTheTimeout() throws Exception {
    CountDownLatch never = new CountDownLatch(1);
    PluginRegistry plugins =
        PluginRegistry.builder().notifier("stuck", request -> awaitQuietly(never)).build();
    try (EngineFixture fixture =
        new EngineFixture(
            root, ChengisEngine.builder().plugins(plugins).pluginTimeout(Duration.ofMillis(200)))) {
      EngineFixture.Run run = fixture.run(pipeline("true", p -> p.notify("stuck")));

      assertThat(run.result().conclusion()).isEqualTo(Conclusion.SUCCESS);
      assertThat(run.result().warnings())
          .containsExactly(
              "notification \"stuck\" did not finish within PT0.2S and was abandoned; check that"
                  + " it is up");
    }
  }

  @Test
  void notifier_throwsError_stillOnlyAWarning() throws Exception {
    PluginRegistry plugins =
        PluginRegistry.builder()
            .notifier(
                "linkage",
                request -> {
                  throw new NoClassDefFoundError("com/example/Missing");
                })
            .build();
    try (EngineFixture fixture =
        new EngineFixture(root, ChengisEngine.builder().plugins(plugins))) {
      EngineFixture.Run run = fixture.run(pipeline("exit 3", p -> p.notify("linkage")));

      assertThat(run.result().conclusion()).isEqualTo(Conclusion.FAILURE);
      assertThat(run.result().warnings())
          .containsExactly(
              "notification \"linkage\" failed: NoClassDefFoundError: com/example/Missing");
    }
  }

  @Test
  void notification_unknownType_warningListsRegistered() throws Exception {
    PluginRegistry plugins = PluginRegistry.builder().notifier("slack", sent::add).build();
    try (EngineFixture fixture =
        new EngineFixture(root, ChengisEngine.builder().plugins(plugins))) {
      EngineFixture.Run run = fixture.run(pipeline("true", p -> p.notify("teams")));

      assertThat(run.result().warnings())
          .singleElement()
          .asString()
          .startsWith("notification \"teams\" was not sent: plugin registry: no NotifierProvider")
          .contains("(registered: [slack])");
    }
  }

  @Test
  void rules_failureSuccessAlwaysAndChange_sentWhenTheyMatch() throws Exception {
    PluginRegistry plugins =
        PluginRegistry.builder()
            .notifier("always", sent::add)
            .notifier("failure", sent::add)
            .notifier("success", sent::add)
            .notifier("change", sent::add)
            .build();
    java.util.function.Consumer<io.chengis.dsl.PipelineBuilder> rules =
        p ->
            p.notify("always", n -> n.when(NotifyWhen.ALWAYS).set("rule", "always"))
                .notify("failure", n -> n.when(NotifyWhen.ON_FAILURE).set("rule", "failure"))
                .notify("success", n -> n.when(NotifyWhen.ON_SUCCESS).set("rule", "success"))
                .notify("change", n -> n.when(NotifyWhen.ON_CHANGE).set("rule", "change"));
    try (EngineFixture fixture =
        new EngineFixture(
            root,
            ChengisEngine.builder()
                .plugins(plugins)
                .detailsUrl("https://ci.example/{job}/{number}"))) {
      List<String> conclusions = List.of("true", "true", "exit 1", "exit 1", "true");
      List<List<String>> expected =
          List.of(
              List.of("always", "success", "change"), // first build: a change from nothing
              List.of("always", "success"),
              List.of("always", "failure", "change"), // broken
              List.of("always", "failure"),
              List.of("always", "success", "change")); // fixed
      for (int i = 0; i < conclusions.size(); i++) {
        sent.clear();
        fixture.run(pipeline(conclusions.get(i), rules));
        assertThat(sent)
            .extracting(r -> r.config().get("rule"))
            .as("build %d", i + 1)
            .isEqualTo(expected.get(i));
      }
      NotificationRequest fixed = sent.get(2);
      assertThat(fixed.fixed()).isTrue();
      assertThat(fixed.broken()).isFalse();
      assertThat(fixed.previous()).contains(Conclusion.FAILURE);
      assertThat(fixed.detailsUrl()).contains(URI.create("https://ci.example/app/5"));
    }
  }

  @Test
  void notification_secretSetting_resolvedAndMaskedInWarnings() throws Exception {
    String secret = "hooks.example/T0k3n-very-secret";
    PluginRegistry plugins =
        PluginRegistry.builder()
            .notifier(
                "leaky",
                request -> {
                  throw new IllegalStateException("cannot reach " + request.config().get("url"));
                })
            .build();
    SecretResolver resolver =
        SecretResolver.builder()
            .backend("test", lookup -> Optional.of(Secret.of(secret)))
            .auditLog(new InMemoryAuditLog())
            .clock(InstantSource.system())
            .build();
    try (EngineFixture fixture =
        new EngineFixture(root, ChengisEngine.builder().plugins(plugins).secrets(resolver))) {
      EngineFixture.Run run =
          fixture.run(
              pipeline(
                  "true",
                  p -> p.notify("leaky", n -> n.set("url", "https://${{ secrets.HOOK }}/x"))));

      assertThat(run.result().warnings())
          .containsExactly(
              "notification \"leaky\" failed: IllegalStateException: cannot reach ***");
      assertThat(run.result().toString()).doesNotContain(secret);
    }
  }

  @Test
  void reporters_buildAndStages_reportedInOrderWithContextAndLink() throws Exception {
    PluginRegistry plugins = PluginRegistry.builder().statusReporter("forge", reports::add).build();
    ScmEvent push =
        new ScmEvent(
            "github",
            ScmEvent.Kind.PUSH,
            "https://github.com/acme/app.git",
            "refs/heads/feature/login",
            Optional.of("feature/login"),
            Optional.empty(),
            "0123456789abcdef0123456789abcdef01234567",
            List.of("README.md"),
            "octocat",
            Optional.empty());
    try (EngineFixture fixture =
        new EngineFixture(
            root,
            ChengisEngine.builder()
                .plugins(plugins)
                .stageStatuses(true)
                .detailsUrl("https://ci.example/{job}/{number}"))) {
      EngineFixture.Run run =
          fixture.run(
              Chengis.pipeline(
                  "app",
                  p ->
                      p.stage("build", s -> s.step("compile", shell("true")))
                          .stage("test", s -> s.step("unit", shell("exit 1")))),
              TriggerRequest.of(push));

      assertThat(run.result().conclusion()).isEqualTo(Conclusion.FAILURE);
      assertThat(reports)
          .extracting(
              r -> r.context() + " " + r.state() + " " + r.conclusion().map(Enum::name).orElse("-"))
          .containsExactly(
              "chengis/app QUEUED -",
              "chengis/app RUNNING -",
              "chengis/app/build RUNNING -",
              "chengis/app/build FINISHED SUCCESS",
              "chengis/app/test RUNNING -",
              "chengis/app/test FINISHED FAILURE",
              "chengis/app FINISHED FAILURE");
      StatusReport last = reports.get(reports.size() - 1);
      assertThat(last.repository()).isEqualTo("https://github.com/acme/app.git");
      assertThat(last.commit()).isEqualTo(push.commit());
      assertThat(last.description()).startsWith("Build #1 failed in ");
      assertThat(last.detailsUrl()).contains(URI.create("https://ci.example/app/1"));
    }
  }

  @Test
  void reporter_throws_warningOnTheBuildWhichStillSucceeds() throws Exception {
    PluginRegistry plugins =
        PluginRegistry.builder()
            .statusReporter(
                "down",
                report -> {
                  if (report.state() == BuildState.FINISHED) {
                    throw new IllegalStateException("HTTP 503");
                  }
                })
            .build();
    try (EngineFixture fixture =
        new EngineFixture(root, ChengisEngine.builder().plugins(plugins))) {
      EngineFixture.Run run =
          fixture.run(
              pipeline("true", p -> {}),
              TriggerRequest.manual().withCommit("0123456789abcdef0123456789abcdef01234567"));

      // No repository known: nothing to report to.
      assertThat(run.result().warnings()).isEmpty();

      EngineFixture.Run withSource =
          fixture.run(
              pipeline("true", p -> {}),
              TriggerRequest.of(
                  new ScmEvent(
                      "github",
                      ScmEvent.Kind.TAG,
                      "https://github.com/acme/app.git",
                      "refs/tags/v1.0",
                      Optional.empty(),
                      Optional.of("v1.0"),
                      "0123456789abcdef0123456789abcdef01234567",
                      List.of(),
                      "octocat",
                      Optional.empty())));
      assertThat(withSource.result().conclusion()).isEqualTo(Conclusion.SUCCESS);
      assertThat(withSource.result().warnings())
          .containsExactly(
              "SCM status reporter \"down\" (finished) failed: IllegalStateException: HTTP 503");
    }
  }

  private static void awaitQuietly(CountDownLatch latch) {
    try {
      latch.await();
    } catch (InterruptedException interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  @Test
  void reporter_hangs_buildFinishesWithATimeoutWarningPerStatus() throws Exception {
    CountDownLatch never = new CountDownLatch(1);
    PluginRegistry plugins =
        PluginRegistry.builder().statusReporter("slow", report -> awaitQuietly(never)).build();
    try (EngineFixture fixture =
        new EngineFixture(
            root, ChengisEngine.builder().plugins(plugins).pluginTimeout(Duration.ofMillis(100)))) {
      EngineFixture.Run run =
          fixture.run(
              pipeline("true", p -> p.source("https://github.com/acme/app.git")),
              TriggerRequest.manual().withCommit("0123456789abcdef0123456789abcdef01234567"));

      assertThat(run.result().conclusion()).isEqualTo(Conclusion.SUCCESS);
      assertThat(run.result().warnings())
          .contains(
              "SCM status reporter \"slow\" (finished) did not finish within PT0.1S and was"
                  + " abandoned; check that it is up");
    }
  }

  @Test
  void notifierProviderFailsToCreate_warningAndBuildUnchanged() throws Exception {
    PluginRegistry plugins =
        PluginRegistry.builder()
            .register(
                new io.chengis.api.spi.NotifierProvider() {
                  @Override
                  public String type() {
                    return "smtp-broken";
                  }

                  @Override
                  public io.chengis.api.spi.Notifier create(
                      io.chengis.api.spi.ProviderContext context) {
                    throw new IllegalStateException("no host configured");
                  }
                })
            .build();
    try (EngineFixture fixture =
        new EngineFixture(root, ChengisEngine.builder().plugins(plugins))) {
      EngineFixture.Run run = fixture.run(pipeline("true", p -> p.notify("smtp-broken")));

      assertThat(run.result().conclusion()).isEqualTo(Conclusion.SUCCESS);
      assertThat(run.result().warnings())
          .singleElement()
          .asString()
          .startsWith("notification \"smtp-broken\" failed: PluginException: plugin registry:")
          .contains("no host configured");
    }
  }

  @Test
  void reporterProviderFailsToCreate_warningAndBuildUnchanged() throws Exception {
    PluginRegistry plugins =
        PluginRegistry.builder()
            .register(
                new io.chengis.api.spi.ScmStatusReporterProvider() {
                  @Override
                  public String type() {
                    return "forge";
                  }

                  @Override
                  public io.chengis.api.spi.ScmStatusReporter create(
                      io.chengis.api.spi.ProviderContext context) {
                    throw new IllegalStateException("no token");
                  }
                })
            .settings("forge", java.util.Map.of("token", ""))
            .build();
    try (EngineFixture fixture =
        new EngineFixture(root, ChengisEngine.builder().plugins(plugins))) {
      EngineFixture.Run run = fixture.run(pipeline("true", p -> {}));

      assertThat(run.result().conclusion()).isEqualTo(Conclusion.SUCCESS);
      assertThat(run.result().warnings())
          .singleElement()
          .asString()
          .startsWith("SCM status reporters failed: PluginException: plugin registry:")
          .contains("no token");
    }
  }

  @Test
  void stepExecutorFromTheRegistry_runsItsPluginStepType() throws Exception {
    PluginRegistry plugins =
        PluginRegistry.builder()
            .register(
                new io.chengis.api.spi.StepExecutorProvider() {
                  @Override
                  public String type() {
                    return "echo";
                  }

                  @Override
                  public io.chengis.api.spi.StepExecutor create(
                      io.chengis.api.spi.ProviderContext context) {
                    String prefix = context.setting("prefix").orElse("");
                    return step -> {
                      io.chengis.api.StepAction.PluginStep plugin =
                          (io.chengis.api.StepAction.PluginStep) step.definition().action();
                      step.log()
                          .accept(
                              new io.chengis.api.LogLine(
                                  java.time.Instant.now(),
                                  io.chengis.api.LogStream.STDOUT,
                                  prefix + plugin.config().get("message")));
                      return io.chengis.api.spi.StepExit.exited(0);
                    };
                  }
                })
            .settings("echo", java.util.Map.of("prefix", "echo: "))
            .build();
    try (EngineFixture fixture =
        new EngineFixture(root, ChengisEngine.builder().plugins(plugins))) {
      EngineFixture.Run run =
          fixture.run(
              Chengis.pipeline(
                  "app",
                  p ->
                      p.stage(
                          "s",
                          s ->
                              s.step(
                                  "say",
                                  io.chengis.dsl.Steps.plugin(
                                      "echo", java.util.Map.of("message", "hello"))))));

      assertThat(run.result().conclusion()).isEqualTo(Conclusion.SUCCESS);
      assertThat(run.events())
          .filteredOn(BuildEvent.LogBatch.class::isInstance)
          .flatExtracting(e -> ((BuildEvent.LogBatch) e).lines())
          .extracting(io.chengis.api.LogLine::text)
          .containsExactly("echo: hello");
    }
  }
}
