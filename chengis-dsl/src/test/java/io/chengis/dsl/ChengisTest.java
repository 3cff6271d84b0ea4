package io.chengis.dsl;

import static io.chengis.dsl.Conditions.allOf;
import static io.chengis.dsl.Conditions.always;
import static io.chengis.dsl.Conditions.anyOf;
import static io.chengis.dsl.Conditions.expression;
import static io.chengis.dsl.Conditions.never;
import static io.chengis.dsl.Conditions.not;
import static io.chengis.dsl.Conditions.onBranch;
import static io.chengis.dsl.Conditions.paramEquals;
import static io.chengis.dsl.Steps.compose;
import static io.chengis.dsl.Steps.plugin;
import static io.chengis.dsl.Steps.shell;
import static java.time.Duration.ofHours;
import static java.time.Duration.ofMinutes;
import static java.time.Duration.ofSeconds;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;
import static org.assertj.core.api.Assertions.tuple;

import io.chengis.api.ApprovalGate;
import io.chengis.api.ArtifactSpec;
import io.chengis.api.CacheSpec;
import io.chengis.api.Concurrency;
import io.chengis.api.Condition;
import io.chengis.api.ContainerSpec;
import io.chengis.api.Matrix;
import io.chengis.api.Notification;
import io.chengis.api.NotifyWhen;
import io.chengis.api.Parameter;
import io.chengis.api.ParameterType;
import io.chengis.api.Pipeline;
import io.chengis.api.PullPolicy;
import io.chengis.api.ResourceLimits;
import io.chengis.api.RetryPolicy;
import io.chengis.api.SecretRef;
import io.chengis.api.SourceLocation;
import io.chengis.api.SourceSpec;
import io.chengis.api.Stage;
import io.chengis.api.Step;
import io.chengis.api.StepAction;
import io.chengis.api.Trigger;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** One pipeline that uses every DSL element, and the records it must produce. */
class ChengisTest {
  private static final Condition RELEASE =
      allOf(
          onBranch("release/**"),
          anyOf(paramEquals("target", "prod"), expression("github.event_name == 'push'")),
          not(never()),
          always());

