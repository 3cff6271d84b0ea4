package io.chengis.engine;

import static io.chengis.dsl.Steps.shell;
import static org.assertj.core.api.Assertions.assertThat;

import io.chengis.api.BuildEvent;
import io.chengis.api.BuildResult;
import io.chengis.api.BuildState;
import io.chengis.api.Conclusion;
import io.chengis.api.Outcome;
import io.chengis.api.Pipeline;
import io.chengis.api.StageResult;
import io.chengis.api.StepResult;
import io.chengis.dsl.Chengis;
import io.chengis.engine.PipelineModel.StageModel;
import io.chengis.engine.PipelineModel.StepModel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import net.jqwik.api.statistics.Statistics;

/**
 * DESIGN.md §4 as properties of the real scheduler: random pipelines of real (quick) shell steps
 * run on one shared engine, and their results and event streams are compared with what {@link
 * PipelineModel} says they must be.
 */
class SchedulerPropertiesTest {
  private static final String SEED = "20261127";
  private static final Duration LIMIT = Duration.ofMinutes(1);

  private static Path root;
  private static EngineFixture fixture;

  @BeforeContainer
  static void startEngine() throws IOException {
    root = Files.createTempDirectory("chengis-scheduler-properties");
    fixture = new EngineFixture(root);
  }

  @AfterContainer
  static void stopEngine() throws IOException {
    fixture.close();
    try (Stream<Path> files = Files.walk(root)) {
      files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
    }
  }

  // --- 1. DAGs --------------------------------------------------------------------------------

  @Property(tries = 25, seed = SEED)
  void dag_stagesStartAfterTheirDependenciesFinish_andRunIffNoDependencyFailed(
      @ForAll("dags") PipelineModel model) throws Exception {
    EngineFixture.Run run = fixture.run(model.toPipeline());

    assertMatches(model, run);
  }

  // --- 2. sequential pipelines ----------------------------------------------------------------

  @Property(tries = 25, seed = SEED)
  void sequential_firstFailingStageSkipsTheRest_andAllowedFailuresFailNothing(
      @ForAll("sequentialPipelines") PipelineModel model) throws Exception {
    EngineFixture.Run run = fixture.run(model.toPipeline());

    assertMatches(model, run);
    List<String> allowed = new ArrayList<>();
    for (StageModel stage : model.stages()) {
      if (model.runs(stage)) {
        stage.steps().stream()
            .filter(step -> stage.runs(step) && step.allowed() && step.exitCode() != 0)
            .forEach(step -> allowed.add(stage.name() + "/" + step.name()));
      }
    }
    assertThat(run.result().allowedFailures())
        .extracting(failure -> failure.stage().name() + "/" + failure.step().name())
        .containsExactlyElementsOf(allowed);
  }

  // --- 3. one conclusion per build ------------------------------------------------------------

  enum CancelMoment {
    IMMEDIATELY,
    AFTER_FIRST_STEP_STARTED,
    NEVER
  }

