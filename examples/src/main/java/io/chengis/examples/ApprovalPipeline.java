package io.chengis.examples;

import static io.chengis.dsl.Conditions.onBranch;
import static io.chengis.dsl.Steps.shell;
import static java.time.Duration.ofHours;

import io.chengis.api.Pipeline;
import io.chengis.dsl.Chengis;
import io.chengis.dsl.PipelineDefinition;

/**
 * Deploys only from {@code main}, and only after two of three release managers approve within four
 * hours; otherwise the deploy stage fails and nothing is shipped. At most one deployment runs at a
 * time; later ones wait for it.
 */
public final class ApprovalPipeline implements PipelineDefinition {

  /** Creates the definition; it holds no state. */
  public ApprovalPipeline() {}

  @Override
  public Pipeline define() {
    return Chengis.pipeline(
        "approved-deploy",
        p ->
            p.description("Build and test, then deploy to production after two approvals")
                .concurrency("deploy-production")
                .stage("Build", s -> s.step("Package", shell("./mvnw -B -q package -DskipTests")))
                .stage("Test", s -> s.step("Verify", shell("./mvnw -B verify")))
                .stage(
                    "Deploy",
                    s ->
                        s.when(onBranch("main"))
                            .approval(
                                a ->
                                    a.message("Deploy to production?")
                                        .approvers("alice", "bob", "carol")
                                        .minApprovals(2)
                                        .timeout(ofHours(4)))
                            .step("Ship", shell("./deploy.sh production"))));
  }
}