  /** Everything the DSL can say, each element once. */
  static Pipeline everything() {
    return Chengis.pipeline(
        "everything",
        p ->
            p.description("Builds, tests and ships the API")
                .parameter(Parameters.text("version").description("Release version"))
                .parameter(Parameters.choice("target", "dev", "prod").defaultValue("prod"))
                .parameter(Parameters.bool("dryRun").defaultValue(true))
                .parameter(Parameters.number("replicas").defaultValue(3).description("Pods"))
                .env("ZULU", "z")
                .env(orderedMap("ALPHA", "a", "MIKE", "m"))
                .source(
                    "https://git.example/api.git",
                    s -> s.ref("main").depth(1).submodules().credentials("GIT_TOKEN"))
                .container(
                    Containers.image("eclipse-temurin:21")
                        .volume("/var/run/docker.sock:/var/run/docker.sock")
                        .volume("data:/data")
                        .cacheVolume("m2", "/root/.m2")
                        .cacheVolume("gradle", "/root/.gradle")
                        .workdir("/src")
                        .network("ci")
                        .pullPolicy(PullPolicy.ALWAYS)
                        .extraArgs("--privileged", "--init")
                        .user("1000:1000")
                        .cpus(2.5)
                        .memoryBytes(4L << 30))
                .matrix(
                    m ->
                        m.axis("os", "linux", "mac")
                            .axis("jdk", "21", "25")
                            .exclude("os", "mac", "jdk", "21")
                            .exclude(Map.of("os", "windows"))
                            .include("os", "linux", "jdk", "25", "experimental", "true")
                            .include(Map.of("os", "bsd"))
                            .max(10))
                .timeout(ofHours(2))
                .concurrency("api-main", Concurrency.OnConflict.CANCEL_RUNNING)
                .labels("linux", "x64")
                .cron("0 3 * * *")
                .onPush("main", "release/**")
                .onPullRequest("main")
                .cache(
                    c ->
                        c.key("maven-${{ hashFiles('**/pom.xml') }}")
                            .paths(".m2", "target/deps")
                            .restoreKeys("maven-"))
                .stage(
                    "build",
                    s ->
                        s.env("STAGE", "build")
                            .env(orderedMap("B", "2", "A", "1"))
                            .container("maven:3-eclipse-temurin-21")
                            .cache("npm", "node_modules", ".npm")
                            .timeout(ofMinutes(30))
                            .labels("large", "ssd")
                            .resources(1.5, 2L << 30)
                            .step(
                                "compile",
                                shell("./mvnw -B verify", "bash"),
                                step ->
                                    step.env("MAVEN_OPTS", "-Xmx1g")
                                        .env(orderedMap("Y", "y", "X", "x"))
                                        .workingDir("services/api")
                                        .timeout(ofMinutes(20))
                                        .when(RELEASE)
                                        .retry(3)
                                        .continueOnError()
                                        .outputs("version", "digest"))
                            .step("lint", shell("./lint.sh"), step -> step.retry(2, ofSeconds(5))))
                .stage(
                    "test",
                    s ->
                        s.dependsOn("build")
                            .parallel()
                            .failFast()
                            .when(not(paramEquals("dryRun", "true")))
                            .step(
                                "it",
                                compose("db", "./it.sh"),
                                step ->
                                    step.retry(
                                        r ->
                                            r.maxAttempts(4)
                                                .backoff(ofSeconds(1))
                                                .multiplier(2)
                                                .maxBackoff(ofSeconds(30))
                                                .onExitCodes(137, 143)))
                            .step("e2e", compose("web", "ci/compose.yml", "./e2e.sh"))
                            .step(
                                "scan",
                                Steps.container(
                                    Containers.image("aquasec/trivy:0.50").user("root"),
                                    "trivy fs ."))
                            .step("sbom", Steps.container("anchore/syft:1", "syft .")))
                .stage(
                    "deploy",
                    s ->
                        s.dependsOn("build", "test")
                            .when(anyOf(onBranch("main"), paramEquals("target", "prod")))
                            .approval(
                                a ->
                                    a.message("Ship to prod?")
                                        .approvers("ann", "bob")
                                        .roles("release-managers")
                                        .minApprovals(2)
                                        .timeout(ofHours(4)))
                            .step(
                                "ship",
                                plugin("helm", orderedMap("chart", "api", "atomic", "true"))))
                .post(
                    post ->
                        post.always("clean", shell("rm -rf tmp"))
                            .onSuccess(
                                "tag", shell("git tag v1"), step -> step.timeout(ofMinutes(1)))
                            .onFailure("page", plugin("pagerduty", Map.of()))
                            .onFailure("logs", shell("tar czf logs.tgz logs"))
                            .onCancel(
                                "release-lock",
                                shell("./unlock.sh"),
                                step -> step.continueOnError()))
                .artifacts("target/*.jar")
                .artifacts(
                    a -> a.glob("reports/**", "logs/*.txt").exclude("**/*.tmp").onlyOnSuccess())
                .notify("email")
                .notify(
                    "slack",
                    n ->
                        n.when(NotifyWhen.ON_FAILURE)
                            .set("channel", "#ci")
                            .set("mention", "@here")));
  }

