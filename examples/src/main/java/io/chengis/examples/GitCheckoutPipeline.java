package io.chengis.examples;

import static io.chengis.dsl.Steps.shell;

import io.chengis.api.Pipeline;
import io.chengis.dsl.Chengis;
import io.chengis.dsl.PipelineDefinition;

/**
 * Checks out a public repository (a shallow clone of one branch) and shows what the engine knows
 * about the commit through the {@code GIT_*} variables.
 */
public final class GitCheckoutPipeline implements PipelineDefinition {

  /** Creates the definition; it holds no state. */
  public GitCheckoutPipeline() {}

  @Override
  public Pipeline define() {
    return Chengis.pipeline(
        "hello-git",
        p ->
            p.description("Clones a public repository and prints its git metadata")
                .source(
                    "https://github.com/octocat/Hello-World.git", git -> git.ref("master").depth(1))
                .stage(
                    "Verify",
                    s ->
                        s.step("Check files", shell("ls -la"))
                            .step(
                                "Git info",
                                shell(
                                    "echo \"Branch=$GIT_BRANCH Commit=$GIT_COMMIT Author=$GIT_AUTHOR\""))
                            .step("Git log", shell("git log --oneline -3"))));
  }
}
