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
        allowed keys are: name, parallel, depends-on, if, when, container, services, env, timeout, labels, cache, approval, steps""");
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
  void githubActions_differingJobMatrices_areAProblemAtTheSecondMatrix() {
    assertProblems(
        PipelineFormats.githubActions(),
        GITHUB,
        """
        on: push
        jobs:
          a:
            runs-on: ubuntu-latest
            strategy:
              matrix:
                jdk: [17, 21]
            steps: [{run: make}]
          b:
            runs-on: ubuntu-latest
            strategy:
              matrix:
                jdk: [21]
            steps: [{run: make}]
        """,
        """
        pipeline "ci" has 1 problem:
          .github/workflows/ci.yml:13:9: job "b" strategy.matrix differs from the matrix of job "a" \
        (at .github/workflows/ci.yml:7:9); per-job matrices that differ between jobs are not supported yet; \
        give every matrix job the same matrix, or split the workflow into one file per matrix""");
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
        are: push, pull_request, schedule, workflow_dispatch
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
  void githubActions_matrixJobBesideAJobWithoutMatrix_isAProblemAtTheJobWithout() {
    assertProblems(
        PipelineFormats.githubActions(),
        GITHUB,
        """
        on:
          push:
            paths: [src/**]
        jobs:
          test:
            runs-on: ubuntu-latest
            strategy:
              matrix:
                jdk: [17, 21]
            steps: [{run: make}]
          deploy:
            runs-on: ubuntu-latest
            steps: [{run: make}]
        """,
        """
        pipeline "ci" has 2 problems:
          .github/workflows/ci.yml:3:5: on.push uses the paths filter, which Chengis does not support \
        yet; remove it; only branches filters are supported
          .github/workflows/ci.yml:11:3: job "deploy" has no strategy.matrix while job "test" has one \
        (at .github/workflows/ci.yml:9:9); the matrix applies to every job, so this job would run once \
        per combination; mixing matrix and non-matrix jobs is not supported yet; give it the same \
        matrix, or move it to its own workflow file""");
  }

  @Test
  void parse_unknownPath_listsTheSupportedFiles() {
    assertThatThrownBy(() -> PipelineFormats.parse(java.nio.file.Path.of("build.gradle")))
        .isInstanceOf(PipelineDefinitionException.class)
        .hasMessage(
            """
            pipeline "build.gradle" has 1 problem:
              build.gradle: pipeline file is not a known pipeline file (was build.gradle); \
            supported are .chengis/workflow.yml|yaml, chengis.yml|yaml and *.chengis.yml|yaml \
            (Chengis YAML) and .github/workflows/*.yml|yaml (GitHub Actions)""");
  }
}