  /** A map in the given key order, which is not the order a hash map would iterate in. */
  private static Map<String, String> orderedMap(String... keysAndValues) {
    var map = new LinkedHashMap<String, String>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      map.put(keysAndValues[i], keysAndValues[i + 1]);
    }
    return map;
  }

  @Test
  void pipeline_usingEveryElement_holdsExactlyTheDeclaredTopLevelValues() {
    Pipeline pipeline = everything();
    assertThat(pipeline.name()).isEqualTo("everything");
    assertThat(pipeline.description()).isEqualTo("Builds, tests and ships the API");
    assertThat(pipeline.env())
        .containsExactly(entry("ZULU", "z"), entry("ALPHA", "a"), entry("MIKE", "m"));
    assertThat(pipeline.timeout()).contains(ofHours(2));
    assertThat(pipeline.concurrency())
        .contains(new Concurrency("api-main", Concurrency.OnConflict.CANCEL_RUNNING));
    assertThat(pipeline.labels()).containsExactly("linux", "x64");
    assertThat(pipeline.isDag()).isTrue();
    assertThat(pipeline.stages())
        .extracting(Stage::name)
        .containsExactly("build", "test", "deploy");
    SourceSpec source = pipeline.source().orElseThrow();
    assertThat(source)
        .isEqualTo(
            new SourceSpec(
                "https://git.example/api.git",
                Optional.of("main"),
                1,
                true,
                Optional.of(SecretRef.of("GIT_TOKEN")),
                source.location()));
    assertThat(pipeline.triggers())
        .extracting(trigger -> trigger.getClass().getSimpleName())
        .containsExactly("Cron", "Push", "PullRequest");
    assertThat(pipeline.triggers().get(0))
        .isEqualTo(new Trigger.Cron("0 3 * * *", pipeline.triggers().get(0).location()));
    assertThat(((Trigger.Push) pipeline.triggers().get(1)).branches())
        .containsExactly("main", "release/**");
    assertThat(((Trigger.PullRequest) pipeline.triggers().get(2)).branches())
        .containsExactly("main");
  }

  @Test
  void pipeline_usingEveryElement_holdsTheParameters() {
    List<Parameter> parameters = everything().parameters();
    assertThat(parameters)
        .containsExactly(
            new Parameter(
                "version",
                ParameterType.TEXT,
                "Release version",
                Optional.empty(),
                List.of(),
                parameters.get(0).location()),
            new Parameter(
                "target",
                ParameterType.CHOICE,
                "",
                Optional.of("prod"),
                List.of("dev", "prod"),
                parameters.get(1).location()),
            new Parameter(
                "dryRun",
                ParameterType.BOOLEAN,
                "",
                Optional.of("true"),
                List.of(),
                parameters.get(2).location()),
            new Parameter(
                "replicas",
                ParameterType.NUMBER,
                "Pods",
                Optional.of("3"),
                List.of(),
                parameters.get(3).location()));
    assertThat(parameters.getFirst().required()).isTrue();
    assertThat(parameters)
        .extracting(Parameter::envName)
        .containsExactly("PARAM_VERSION", "PARAM_TARGET", "PARAM_DRYRUN", "PARAM_REPLICAS");
  }

  @Test
  void pipeline_usingEveryElement_holdsTheContainersWithEveryOption() {
    Pipeline pipeline = everything();
    ContainerSpec container = pipeline.container().orElseThrow();
    assertThat(container)
        .isEqualTo(
            new ContainerSpec(
                "eclipse-temurin:21",
                List.of("/var/run/docker.sock:/var/run/docker.sock", "data:/data"),
                orderedMap("m2", "/root/.m2", "gradle", "/root/.gradle"),
                Optional.of("/src"),
                Optional.of("ci"),
                PullPolicy.ALWAYS,
                List.of("--privileged", "--init"),
                Optional.of("1000:1000"),
                new ResourceLimits(2.5, 4L << 30),
                container.location()));
    assertThat(container.cacheVolumes().keySet()).containsExactly("m2", "gradle");
    ContainerSpec stageContainer = pipeline.stages().getFirst().container().orElseThrow();
    assertThat(stageContainer)
        .isEqualTo(
            withLocation(
                ContainerSpec.of("maven:3-eclipse-temurin-21"), stageContainer.location()));
    List<Step> tests = pipeline.stage("test").orElseThrow().steps();
    var scan = (StepAction.Container) tests.get(2).action();
    assertThat(scan.command()).isEqualTo("trivy fs .");
    assertThat(scan.container().image()).isEqualTo("aquasec/trivy:0.50");
    assertThat(scan.container().user()).contains("root");
    var sbom = (StepAction.Container) tests.get(3).action();
    assertThat(sbom.container())
        .isEqualTo(withLocation(ContainerSpec.of("anchore/syft:1"), sbom.container().location()));
  }

  @Test
  void pipeline_usingEveryElement_holdsTheMatrix() {
    Matrix matrix = everything().matrix().orElseThrow();
    assertThat(matrix.axes().keySet()).containsExactly("os", "jdk");
    assertThat(matrix.axes())
        .containsExactly(entry("os", List.of("linux", "mac")), entry("jdk", List.of("21", "25")));
    assertThat(matrix.exclude())
        .containsExactly(Map.of("os", "mac", "jdk", "21"), Map.of("os", "windows"));
    assertThat(matrix.include())
        .containsExactly(
            Map.of("os", "linux", "jdk", "25", "experimental", "true"), Map.of("os", "bsd"));
    assertThat(matrix.maxCombinations()).isEqualTo(10);
    assertThat(matrix.combinations())
        .map(Matrix::label)
        .containsExactly(
            "[os=linux, jdk=21]",
            "[os=linux, jdk=25, experimental=true]",
            "[os=mac, jdk=25]",
            "[os=bsd]");
  }

  @Test
  void pipeline_usingEveryElement_holdsTheBuildStage() {
    Stage build = everything().stages().getFirst();
    assertThat(build.env())
        .containsExactly(entry("STAGE", "build"), entry("B", "2"), entry("A", "1"));
    assertThat(build.dependsOn()).isEmpty();
    assertThat(build.parallel()).isFalse();
    assertThat(build.condition()).isEqualTo(Condition.ALWAYS);
    assertThat(build.caches())
        .containsExactly(
            new CacheSpec(
                "npm",
                List.of("node_modules", ".npm"),
                List.of(),
                build.caches().getFirst().location()));
    assertThat(build.timeout()).contains(ofMinutes(30));
    assertThat(build.labels()).containsExactly("large", "ssd");
    assertThat(build.resources()).isEqualTo(new ResourceLimits(1.5, 2L << 30));
    assertThat(build.approval()).isEmpty();
    Step compile = build.steps().getFirst();
    assertThat(compile)
        .isEqualTo(
            new Step(
                "compile",
                new StepAction.Shell("./mvnw -B verify", Optional.of("bash")),
                orderedMap("MAVEN_OPTS", "-Xmx1g", "Y", "y", "X", "x"),
                Optional.of("services/api"),
                Optional.of(ofMinutes(20)),
                RELEASE,
                new RetryPolicy(3, Duration.ZERO, 1, Duration.ZERO, Set.of()),
                true,
                List.of("version", "digest"),
                compile.location()));
    assertThat(compile.env().keySet()).containsExactly("MAVEN_OPTS", "Y", "X");
    assertThat(build.steps().get(1).retry())
        .isEqualTo(new RetryPolicy(2, ofSeconds(5), 1, ofSeconds(5), Set.of()));
    assertThat(build.steps().get(1).continueOnError()).isFalse();
  }

  @Test
  void pipeline_usingEveryElement_holdsTheTestAndDeployStages() {
    Pipeline pipeline = everything();
    Stage test = pipeline.stage("test").orElseThrow();
    assertThat(test.dependsOn()).containsExactly("build");
    assertThat(test.parallel()).isTrue();
    assertThat(test.failFast()).isTrue();
    assertThat(test.condition())
        .isEqualTo(new Condition.Not(new Condition.ParamEquals("dryRun", "true")));
    assertThat(test.steps()).extracting(Step::name).containsExactly("it", "e2e", "scan", "sbom");
    assertThat(test.steps().get(0).action())
        .isEqualTo(new StepAction.Compose("db", "docker-compose.yml", "./it.sh"));
    assertThat(test.steps().get(0).retry())
        .isEqualTo(new RetryPolicy(4, ofSeconds(1), 2, ofSeconds(30), Set.of(137, 143)));
    assertThat(test.steps().get(0).retry().exitCodes()).containsExactly(137, 143);
    assertThat(test.steps().get(1).action())
        .isEqualTo(new StepAction.Compose("web", "ci/compose.yml", "./e2e.sh"));
    Stage deploy = pipeline.stage("deploy").orElseThrow();
    assertThat(deploy.dependsOn()).containsExactly("build", "test");
    assertThat(deploy.condition())
        .isEqualTo(
            new Condition.AnyOf(
                List.of(
                    new Condition.OnBranch("main"), new Condition.ParamEquals("target", "prod"))));
    ApprovalGate approval = deploy.approval().orElseThrow();
    assertThat(approval)
        .isEqualTo(
            new ApprovalGate(
                "Ship to prod?",
                List.of("ann", "bob"),
                List.of("release-managers"),
                2,
                Optional.of(ofHours(4)),
                approval.location()));
    var ship = (StepAction.PluginStep) deploy.steps().getFirst().action();
    assertThat(ship.type()).isEqualTo("helm");
    assertThat(ship.config()).containsExactly(entry("chart", "api"), entry("atomic", "true"));
  }

  @Test
  void pipeline_usingEveryElement_holdsPostArtifactsCachesAndNotifications() {
    Pipeline pipeline = everything();
    assertThat(pipeline.post().always()).extracting(Step::name).containsExactly("clean");
    assertThat(pipeline.post().onSuccess())
        .extracting(Step::name, Step::timeout)
        .containsExactly(tuple("tag", Optional.of(ofMinutes(1))));
    assertThat(pipeline.post().onFailure()).extracting(Step::name).containsExactly("page", "logs");
    assertThat(pipeline.post().onCancel())
        .extracting(Step::name, Step::continueOnError)
        .containsExactly(tuple("release-lock", true));
    List<ArtifactSpec> artifacts = pipeline.artifacts();
    assertThat(artifacts)
        .containsExactly(
            new ArtifactSpec(List.of("target/*.jar"), List.of(), true, artifacts.get(0).location()),
            new ArtifactSpec(
                List.of("reports/**", "logs/*.txt"),
                List.of("**/*.tmp"),
                false,
                artifacts.get(1).location()));
    List<CacheSpec> caches = pipeline.caches();
    assertThat(caches)
        .containsExactly(
            new CacheSpec(
                "maven-${{ hashFiles('**/pom.xml') }}",
                List.of(".m2", "target/deps"),
                List.of("maven-"),
                caches.get(0).location()));
    List<Notification> notifications = pipeline.notifications();
    assertThat(notifications)
        .containsExactly(
            new Notification("email", Map.of(), NotifyWhen.ALWAYS, notifications.get(0).location()),
            new Notification(
                "slack",
                orderedMap("channel", "#ci", "mention", "@here"),
                NotifyWhen.ON_FAILURE,
                notifications.get(1).location()));
    assertThat(pipeline.notifications().get(1).config().keySet())
        .containsExactly("channel", "mention");
  }

  @Test
  void concurrency_withoutOnConflict_queues() {
    Pipeline pipeline =
        Chengis.pipeline(
            "p", p -> p.concurrency("deploy-prod").stage("build", Rejections.ONE_STEP));
    assertThat(pipeline.concurrency())
        .contains(new Concurrency("deploy-prod", Concurrency.OnConflict.QUEUE));
  }

  @Test
  void pipeline_withDefaults_resolvesConcreteValues() {
    Pipeline pipeline = Chengis.pipeline("p", p -> p.stage("build", Rejections.ONE_STEP));
    Step step = pipeline.stages().getFirst().steps().getFirst();
    assertThat(step.retry()).isEqualTo(RetryPolicy.none());
    assertThat(step.condition()).isEqualTo(Condition.ALWAYS);
    assertThat(step.action()).isEqualTo(new StepAction.Shell("make", Optional.empty()));
    assertThat(pipeline.stages().getFirst().resources()).isEqualTo(ResourceLimits.none());
    assertThat(pipeline.post().isEmpty()).isTrue();
    assertThat(pipeline.isDag()).isFalse();
    assertThat(pipeline.description()).isEmpty();
  }

  @Test
  void define_thenBuild_equalsTheLambdaForm() {
    PipelineBuilder builder = Chengis.define("api").env("A", "1");
    builder.stage("build", s -> s.step("compile", shell("make")));
    builder.stage("test", s -> s.dependsOn("build").step("unit", shell("make test")));
    Pipeline built = builder.build();
    assertThat(built.name()).isEqualTo("api");
    assertThat(built.env()).containsExactly(entry("A", "1"));
    assertThat(built.stages()).extracting(Stage::name).containsExactly("build", "test");
    assertThat(built.location().file()).isEqualTo("ChengisTest.java");
  }

  private static ContainerSpec withLocation(ContainerSpec spec, SourceLocation location) {
    return new ContainerSpec(
        spec.image(),
        spec.volumes(),
        spec.cacheVolumes(),
        spec.workdir(),
        spec.network(),
        spec.pullPolicy(),
        spec.extraArgs(),
        spec.user(),
        spec.resources(),
        location);
  }
}
