package io.chengis.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class DescribeTest {

  @Test
  void outline_helloWorld_listsStagesAndStepsInOrder() {
    assertThat(Describe.outline(new HelloWorldPipeline().define()))
        .isEqualTo(
            """
            pipeline hello-world
              Hello world: a greeting, two tests in parallel, a final message
              stages (in order):
                1. Hello
                  - Greet: $ echo 'Hello from Chengis!'
                2. Test [parallel]
                  - Fast: $ echo 'fast test' && sleep 0.5
                  - Slow: $ echo 'slow test' && sleep 1
                3. Done
                  - Finish: $ echo 'Build complete!'
            """);
  }

  @Test
  void outline_approvalPipeline_showsConditionGateAndConcurrency() {
    assertThat(Describe.outline(new ApprovalPipeline().define()))
        .isEqualTo(
            """
            pipeline approved-deploy
              Build and test, then deploy to production after two approvals
              concurrency: deploy-production (later builds wait)
              stages (in order):
                1. Build
                  - Package: $ ./mvnw -B -q package -DskipTests
                2. Test
                  - Verify: $ ./mvnw -B verify
                3. Deploy
                  when: branch is main
                  approval: "Deploy to production?" needs 2 of alice, bob, carol within 4h
                  - Ship: $ ./deploy.sh production
            """);
  }

  @Test
  void outline_matrixPipeline_namesEveryCombination() {
    assertThat(Describe.outline(new MatrixBuildPipeline().define()))
        .contains(
            "matrix: os [linux, macos] x jdk [17, 21], excluding [os=macos, jdk=17] = 3"
                + " combinations: [os=linux, jdk=17] [os=linux, jdk=21] [os=macos, jdk=21]");
  }

  @Test
  void outline_dagPipeline_showsDependencies() {
    assertThat(Describe.outline(new DagPipeline().define()))
        .contains("stages (by dependencies):")
        .contains("4. Package (after Unit Tests, Integration Tests)");
  }

  @Test
  void outline_dockerPipeline_showsContainers() {
    assertThat(Describe.outline(new DockerPipeline().define()))
        .contains("container: maven:3.9-eclipse-temurin-21 (cache volume chengis-m2 at /root/.m2)")
        .contains("- Dockerfile: in hadolint/hadolint:latest-debian $ hadolint Dockerfile")
        .contains("- Tests: compose service app of docker-compose.test.yml $ mvn -B verify -Pit");
  }

  @Test
  void main_withClassName_printsThatPipelineOnly() {
    String printed = runMain(HelloWorldPipeline.class.getName());

    assertThat(printed).isEqualTo(Describe.outline(new HelloWorldPipeline().define()));
  }

  @Test
  void main_withoutArguments_printsEveryRegisteredPipeline() {
    String printed = runMain();

    assertThat(printed.lines().filter(line -> line.startsWith("pipeline ")))
        .containsExactly(
            "pipeline hello-world",
            "pipeline hello-git",
            "pipeline java-maven-ci",
            "pipeline matrix-build",
            "pipeline dag-build",
            "pipeline cached-build",
            "pipeline docker-build",
            "pipeline approved-deploy");
  }

  private static String runMain(String... args) {
    PrintStream original = System.out;
    ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    try (PrintStream capture = new PrintStream(buffer, true, StandardCharsets.UTF_8)) {
      System.setOut(capture);
      Describe.main(args);
    } finally {
      System.setOut(original);
    }
    return buffer.toString(StandardCharsets.UTF_8);
  }
}
