package io.chengis.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.chengis.api.CacheSpec;
import io.chengis.api.Pipeline;
import io.chengis.api.Stage;
import org.junit.jupiter.api.Test;

class DependencyCachePipelineTest {
  private final Pipeline pipeline = new DependencyCachePipeline().define();

  @Test
  void backendCache_always_isKeyedByTheHashOfEveryPom() {
    CacheSpec maven = pipeline.stage("Backend").orElseThrow().caches().getFirst();

    assertThat(maven.key()).isEqualTo("maven-${{ hashFiles('**/pom.xml') }}");
    assertThat(maven.paths()).containsExactly(".m2/repository");
    assertThat(maven.restoreKeys()).containsExactly("maven-");
  }

  @Test
  void frontendCache_always_isKeyedByTheLockFile() {
    CacheSpec npm = pipeline.stage("Frontend").orElseThrow().caches().getFirst();

    assertThat(npm.key()).isEqualTo("npm-${{ hashFiles('web/package-lock.json') }}");
    assertThat(npm.paths()).containsExactly("web/node_modules");
    assertThat(npm.restoreKeys()).containsExactly("npm-");
  }

  @Test
  void define_always_declaresCachesPerStageOnly() {
    assertThat(pipeline.caches()).isEmpty();
    assertThat(pipeline.stages()).extracting(Stage::name).containsExactly("Backend", "Frontend");
    assertThat(pipeline.stages()).allSatisfy(stage -> assertThat(stage.caches()).hasSize(1));
  }
}
