package io.chengis.testkit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Gives a JUnit 5 test a {@link TestEngine}: as a parameter of the test method (or of a
 * {@code @BeforeEach} method), or in a non-static field of type {@code TestEngine}. Each test
 * method gets a new engine, closed after it. On a class it configures every test; on a method it
 * replaces the class's configuration for that test.
 *
 * <pre>{@code
 * @ChengisTest
 * class DeployPipelineTest {
 *   @Test
 *   void deploy_onFeatureBranch_isSkipped(TestEngine engine) {
 *     engine.fakes().step("test").succeeds();
 *     TestBuild build = engine.run(pipeline, TriggerRequest.manual().withBranch("feature/x"));
 *     assertThat(build).stage("deploy").isSkipped().because("branch");
 *   }
 * }
 * }</pre>
 *
 * @since 0.1.0
 */
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(ChengisExtension.class)
public @interface ChengisTest {
  /**
   * How steps run.
   *
   * @return {@link Mode#FAKE} (stubs, virtual time) by default
   * @since 0.1.0
   */
  Mode mode() default Mode.FAKE;

  /**
   * What happens to steps without a stub in fake mode.
   *
   * @return {@link Unstubbed#FAIL} by default
   * @since 0.1.0
   */
  Unstubbed unstubbed() default Unstubbed.FAIL;

  /**
   * Where virtual time starts, as an ISO-8601 instant.
   *
   * @return {@code 2026-01-01T00:00:00Z} by default
   * @since 0.1.0
   */
  String startAt() default "2026-01-01T00:00:00Z";

  /**
   * Plugin step types that go to the fake executor too.
   *
   * @return none by default
   * @since 0.1.0
   */
  String[] stepTypes() default {};
}
