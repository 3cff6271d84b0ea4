package io.chengis.docker;

import static io.chengis.docker.ContainerEngine.IMAGE;
import static io.chengis.dsl.Containers.image;
import static io.chengis.dsl.Steps.compose;
import static io.chengis.dsl.Steps.container;
import static io.chengis.dsl.Steps.shell;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.Container;
import io.chengis.api.Conclusion;
import io.chengis.api.Outcome;
import io.chengis.api.Pipeline;
import io.chengis.docker.internal.Docker;
import io.chengis.dsl.Chengis;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@Tag("container")
@ExtendWith(ContainerEngine.class)
class ServicesAndComposeTest {
  /** A server answering every connection on port 8080 with one line, written for busybox nc. */
  private static final String PONG_SERVER =
      "while true; do echo \"pong from $NAME\" | nc -l -p 8080; done";

  /** Connects to host $1 port 8080, retrying while the server starts. */
  private static final String CLIENT =
      "for i in $(seq 1 50); do r=$(nc %s 8080 </dev/null) && [ -n \"$r\" ] && echo \"$r\" &&"
          + " exit 0; sleep 0.1; done; echo unreachable; exit 1";

  @TempDir static Path root;
  private static Builds builds;
  private static DockerClient docker;

  @BeforeAll
  static void engine() {
    builds = new Builds(root);
    docker = Docker.connect(ContainerEngine.executor().host());
  }

  @AfterAll
  static void close() throws Exception {
    if (builds != null) {
      builds.close();
      docker.close();
    }
  }

  private List<Container> labelled(String build) {
    return docker
        .listContainersCmd()
        .withShowAll(true)
        .withLabelFilter(Map.of(DockerExecutor.BUILD_LABEL, build))
        .exec();
  }

  @Test
  void stageService_isReachedByName_andIsRemovedAfterTheStage() throws Exception {
    Pipeline pipeline =
        Chengis.pipeline(
            "services",
            p ->
                p.stage(
                    "it",
                    s ->
                        s.service("db", image(IMAGE).env("NAME", "db"), "sh", "-c", PONG_SERVER)
                            .container(IMAGE)
                            .step("ping", shell(CLIENT.formatted("db")))
                            .step("again", container(IMAGE, CLIENT.formatted("db")))));

    Builds.Run run = builds.run(pipeline);

    assertThat(run.result().conclusion()).isEqualTo(Conclusion.SUCCESS);
    assertThat(run.text("ping")).containsExactly("pong from db");
    assertThat(run.text("again")).containsExactly("pong from db");
    assertThat(labelled(run.result().buildId().toString())).isEmpty();
  }

  @Test
  void stageService_withAHealthCommand_isWaitedFor_beforeTheFirstStep() throws Exception {
    Pipeline pipeline =
        Chengis.pipeline(
            "healthy",
            p ->
                p.stage(
                    "it",
                    s ->
                        s.service(
                                "slow",
                                image(IMAGE)
                                    .extraArgs(
                                        "--health-cmd",
                                        "test -f /tmp/ready",
                                        "--health-interval",
                                        "200ms",
                                        "--health-retries",
                                        "50"),
                                "sh",
                                "-c",
                                "sleep 1; touch /tmp/ready; echo pong | nc -l -p 8080")
                            .step("once", container(IMAGE, "nc slow 8080 </dev/null"))));

    Builds.Run run = builds.run(pipeline);

    assertThat(run.result().conclusion()).isEqualTo(Conclusion.SUCCESS);
    assertThat(run.text("once")).containsExactly("pong");
  }

