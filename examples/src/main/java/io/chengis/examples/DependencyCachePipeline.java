package io.chengis.examples;

import static io.chengis.dsl.Steps.shell;

import io.chengis.api.Pipeline;
import io.chengis.dsl.Chengis;
import io.chengis.dsl.PipelineDefinition;

/**
 * Keeps downloaded dependencies between builds. The cache key changes whenever a build file
 * changes; on a miss, the newest cache whose key starts with a restore key is used instead, so a
 * changed {@code pom.xml} still starts from a warm repository.
 */
public final class DependencyCachePipeline implements PipelineDefinition {

  /** Creates the definition; it holds no state. */
  public DependencyCachePipeline() {}

  @Override
  public Pipeline define() {
    return Chengis.pipeline(
        "cached-build",
        p ->
            p.description("Maven and npm builds that reuse their dependency caches")
                .env("MAVEN_OPTS", "-Dmaven.repo.local=.m2/repository")
                .stage(
                    "Backend",
                    s ->
                        s.cache(
                                c ->
                                    c.key("maven-${{ hashFiles('**/pom.xml') }}")
                                        .paths(".m2/repository")
                                        .restoreKeys("maven-"))
                            .step("Build", shell("./mvnw -B verify")))
                .stage(
                    "Frontend",
                    s ->
                        s.cache(
                                c ->
                                    c.key("npm-${{ hashFiles('web/package-lock.json') }}")
                                        .paths("web/node_modules")
                                        .restoreKeys("npm-"))
                            .step("Install", shell("npm ci"), st -> st.workingDir("web"))
                            .step("Build", shell("npm run build"), st -> st.workingDir("web"))));
  }
}
