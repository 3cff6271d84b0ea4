package io.chengis.dsl.format;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chengis.api.PipelineDefinitionException;
import io.chengis.api.spi.PipelineFormat;
import io.chengis.api.spi.PipelineSource;
import org.junit.jupiter.api.Test;

class FormatErrorsTest {
  static final String CHENGIS = ".chengis/workflow.yml";
  static final String GITHUB = ".github/workflows/ci.yml";

  static void assertProblems(PipelineFormat format, String file, String text, String message) {
    assertThatThrownBy(() -> format.parse(new PipelineSource(file, text)))
        .isInstanceOf(PipelineDefinitionException.class)
        .hasMessage(message);
  }

  @Test
  void chengisYaml_unknownKey_namesTheKeyItsPlaceASuggestionAndTheAllowedKeys() {
    assertProblems(
        PipelineFormats.chengisYaml(),
        CHENGIS,
        """
        name: api
        stages:
          - name: build
            stpes:
              - name: compile
                run: make
        """,
        """
        pipeline "api" has 1 problem:
          .chengis/workflow.yml:4:5: stage "build" has unknown key "stpes"; did you mean "steps"? \
        allowed keys are: name, parallel, depends-on, if, when, container, services, env, timeout, labels, cache, cache-result, approval, steps""");
  }

  @Test
  void chengisYaml_cacheResultWithUnknownKey_isLocated() {
    assertProblems(
        PipelineFormats.chengisYaml(),
        CHENGIS,
        """
        name: api
        stages:
          - name: build
            cache-result:
              inputs: [src/**]
              output: [x]
            steps:
              - name: make
                run: make
        """,
        """
        pipeline "api" has 1 problem:
          .chengis/workflow.yml:6:7: stage "build" cache-result has unknown key "output"; did you \
        mean "outputs"? allowed keys are: inputs, outputs""");
  }

  @Test
  void chengisYaml_cacheResultLeavingTheWorkspace_isLocated() {
    assertProblems(
        PipelineFormats.chengisYaml(),
        CHENGIS,
        """
        name: api
        stages:
          - name: build
            cache-result:
              inputs: [src/**, /etc/passwd]
              outputs: [../target]
            steps:
              - name: make
                run: make
        """,
        """
        pipeline "api" has 2 problems:
          .chengis/workflow.yml:5:7: stage "build" result cache input leaves the workspace (was \
        "/etc/passwd"); use a path relative to the workspace without ".."
          .chengis/workflow.yml:5:7: stage "build" result cache output leaves the workspace (was \
        "../target"); use a path relative to the workspace without \"..\"""");
  }

  @Test
  void chengisfile_cacheResultLeavingTheWorkspace_isLocated() {
    assertProblems(
        PipelineFormats.chengisfile(),
        "Chengisfile",
        """
        {:stages [{:name "build"
                   :cache-result {:outputs ["../x"]}
                   :steps [{:name "s" :run "make"}]}]}
        """,
        """
        pipeline "chengisfile" has 1 problem:
          Chengisfile:2:26: stage "build" result cache output leaves the workspace (was "../x"); \
        use a path relative to the workspace without \"..\"""");
  }

  @Test
  void chengisYaml_wrongTypes_sayWhatWasExpectedForEachAtOnce() {
    assertProblems(
        PipelineFormats.chengisYaml(),
        CHENGIS,
        """
        name: api
        env: [A, B]
        stages:
          - name: build
            parallel: yes
            steps:
              - name: compile
                run: make
                timeout: ten
        """,
        """
        pipeline "api" has 3 problems:
          .chengis/workflow.yml:2:6: workflow env must be a mapping (was a list); write key: value pairs
          .chengis/workflow.yml:5:15: stage "build" parallel must be true or false (was "yes"); write true or false
          .chengis/workflow.yml:9:18: stage "build" step 1 timeout must be a positive whole number of minutes (was "ten"); write e.g. 10""");
  }

  @Test
  void chengisYaml_duplicateStage_isReportedWithBothPlaces() {
    assertProblems(
        PipelineFormats.chengisYaml(),
        CHENGIS,
        """
        name: api
        stages:
          - name: build
            steps: [{name: a, run: make}]
          - name: build
            steps: [{name: b, run: make}]
        """,
        """
        pipeline "api" has 1 problem:
          .chengis/workflow.yml:5:5: stage "build" is declared twice (first at .chengis/workflow.yml:3:5); \
        give every stage a unique name""");
  }

  @Test
  void chengisYaml_duplicateKey_isReportedWithTheFirstPlace() {
    assertProblems(
        PipelineFormats.chengisYaml(),
        CHENGIS,
        """
        name: api
        name: web
        stages:
          - name: build
            steps: [{name: a, run: make}]
        """,
        """
        pipeline "api" has 1 problem:
          .chengis/workflow.yml:2:1: workflow declares key "name" twice (first at .chengis/workflow.yml:1:1); keep one of them""");
  }

  @Test
  void chengisYaml_yamlSyntaxError_becomesALocatedProblem() {
    assertProblems(
        PipelineFormats.chengisYaml(),
        CHENGIS,
        """
        name: api
        stages:
          - name: build
            steps: [{name: a, run: make}
        """,
        """
        pipeline "workflow" has 1 problem:
          .chengis/workflow.yml:5:1: YAML is not valid: expected ',' or ']', but got <stream end> \
        while parsing a flow sequence started at .chengis/workflow.yml:4:12; fix the YAML syntax at this place""");
  }

