package io.chengis.testkit;

import static io.chengis.dsl.Steps.shell;
import static org.assertj.core.api.Assertions.assertThat;

import io.chengis.api.Pipeline;
import io.chengis.dsl.Chengis;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

@ChengisTest(startAt = "2030-06-01T12:00:00Z")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ExtensionTest {
  private static final List<Path> ROOTS = new ArrayList<>();

  TestEngine field;

  @BeforeEach
  void remember(TestEngine engine) {
    ROOTS.add(engine.workspaceRoot());
  }

  @AfterAll
  static void everyTestsWorkspaceRoot_isDeletedAfterIt() {
    assertThat(ROOTS).doesNotHaveDuplicates().allSatisfy(root -> assertThat(root).doesNotExist());
  }

  @Test
  @Order(1)
  void fieldAndParameter_inOneTest_areTheSameEngine(TestEngine parameter) {
    assertThat(field).isSameAs(parameter);
    assertThat(Files.isDirectory(parameter.workspaceRoot())).isTrue();
  }

  @Test
  @Order(2)
  void classConfiguration_appliesToEveryTest(TestEngine engine) {
    assertThat(engine.mode()).isEqualTo(Mode.FAKE);
    assertThat(engine.now()).isEqualTo(Instant.parse("2030-06-01T12:00:00Z"));
  }

  @Test
  @Order(3)
  @ChengisTest(mode = Mode.REAL)
  void methodConfiguration_replacesTheClasses(TestEngine engine) {
    assertThat(engine.mode()).isEqualTo(Mode.REAL);
    Pipeline echo =
        Chengis.pipeline("echo", p -> p.stage("s", s -> s.step("hi", shell("echo hi from $CI"))));

    assertThat(engine.run(echo).log("s", "hi")).containsExactly("hi from true");
  }

  @Test
  @Order(4)
  @ChengisTest(stepTypes = "deploy-plugin")
  void stepTypes_sendPluginStepsToTheFake(TestEngine engine) {
    Pipeline plugin =
        Chengis.pipeline(
            "plugin",
            p ->
                p.stage(
                    "s",
                    s ->
                        s.step(
                            "rollout",
                            io.chengis.dsl.Steps.plugin(
                                "deploy-plugin", java.util.Map.of("target", "prod")))));
    engine.fakes().command("plugin:deploy-plugin").prints("rolled out");

    assertThat(engine.run(plugin).log("s", "rollout")).containsExactly("rolled out");
  }

  @Nested
  class Inner {
    @Test
    void nestedClass_inheritsTheOuterConfiguration(TestEngine engine) {
      assertThat(engine.now()).isEqualTo(Instant.parse("2030-06-01T12:00:00Z"));
      assertThat(field).isSameAs(engine);
    }
  }
}