  @Test
  void stageService_thatNeverBecomesHealthy_failsTheStage_namingTheCheck() throws Exception {
    Pipeline pipeline =
        Chengis.pipeline(
            "unhealthy",
            p ->
                p.stage(
                    "it",
                    s ->
                        s.service(
                                "db",
                                image(IMAGE)
                                    .extraArgs(
                                        "--health-cmd=exit 3",
                                        "--health-interval=100ms",
                                        "--health-retries=2"),
                                "sleep",
                                "60")
                            .step("never", container(IMAGE, "true"))));

    Builds.Run run = builds.run(pipeline);

    assertThat(run.result().stages().get(0).reason().orElseThrow())
        .contains(
            "service \"db\": the container did not become healthy: health command \"exit 3\""
                + " failed 2 times (last exit code 3)");
    assertThat(run.step("it", "never").outcome()).isEqualTo(Outcome.SKIPPED);
    assertThat(labelled(run.result().buildId().toString())).isEmpty();
  }

  @Test
  void stageService_thatExitsAtOnce_failsTheStage_withItsLastOutput() throws Exception {
    Pipeline pipeline =
        Chengis.pipeline(
            "crashing",
            p ->
                p.stage(
                    "it",
                    s ->
                        s.service(
                                "db",
                                image(IMAGE)
                                    .extraArgs(
                                        "--health-cmd", "true", "--health-interval", "300ms"),
                                "sh",
                                "-c",
                                "echo config missing >&2; exit 4")
                            .step("never", container(IMAGE, "true"))));

    Builds.Run run = builds.run(pipeline);

    assertThat(run.result().stages().get(0).reason().orElseThrow())
        .containsPattern(
            "service \"db\": the container (exited right after it started|stopped while its health was checked) \\(exit code 4\\), last output: config missing");
    assertThat(run.step("it", "never").outcome()).isEqualTo(Outcome.SKIPPED);
  }

  @Test
  void githubWorkflow_containerJobWithAService_runsOnTheEngine() throws Exception {
    Pipeline pipeline =
        io.chengis.dsl.format.PipelineFormats.githubActions()
            .parse(
                new io.chengis.api.spi.PipelineSource(
                    ".github/workflows/it.yml",
                    """
                    on: push
                    jobs:
                      it:
                        runs-on: ubuntu-latest
                        container:
                          image: %1$s
                          options: --user 65534
                        services:
                          web:
                            image: %1$s
                            env:
                              NAME: web
                            options: >-
                              --health-cmd "pidof nc"
                              --health-interval 200ms
                              --health-retries 50
                        steps:
                          - run: id -u && nc web 8080 </dev/null
                    """
                        .formatted(IMAGE)));
    Pipeline withServerCommand =
        new Pipeline(
            pipeline.name(),
            pipeline.description(),
            pipeline.parameters(),
            pipeline.env(),
            pipeline.source(),
            pipeline.container(),
            pipeline.matrix(),
            List.of(withCommand(pipeline.stages().get(0))),
            pipeline.post(),
            pipeline.artifacts(),
            pipeline.caches(),
            pipeline.notifications(),
            pipeline.triggers(),
            pipeline.timeout(),
            pipeline.concurrency(),
            pipeline.labels(),
            pipeline.location());

    Builds.Run run = builds.run(withServerCommand);

    assertThat(run.result().conclusion())
        .as("%s", run.result().stages())
        .isEqualTo(Conclusion.SUCCESS);
    assertThat(String.join("\n", run.lines("step-1").stream().map(l -> l.text()).toList()))
        .isEqualTo("65534\npong from web");
  }

  /** GitHub services run their image's command; busybox's is a shell, so give it the server. */
  private static io.chengis.api.Stage withCommand(io.chengis.api.Stage stage) {
    io.chengis.api.ServiceSpec web = stage.services().get(0);
    return new io.chengis.api.Stage(
        stage.name(),
        stage.dependsOn(),
        stage.parallel(),
        stage.failFast(),
        stage.condition(),
        stage.container(),
        List.of(
            new io.chengis.api.ServiceSpec(
                web.name(), web.container(), List.of("sh", "-c", PONG_SERVER), web.location())),
        stage.env(),
        stage.steps(),
        stage.approval(),
        stage.caches(),
        stage.timeout(),
        stage.labels(),
        stage.resources(),
        stage.location());
  }

