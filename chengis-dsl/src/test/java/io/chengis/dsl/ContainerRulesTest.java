package io.chengis.dsl;

import static io.chengis.dsl.Containers.image;
import static io.chengis.dsl.Steps.container;
import static io.chengis.dsl.Steps.shell;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.chengis.api.Pipeline;
import io.chengis.api.PipelineDefinitionException;
import io.chengis.api.Problem;
import org.junit.jupiter.api.Test;

class ContainerRulesTest {

  @Test
  void container_badMountsVolumeNamesWorkdirUserAndServices_areReportedAtTheCallSite() {
    PipelineDefinitionException failure =
        catchThrowableOfType(
            PipelineDefinitionException.class,
            () ->
                Chengis.pipeline(
                    "api",
                    p ->
                        p.stage(
                            "it",
                            s ->
                                s.service("db", image("postgres:17"))
                                    .service("db", image("postgres:17"))
                                    .service("Bad_Name", image("redis:7"))
                                    .step(
                                        "run",
                                        container(
                                            image("alpine:3.20")
                                                .volume("/data")
                                                .volume("cache:relative")
                                                .volume("/a:/b:rx")
                                                .cacheVolume("../escape", "/cache")
                                                .cacheVolume("m2", "relative")
                                                .workdir("src")
                                                .user("root; rm")
                                                .memoryBytes(-1),
                                            "true")))));

    assertThat(failure.problems())
        .extracting(Problem::message)
        .allSatisfy(message -> assertThat(message).startsWith("ContainerRulesTest.java:"))
        .anySatisfy(m -> assertThat(m).contains("service \"db\" is declared twice"))
        .anySatisfy(
            m ->
                assertThat(m)
                    .contains(
                        "service \"Bad_Name\" name is not a valid host name (was \"Bad_Name\")"))
        .anySatisfy(
            m -> assertThat(m).contains("volume is not host:container[:options] (was \"/data\")"))
        .anySatisfy(
            m ->
                assertThat(m)
                    .contains("volume container path must be absolute (was \"cache:relative\")"))
        .anySatisfy(m -> assertThat(m).contains("volume option \"rx\" is not ro or rw"))
        .anySatisfy(m -> assertThat(m).contains("cache volume name is invalid (was \"../escape\")"))
        .anySatisfy(m -> assertThat(m).contains("cache volume \"m2\" mount path must be absolute"))
        .anySatisfy(
            m -> assertThat(m).contains("working directory must be an absolute container path"))
        .anySatisfy(m -> assertThat(m).contains("user is invalid (was \"root; rm\")"))
        .anySatisfy(m -> assertThat(m).contains("memory"));
  }

  @Test
  void container_validSettings_andServices_build() {
    Pipeline pipeline =
        Chengis.pipeline(
            "api",
            p ->
                p.stage(
                    "it",
                    s ->
                        s.service(
                                "db",
                                image("postgres:17").env("POSTGRES_PASSWORD", "x"),
                                "postgres",
                                "-F")
                            .container(
                                image("maven:3.9")
                                    .volume("cache:/cache:ro")
                                    .cacheVolume("m2", "/root/.m2")
                                    .user("1000:1000")
                                    .network("ci"))
                            .step("verify", shell("mvn verify"))));

    assertThat(pipeline.stages().get(0).services())
        .singleElement()
        .satisfies(
            db -> {
              assertThat(db.command()).containsExactly("postgres", "-F");
              assertThat(db.container().env()).containsEntry("POSTGRES_PASSWORD", "x");
            });
  }
}
