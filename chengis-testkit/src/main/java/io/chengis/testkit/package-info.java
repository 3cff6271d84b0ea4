/**
 * Test pipelines in JUnit 5 with the production engine: {@link io.chengis.testkit.ChengisTest}
 * gives a test a {@link io.chengis.testkit.TestEngine} whose steps run on a {@link
 * io.chengis.testkit.FakeExecutor} under virtual time (or for real), {@link
 * io.chengis.testkit.TestBuild} drives approvals and cancellation, and {@link
 * io.chengis.testkit.ChengisAssertions} and {@link io.chengis.testkit.Trace} check what happened.
 *
 * <p>A complete pipeline test (compiled and run as part of the kit's own tests):
 *
 * <pre>{@code
 * @ChengisTest
 * class ReleasePipelineTest {
 *   private final Pipeline release =
 *       Chengis.pipeline(
 *           "release",
 *           p ->
 *               p.stage("test", s -> s.step("unit", shell("./mvnw -B verify")))
 *                   .stage(
 *                       "deploy",
 *                       s ->
 *                           s.when(onBranch("main"))
 *                               .step(
 *                                   "push",
 *                                   shell("./deploy.sh"),
 *                                   st -> st.retry(3, Duration.ofSeconds(10)))));
 *
 *   @Test
 *   void release_onMain_retriesTheFlakyPushWithBackoff(TestEngine engine) {
 *     engine.fakes().step("unit").prints("Tests run: 42, Failures: 0");
 *     engine.fakes().step("push").fails().then().succeeds();
 *
 *     TestBuild build = engine.run(release, TriggerRequest.manual().withBranch("main"));
 *
 *     assertThat(build).conclusion().isSuccess();
 *     assertThat(build).step("unit").ranWithEnv("CI", "true");
 *     assertThat(build).step("push").tookAttempts(2).attemptsStartedAt(ZERO, ofSeconds(10));
 *   }
 * }
 * }</pre>
 *
 * <p>Contract test suites for the SPIs are in {@link io.chengis.testkit.contract}.
 *
 * @since 0.1.0
 */
@NullMarked
package io.chengis.testkit;

import org.jspecify.annotations.NullMarked;