  @Test
  void githubActions_unknownNeeds_listsTheJobs() {
    assertProblems(
        PipelineFormats.githubActions(),
        GITHUB,
        """
        on: push
        jobs:
          build:
            runs-on: ubuntu-latest
            steps:
              - run: make
          deploy:
            needs: [biuld]
            runs-on: ubuntu-latest
            steps:
              - run: make deploy
        """,
        """
        pipeline "ci" has 1 problem:
          .github/workflows/ci.yml:8:12: job "deploy" needs unknown job "biuld"; use a job id; the jobs are: build, deploy""");
  }

  @Test
  void githubActions_unknownKeysAndUnsupportedEvents_areAllReported() {
    assertProblems(
        PipelineFormats.githubActions(),
        GITHUB,
        """
        on:
          release:
        jobs:
          build:
            runs_on: ubuntu-latest
            continue-on-error: ${{ matrix.experimental }}
            steps:
              - uses: actions/checkout@v4
                run: make
              - name: nothing
        """,
        """
        pipeline "ci" has 6 problems:
          .github/workflows/ci.yml:2:3: on has unsupported event "release"; remove it; supported events \
        are: push, pull_request, schedule, workflow_dispatch, workflow_call
          .github/workflows/ci.yml:5:5: job "build" has unknown key "runs_on"; did you mean "runs-on"? \
        allowed keys are: name, needs, if, runs-on, permissions, environment, concurrency, outputs, env, \
        defaults, timeout-minutes, strategy, continue-on-error, container, services, uses, with, secrets, steps
          .github/workflows/ci.yml:5:5: job "build" has no runs-on; add runs-on: ubuntu-latest
          .github/workflows/ci.yml:6:24: job "build" continue-on-error is an expression, which is not \
        supported here yet (was "${{ matrix.experimental }}"); write true or false
          .github/workflows/ci.yml:8:9: job "build" step 1 has both run and uses; split it into two steps
          .github/workflows/ci.yml:10:9: job "build" step 2 has neither run nor uses; add run: \
        ./mvnw -B verify or uses: actions/checkout@v4""");
  }

  @Test
  void githubActions_filtersAndActions_areReportedWhereTheyAre() {
    assertProblems(
        PipelineFormats.githubActions(),
        GITHUB,
        """
        on:
          push:
            types: [created]
          pull_request:
            types: [opend]
            tags: [v*]
        jobs:
          test:
            runs-on: ubuntu-latest
            services:
              db:
                image: postgres:16
            steps:
              - uses: acme/setup-tool@v2
              - uses: actions/checkout@v4
                with:
                  token: ghp_abcdefghijklmnop
                  fetch-dept: 1
              - uses: actions/cache
        """,
        """
        pipeline "ci" has 7 problems:
          .github/workflows/ci.yml:3:5: on.push has types, which push events do not have; remove \
        types; filter pushes by branches, tags or paths
          .github/workflows/ci.yml:6:5: on.pull_request has tags, which pull requests do not have; \
        remove it; filter pull requests by branches, paths or types
          .github/workflows/ci.yml:5:12: on.pull_request.types has unknown activity type "opend"; did you \
        mean "opened"? use GitHub's pull_request activity types, e.g. opened, synchronize, reopened
          .github/workflows/ci.yml:14:15: job "test" step 1 uses acme/setup-tool@v2, which Chengis \
        cannot map; the mappable actions are: actions/checkout, actions/cache, actions/upload-artifact, \
        actions/download-artifact, actions/setup-java, acme/duplicate; do the same with run: steps, or \
        add a plugin whose ActionProvider maps acme/setup-tool
          .github/workflows/ci.yml:17:11: job "test" step 2 with has unknown input "fetch-dept"; did you \
        mean "fetch-depth"? the inputs are: repository, ref, path, fetch-depth, submodules, token, \
        ssh-key, lfs, clean, fetch-tags, persist-credentials, show-progress, set-safe-directory, \
        sparse-checkout, sparse-checkout-cone-mode, filter, ssh-strict, ssh-known-hosts, ssh-user, \
        github-server-url
          .github/workflows/ci.yml:17:11: job "test" step 2 with.token must name a secret (was a literal \
        value, not shown); write token: ${{ secrets.NAME }}; never put credentials in a file
          .github/workflows/ci.yml:19:15: job "test" step 3 names an action without a version (was \
        actions/cache); write owner/repo@ref, e.g. actions/checkout@v4""");
    assertThatThrownBy(
            () ->
                PipelineFormats.githubActions()
                    .parse(
                        new io.chengis.api.spi.PipelineSource(
                            GITHUB,
                            "on:\n  push:\n    paths: [src/**]\n    paths-ignore: [docs/**]\n"
                                + "jobs:\n  b:\n    runs-on: x\n    steps: [{run: make}]\n")))
        .hasMessageContaining(
            ".github/workflows/ci.yml:2:3: push trigger has both paths and paths-ignore filters; keep"
                + " one; to leave some out of paths, add patterns starting with '!'");
  }

  @Test
  void parse_unknownPath_listsTheSupportedFiles() {
    assertThatThrownBy(() -> PipelineFormats.parse(java.nio.file.Path.of("build.gradle")))
        .isInstanceOf(PipelineDefinitionException.class)
        .hasMessage(
            """
            pipeline "build.gradle" has 1 problem:
              build.gradle: pipeline file is not a known pipeline file (was build.gradle); \
            supported are Chengisfile, Chengisfile.edn and *.chengis.edn (EDN), .chengis/workflow.yml|yaml, chengis.yml|yaml and *.chengis.yml|yaml \
            (Chengis YAML) and .github/workflows/*.yml|yaml (GitHub Actions)""");
  }
}