  @Property(tries = 30, seed = SEED)
  void everyBuild_endsWithExactlyOneBuildFinished_thatAwaitReturns(
      @ForAll("anyPipelines") PipelineModel model, @ForAll CancelMoment moment) throws Exception {
    BuildHandle handle = fixture.engine.trigger(model.toPipeline(), TriggerRequest.manual());
    CountDownLatch stepStarted = new CountDownLatch(1);
    handle.events().subscribe(new Latch(BuildEvent.StepStarted.class::isInstance, stepStarted));
    switch (moment) {
      case IMMEDIATELY -> handle.cancel("cancelled by the property");
      case AFTER_FIRST_STEP_STARTED -> {
        assertThat(stepStarted.await(LIMIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
        handle.cancel("cancelled by the property");
      }
      case NEVER -> {}
    }

    BuildResult awaited = handle.await(LIMIT).orElseThrow();
    List<BuildEvent> events = EngineFixture.collect(handle.events()).get(30, TimeUnit.SECONDS);

    assertThat(events).first().isInstanceOf(BuildEvent.BuildQueued.class);
    assertThat(events).filteredOn(BuildEvent.BuildFinished.class::isInstance).hasSize(1);
    assertThat(events)
        .last()
        .isInstanceOfSatisfying(
            BuildEvent.BuildFinished.class,
            finished -> assertThat(finished.result()).isEqualTo(awaited));
    assertThat(events).filteredOn(BuildEvent.BuildStarted.class::isInstance).hasSizeLessThan(2);
    assertThat(handle.state()).isEqualTo(BuildState.FINISHED);
    Conclusion uncancelled = model.fails() ? Conclusion.FAILURE : Conclusion.SUCCESS;
    if (moment == CancelMoment.NEVER) {
      assertThat(awaited.conclusion()).isEqualTo(uncancelled);
    } else {
      // A cancel that arrives after the stages ended changes nothing; otherwise it wins.
      assertThat(awaited.conclusion()).isIn(Conclusion.CANCELLED, uncancelled);
      awaited.reason().ifPresent(reason -> assertThat(reason).doesNotStartWith("the engine"));
    }
  }

  // --- 4. always posts under cancel -----------------------------------------------------------

  /**
   * A pipeline whose stage "long" holds a step that prints its pid and sleeps 30 s, between stages
   * that cannot fail (so "long" always runs) and stages that must be skipped.
   */
  record CancelScenario(
      List<StageModel> before,
      List<StepModel> siblings,
      int longIndex,
      boolean parallel,
      List<StageModel> after,
      int always,
      int onCancel) {

    static final String LONG = "echo $$; exec sleep 30";

    Pipeline toPipeline() {
      return Chengis.pipeline(
          "cancel",
          p -> {
            before.forEach(stage -> p.stage(stage.name(), stage::declare));
            p.stage(
                "long",
                s -> {
                  if (parallel) {
                    s.parallel();
                  }
                  for (int i = 0; i <= siblings.size(); i++) {
                    if (i == longIndex) {
                      s.step("long", shell(LONG));
                    }
                    if (i < siblings.size()) {
                      StageModel.declareStep(s, siblings.get(i));
                    }
                  }
                });
            after.forEach(stage -> p.stage(stage.name(), stage::declare));
            p.post(
                post -> {
                  IntStream.range(0, always)
                      .forEach(i -> post.always("always-" + i, shell("true")));
                  IntStream.range(0, onCancel)
                      .forEach(i -> post.onCancel("on-cancel-" + i, shell("true")));
                  post.onSuccess("on-success", shell("true"));
                  post.onFailure("on-failure", shell("true"));
                });
          });
    }

    List<String> expectedPost() {
      return Stream.concat(
              IntStream.range(0, always).mapToObj(i -> "always-" + i),
              IntStream.range(0, onCancel).mapToObj(i -> "on-cancel-" + i))
          .toList();
    }
  }

  @Property(tries = 15, seed = SEED)
  void cancel_runsAlwaysAndOnCancelPosts_notTheOthers_andStopsTheLongStep(
      @ForAll("cancelScenarios") CancelScenario scenario) throws Exception {
    BuildHandle handle = fixture.engine.trigger(scenario.toPipeline(), TriggerRequest.manual());
    AtomicLong pid = new AtomicLong(-1);
    CountDownLatch running = new CountDownLatch(1);
    handle
        .events()
        .subscribe(
            new Latch(
                event -> {
                  if (event instanceof BuildEvent.LogBatch batch
                      && batch.stage().equals("long")
                      && batch.step().equals("long")) {
                    pid.set(Long.parseLong(batch.lines().getFirst().text().trim()));
                    return true;
                  }
                  return false;
                },
                running));
    assertThat(running.await(LIMIT.toSeconds(), TimeUnit.SECONDS))
        .as("the long step printed its pid")
        .isTrue();

    handle.cancel("cancelled by the property");
    BuildResult result = handle.await(LIMIT).orElseThrow();

    assertThat(result.conclusion()).isEqualTo(Conclusion.CANCELLED);
    assertThat(result.post())
        .extracting(StepResult::name)
        .containsExactlyElementsOf(scenario.expectedPost());
    assertThat(result.post()).extracting(StepResult::outcome).containsOnly(Outcome.SUCCESS);
    StepResult longStep =
        result.stages().stream()
            .filter(stage -> stage.name().equals("long"))
            .flatMap(stage -> stage.steps().stream())
            .filter(step -> step.name().equals("long"))
            .findFirst()
            .orElseThrow();
    assertThat(longStep.outcome()).isEqualTo(Outcome.CANCELLED);
    assertThat(ProcessHandle.of(pid.get()).filter(ProcessHandle::isAlive))
        .as("process %s of the long step", pid.get())
        .isEmpty();
    assertThat(result.stages().subList(scenario.before().size() + 1, result.stages().size()))
        .allSatisfy(stage -> assertThat(stage.outcome()).isEqualTo(Outcome.SKIPPED));
  }

  // --- 5. matrix ------------------------------------------------------------------------------

  /** Axes, excludes and includes as the DSL receives them. */
  record MatrixSpec(
      Map<String, List<String>> axes,
      List<Map<String, String>> excludes,
      List<Map<String, String>> includes,
      int stages) {

    Pipeline toPipeline() {
      return Chengis.pipeline(
          "matrix",
          p -> {
            p.matrix(
                m -> {
                  axes.forEach((axis, values) -> m.axis(axis, values.toArray(String[]::new)));
                  excludes.forEach(m::exclude);
                  includes.forEach(m::include);
                });
            IntStream.range(0, stages)
                .forEach(
                    i ->
                        p.stage(
                            "Stage" + i,
                            s -> s.step("env", shell("env | grep '^MATRIX_' || true"))));
          });
    }
  }

  @Property(tries = 25, seed = SEED)
  void matrix_runsOneNamedInstancePerCombination_withItsMatrixVariables(
      @ForAll("matrices") MatrixSpec spec) throws Exception {
    Pipeline pipeline = spec.toPipeline();
    List<Map<String, String>> combinations = pipeline.matrix().orElseThrow().combinations();

    EngineFixture.Run run = fixture.run(pipeline);

    List<String> expectedNames = new ArrayList<>();
    for (int i = 0; i < spec.stages(); i++) {
      for (Map<String, String> combination : combinations) {
        expectedNames.add(
            combination.entrySet().stream()
                .map(entry -> entry.getKey() + "=" + entry.getValue())
                .collect(Collectors.joining(", ", "Stage" + i + " [", "]")));
      }
    }
    assertThat(run.result().stages())
        .extracting(StageResult::name)
        .containsExactlyElementsOf(expectedNames);
    assertThat(run.result().conclusion()).isEqualTo(Conclusion.SUCCESS);
    for (int i = 0; i < expectedNames.size(); i++) {
      Map<String, String> combination = combinations.get(i % combinations.size());
      StageResult instance = run.result().stages().get(i);
      assertThat(instance.matrix()).containsExactlyEntriesOf(combination);
      assertThat(run.log(instance.name(), "env"))
          .as("MATRIX_ variables of %s", instance.name())
          .containsExactlyInAnyOrderElementsOf(
              combination.entrySet().stream()
                  .map(
                      entry ->
                          "MATRIX_"
                              + entry.getKey().toUpperCase(Locale.ROOT)
                              + "="
                              + entry.getValue())
                  .toList());
    }
  }

  // --- 6. parallel steps ----------------------------------------------------------------------

  @Property(tries = 25, seed = SEED)
  void parallelSteps_resultsAreInDeclarationOrder_whateverTheCompletionOrder(
      @ForAll("parallelStages") List<StepModel> steps) throws Exception {
    StageModel stage = new StageModel("p", steps, true, List.of());
    PipelineModel model = new PipelineModel("parallel", List.of(stage));

    EngineFixture.Run run = fixture.run(model.toPipeline());

    assertMatches(model, run);
    List<String> completionOrder =
        run.events(BuildEvent.StepFinished.class).stream()
            .map(finished -> finished.result().name())
            .toList();
    assertThat(completionOrder)
        .containsExactlyInAnyOrderElementsOf(steps.stream().map(StepModel::name).toList());
    boolean declarationOrder = completionOrder.equals(steps.stream().map(StepModel::name).toList());
    Statistics.label("completion order")
        .collect(declarationOrder ? "declaration order" : "another order");
    // The property only says something when steps really finish out of declaration order.
    Statistics.label("completion order")
        .coverage(coverage -> coverage.check("another order").count(count -> count > 0));
  }

  // --- the model's verdict --------------------------------------------------------------------

  /**
   * Stage and step results in declaration order with the outcomes, reasons and exit codes the model
   * predicts; no stage started before every stage it waits for finished; the build fails iff a
   * stage that ran failed.
   */
  private static void assertMatches(PipelineModel model, EngineFixture.Run run) {
    BuildResult result = run.result();
    assertThat(result.stages())
        .extracting(StageResult::name)
        .containsExactlyElementsOf(model.stages().stream().map(StageModel::name).toList());
    for (int i = 0; i < model.stages().size(); i++) {
      StageModel stage = model.stages().get(i);
      StageResult stageResult = result.stages().get(i);
      Optional<Integer> started =
          indexOf(
              run, e -> e instanceof BuildEvent.StageStarted s && s.stage().equals(stage.name()));
      if (!model.runs(stage)) {
        assertThat(started).as("stage %s started", stage.name()).isEmpty();
        assertThat(stageResult.outcome()).as("stage %s", stage.name()).isEqualTo(Outcome.SKIPPED);
        List<String> reasons =
            model.failedPredecessors(stage).stream()
                .map(
                    failed ->
                        model.isDag()
                            ? "dependency \"" + failed + "\" failed"
                            : "stage \"" + failed + "\" failed")
                .toList();
        assertThat(stageResult.reason())
            .as("why stage %s was skipped (it waits for %s)", stage.name(), waitsFor(model, i))
            .hasValueSatisfying(reason -> assertThat(reason).isIn(reasons));
        assertThat(stageResult.steps())
            .allSatisfy(
                step -> {
                  assertThat(step.outcome()).isEqualTo(Outcome.SKIPPED);
                  assertThat(step.reason()).isEqualTo(stageResult.reason());
                });
        continue;
      }
      assertThat(started).as("stage %s started", stage.name()).isPresent();
      for (String waited : waitsFor(model, i)) {
        Optional<Integer> finished =
            indexOf(
                run,
                e -> e instanceof BuildEvent.StageFinished f && f.result().name().equals(waited));
        assertThat(finished)
            .as("stage %s finished before %s started", waited, stage.name())
            .hasValueSatisfying(index -> assertThat(index).isLessThan(started.orElseThrow()));
      }
      assertThat(stageResult.conclusion())
          .as("stage %s", stage.name())
          .isEqualTo(stage.fails() ? Conclusion.FAILURE : Conclusion.SUCCESS);
      assertThat(stageResult.steps())
          .extracting(StepResult::name)
          .containsExactlyElementsOf(stage.steps().stream().map(StepModel::name).toList());
      for (int j = 0; j < stage.steps().size(); j++) {
        assertStep(stage, stage.steps().get(j), stageResult.steps().get(j));
      }
    }
    assertThat(result.conclusion())
        .isEqualTo(model.fails() ? Conclusion.FAILURE : Conclusion.SUCCESS);
  }

  private static void assertStep(StageModel stage, StepModel step, StepResult actual) {
    String where = stage.name() + "/" + step.name();
    if (!stage.runs(step)) {
      assertThat(actual.outcome()).as(where).isEqualTo(Outcome.SKIPPED);
      assertThat(actual.reason())
          .as(where)
          .contains("step \"" + stage.stopsAt().orElseThrow().name() + "\" failed");
      return;
    }
    assertThat(actual.outcome())
        .as(where)
        .isEqualTo(step.exitCode() == 0 ? Outcome.SUCCESS : Outcome.FAILURE);
    assertThat(actual.exitCode()).as(where).contains(step.exitCode());
    assertThat(actual.conclusion())
        .as(where)
        .isEqualTo(step.failsStage() ? Conclusion.FAILURE : Conclusion.SUCCESS);
  }

  /** The stages the i-th stage waits for: its dependencies, or in sequential mode its previous. */
  private static List<String> waitsFor(PipelineModel model, int i) {
    if (model.isDag()) {
      return model.stages().get(i).dependsOn();
    }
    return i == 0 ? List.of() : List.of(model.stages().get(i - 1).name());
  }

  private static Optional<Integer> indexOf(EngineFixture.Run run, Predicate<BuildEvent> which) {
    List<BuildEvent> events = run.events();
    return IntStream.range(0, events.size())
        .filter(i -> which.test(events.get(i)))
        .boxed()
        .findFirst();
  }

  /** Counts a latch down on the first event that matches. */
  private record Latch(Predicate<BuildEvent> trigger, CountDownLatch latch)
      implements Flow.Subscriber<BuildEvent> {
    @Override
    public void onSubscribe(Flow.Subscription subscription) {
      subscription.request(Long.MAX_VALUE);
    }

    @Override
    public void onNext(BuildEvent event) {
      if (latch.getCount() > 0 && trigger.test(event)) {
        latch.countDown();
      }
    }

    @Override
    public void onError(Throwable failure) {}

    @Override
    public void onComplete() {}
  }

  // --- generators -----------------------------------------------------------------------------

  @Provide
  Arbitrary<PipelineModel> dags() {
    return PipelineArbitraries.dagsInEitherOrder("dag");
  }

  @Provide
  Arbitrary<PipelineModel> sequentialPipelines() {
    return PipelineArbitraries.sequential("sequential");
  }

  @Provide
  Arbitrary<PipelineModel> anyPipelines() {
    return Arbitraries.oneOf(
        PipelineArbitraries.dags("any-dag"), PipelineArbitraries.sequential("any-sequential"));
  }

  @Provide
  Arbitrary<CancelScenario> cancelScenarios() {
    Arbitrary<List<StageModel>> harmless =
        PipelineArbitraries.stepLists(1, 2)
            .map(SchedulerPropertiesTest::harmless)
            .list()
            .ofMaxSize(2)
            .map(lists -> stages("before", lists));
    Arbitrary<List<StageModel>> later =
        PipelineArbitraries.stepLists(1, 2)
            .list()
            .ofMaxSize(2)
            .map(lists -> stages("after", lists));
    return Combinators.combine(
            harmless,
            PipelineArbitraries.stepLists(0, 2),
            Arbitraries.integers().between(0, 2),
            Arbitraries.of(true, false),
            later,
            Arbitraries.integers().between(1, 2),
            Arbitraries.integers().between(1, 2))
        .as(
            (before, siblings, index, parallel, after, always, onCancel) ->
                new CancelScenario(
                    before,
                    // Sequential steps before the long one must not stop the stage.
                    parallel ? siblings : harmless(siblings),
                    Math.min(index, siblings.size()),
                    parallel,
                    after,
                    always,
                    onCancel));
  }

  private static List<StepModel> harmless(List<StepModel> steps) {
    return steps.stream()
        .map(
            step ->
                new StepModel(
                    step.name(), step.exitCode(), step.allowed() || step.exitCode() != 0, 0))
        .toList();
  }

  private static List<StageModel> stages(String prefix, List<List<StepModel>> stepLists) {
    return IntStream.range(0, stepLists.size())
        .mapToObj(i -> new StageModel(prefix + i, stepLists.get(i), false, List.of()))
        .toList();
  }

  @Provide
  Arbitrary<MatrixSpec> matrices() {
    Map<String, List<String>> domain = new LinkedHashMap<>();
    domain.put("os", List.of("linux", "mac", "win"));
    domain.put("jdk", List.of("17", "21", "25"));
    Arbitrary<Map<String, List<String>>> axes =
        Combinators.combine(
                Arbitraries.of(domain.get("os")).list().uniqueElements().ofMinSize(1).ofMaxSize(3),
                Arbitraries.of(domain.get("jdk")).list().uniqueElements().ofMinSize(1).ofMaxSize(3),
                Arbitraries.of(true, false))
            .as(
                (os, jdk, both) -> {
                  Map<String, List<String>> chosen = new LinkedHashMap<>();
                  chosen.put("os", os);
                  if (both) {
                    chosen.put("jdk", jdk);
                  }
                  return chosen;
                });
    return axes.flatMap(
        chosen ->
            Combinators.combine(
                    rule(chosen.keySet().stream().toList(), domain).list().ofMaxSize(2),
                    rule(List.of("os", "jdk", "extra"), domain).list().ofMaxSize(2),
                    Arbitraries.integers().between(1, 2))
                .as(
                    (excludes, includes, stages) ->
                        new MatrixSpec(chosen, excludes, includes, stages)));
  }

  /** A non-empty map over some of the keys, with values from the domain (or "x" for "extra"). */
  private static Arbitrary<Map<String, String>> rule(
      List<String> keys, Map<String, List<String>> domain) {
    return Arbitraries.of(keys)
        .list()
        .uniqueElements()
        .ofMinSize(1)
        .ofMaxSize(2)
        .flatMap(
            chosen ->
                Combinators.combine(
                        chosen.stream()
                            .map(key -> Arbitraries.of(domain.getOrDefault(key, List.of("x", "y"))))
                            .toList())
                    .as(
                        values -> {
                          Map<String, String> map = new LinkedHashMap<>();
                          for (int i = 0; i < chosen.size(); i++) {
                            map.put(chosen.get(i), values.get(i));
                          }
                          return map;
                        }));
  }

  @Provide
  Arbitrary<List<StepModel>> parallelStages() {
    return Combinators.combine(
            PipelineArbitraries.exitCodes(), Arbitraries.integers().between(0, 9))
        .as((code, sleep) -> new StepModel("", code, false, sleep))
        .list()
        .ofMinSize(2)
        .ofMaxSize(5)
        .map(
            steps ->
                IntStream.range(0, steps.size())
                    .mapToObj(
                        i ->
                            new StepModel(
                                "s" + (i + 1),
                                steps.get(i).exitCode(),
                                false,
                                steps.get(i).sleep()))
                    .toList());
  }
}