  @Test
  void stageService_thatCannotStart_failsTheStage_andRunsNoStep() throws Exception {
    Pipeline pipeline =
        Chengis.pipeline(
            "broken-service",
            p ->
                p.stage(
                    "it",
                    s ->
                        s.service(
                                "db",
                                image("local/chengis-missing:1")
                                    .pullPolicy(io.chengis.api.PullPolicy.NEVER))
                            .step("ping", container(IMAGE, "touch ran.txt"))));

    Builds.Run run = builds.run(pipeline);

    assertThat(run.result().conclusion()).isEqualTo(Conclusion.FAILURE);
    assertThat(run.result().stages().get(0).reason().orElseThrow())
        .contains("services could not start")
        .contains("stage \"it\" service \"db\": image \"local/chengis-missing:1\" is not present");
    assertThat(run.step("it", "ping").outcome()).isEqualTo(Outcome.SKIPPED);
    assertThat(labelled(run.result().buildId().toString())).isEmpty();
  }

  @Test
  void composeStep_startsDependenciesFirst_runsInTheService_andTearsDown() throws Exception {
    String file =
        """
        services:
          app:
            image: %1$s
            working_dir: /src
            environment:
              GREETING: hello from compose
            volumes:
              - ./src:/src
            depends_on:
              - cache
          cache:
            image: %1$s
            environment:
              NAME: cache
            command: ["sh", "-c", %2$s]
            depends_on: [db]
          db:
            image: %1$s
            environment:
              - NAME=db
            command: ["sh", "-c", %2$s]
            ports: ["8080:8080"]
        """
            .formatted(IMAGE, "'" + PONG_SERVER.replace("'", "''") + "'");
    Pipeline pipeline =
        Chengis.pipeline(
            "compose",
            p ->
                p.stage(
                    "it",
                    s ->
                        s.step(
                                "write",
                                shell(
                                    "mkdir -p ci/src && echo source > ci/src/main.txt && cat >"
                                        + " ci/compose.yml <<'EOF'\n"
                                        + file
                                        + "EOF"))
                            .step(
                                "test",
                                compose(
                                    "app",
                                    "ci/compose.yml",
                                    "pwd; cat main.txt; echo $GREETING; ("
                                        + CLIENT.formatted("cache")
                                        + ") && ("
                                        + CLIENT.formatted("db")
                                        + ")"))));

    Builds.Run run = builds.run(pipeline);

    assertThat(run.result().conclusion())
        .as("%s %s", run.result().stages(), run.text("test"))
        .isEqualTo(Conclusion.SUCCESS);
    assertThat(run.text("test"))
        .startsWith("/src", "source", "hello from compose")
        .contains("pong from cache", "pong from db");
    assertThat(labelled(run.result().buildId().toString())).isEmpty();
  }

  @Test
  void composeStep_withACycle_orAnUnknownService_isAClearError() throws Exception {
    String file =
        """
        services:
          a:
            image: %1$s
            depends_on: [b]
          b:
            image: %1$s
            depends_on: [a]
        """
            .formatted(IMAGE);
    Pipeline pipeline =
        Chengis.pipeline(
            "compose-errors",
            p ->
                p.stage(
                    "it",
                    s ->
                        s.step("write", shell("cat > compose.yml <<'EOF'\n" + file + "EOF"))
                            .step(
                                "cycle",
                                compose("a", "compose.yml", "true"),
                                st -> st.continueOnError())
                            .step(
                                "unknown",
                                compose("web", "compose.yml", "true"),
                                st -> st.continueOnError())
                            .step(
                                "missing",
                                compose("a", "nope.yml", "true"),
                                st -> st.continueOnError())));

    Builds.Run run = builds.run(pipeline);

    assertThat(run.step("it", "cycle").reason().orElseThrow())
        .contains("services depend on each other in a cycle a -> b -> a");
    assertThat(run.step("it", "unknown").reason().orElseThrow())
        .contains("names service \"web\", which the file does not declare (services: [a, b])");
    assertThat(run.step("it", "missing").reason().orElseThrow())
        .contains("file \"nope.yml\" does not exist in the workspace");
  }
}
