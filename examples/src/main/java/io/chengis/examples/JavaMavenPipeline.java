package io.chengis.examples;

import static io.chengis.dsl.Conditions.paramEquals;
import static io.chengis.dsl.Parameters.bool;
import static io.chengis.dsl.Steps.shell;
import static java.time.Duration.ofMinutes;

import io.chengis.api.NotifyWhen;
import io.chengis.api.Pipeline;
import io.chengis.dsl.Chengis;
import io.chengis.dsl.PipelineDefinition;

/**
 * Continuous integration for a Maven project: compile, test, package, keep the jar and the test
 * reports, and report the outcome afterwards.
 */
public final class JavaMavenPipeline implements PipelineDefinition {

  /** Creates the definition; it holds no state. */
  public JavaMavenPipeline() {}

  @Override
  public Pipeline define() {
    return Chengis.pipeline(
        "java-maven-ci",
        p ->
            p.description("Java CI with Maven: build, test, package, keep the results")
                .source(
                    "https://github.com/junit-team/junit5-samples.git",
                    git -> git.ref("main").depth(1))
                .parameter(bool("skip-tests").description("Skip the test stage"))
                .env("MAVEN_OPTS", "-Xmx1g")
                .timeout(ofMinutes(30))
                .stage(
                    "Build",
                    s ->
                        s.step(
                            "Compile",
                            shell("./mvnw -B -q compile"),
                            st -> st.workingDir("junit-jupiter-starter-maven")))
                .stage(
                    "Test",
                    s ->
                        s.when(paramEquals("skip-tests", "false"))
                            .step(
                                "Unit tests",
                                shell("./mvnw -B test"),
                                st ->
                                    st.workingDir("junit-jupiter-starter-maven")
                                        .timeout(ofMinutes(20))))
                .stage(
                    "Package",
                    s ->
                        s.step(
                            "Jar",
                            shell("./mvnw -B -q package -DskipTests"),
                            st -> st.workingDir("junit-jupiter-starter-maven")))
                .artifacts(
                    "junit-jupiter-starter-maven/target/*.jar",
                    "junit-jupiter-starter-maven/target/surefire-reports/*.xml")
                .post(
                    post ->
                        post.always(
                                "Disk usage", shell("du -sh junit-jupiter-starter-maven/target"))
                            .onSuccess(
                                "Announce", shell("echo \"Build $CHENGIS_BUILD_NUMBER passed\""))
                            .onFailure(
                                "Show reports",
                                shell(
                                    "tail -n 50 junit-jupiter-starter-maven/target/surefire-reports/*.txt")))
                .notify("console", n -> n.when(NotifyWhen.ON_CHANGE)));
  }
}
