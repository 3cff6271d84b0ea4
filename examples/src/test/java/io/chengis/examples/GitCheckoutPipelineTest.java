package io.chengis.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.chengis.api.Pipeline;
import io.chengis.api.SourceSpec;
import io.chengis.api.Stage;
import io.chengis.api.Step;
import org.junit.jupiter.api.Test;

class GitCheckoutPipelineTest {
  private final Pipeline pipeline = new GitCheckoutPipeline().define();

  @Test
  void source_always_isAShallowCloneOfOneBranch() {
    SourceSpec source = pipeline.source().orElseThrow();

    assertThat(source.url()).isEqualTo("https://github.com/octocat/Hello-World.git");
    assertThat(source.ref()).contains("master");
    assertThat(source.depth()).isEqualTo(1);
    assertThat(source.submodules()).isFalse();
    assertThat(source.credentials()).isEmpty();
  }

  @Test
  void verifyStage_always_inspectsTheCheckout() {
    assertThat(pipeline.stages()).extracting(Stage::name).containsExactly("Verify");
    assertThat(pipeline.stages().getFirst().steps())
        .extracting(Step::name)
        .containsExactly("Check files", "Git info", "Git log");
  }
}
