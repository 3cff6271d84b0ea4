package io.chengis.dsl.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chengis.api.PipelineDefinitionException;
import io.chengis.api.StepAction;
import io.chengis.api.spi.ActionMapper;
import io.chengis.api.spi.ActionUse;
import io.chengis.api.spi.PipelineSource;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Action plugins are called through the shared guard: one that hangs or throws (errors included) is
 * a located problem naming its class, and the reader's thread neither waits past the timeout nor
 * sees the plugin's exception.
 */
class GuardedActionPluginsTest {
  private static final String FILE = ".github/workflows/ci.yml";
  private static final String WORKFLOW =
      """
      on: push
      jobs:
        b:
          runs-on: x
          steps:
            - uses: acme/plugin@v1
      """;

  /** Hangs in {@code map} until interrupted, and says so. */
  static final class HangingMapper implements ActionMapper {
    final CountDownLatch interrupted = new CountDownLatch(1);

    @Override
    public List<String> actions() {
      return List.of("acme/plugin");
    }

    @Override
    public StepAction map(ActionUse use) {
      try {
        new CountDownLatch(1).await();
      } catch (InterruptedException e) {
        interrupted.countDown();
      }
      throw new IllegalStateException("unreachable in the test: the guard gave up first");
    }
  }

  /** Throws an error a plugin jar with a missing class would throw. */
  static final class BrokenMapper implements ActionMapper {
    @Override
    public List<String> actions() {
      return List.of("acme/plugin");
    }

    @Override
    public StepAction map(ActionUse use) {
      throw new NoClassDefFoundError("com/acme/Missing");
    }
  }

  /** Hangs when asked which actions it maps. */
  static final class SilentMapper implements ActionMapper {
    @Override
    public List<String> actions() {
      try {
        new CountDownLatch(1).await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return List.of("acme/plugin");
    }

    @Override
    public StepAction map(ActionUse use) {
      throw new AssertionError("never asked: its actions are unknown");
    }
  }

  private static void read(ActionMapper mapper) {
    PipelineFormats.githubActions(List.of(mapper), Duration.ofMillis(200))
        .parse(new PipelineSource(FILE, WORKFLOW));
  }

  @Test
  void mapperThatHangs_read_isAProblemAtTheStepAfterTheTimeoutAndTheCallIsInterrupted()
      throws InterruptedException {
    HangingMapper mapper = new HangingMapper();
    long start = System.nanoTime();

    assertThatThrownBy(() -> read(mapper))
        .isInstanceOf(PipelineDefinitionException.class)
        .hasMessageContaining(
            FILE
                + ":6:15: job \"b\" step 1 cannot use acme/plugin@v1: the mapper "
                + HangingMapper.class.getName()
                + " did not finish within PT0.2S and was abandoned")
        .hasMessageContaining("report it to the plugin's authors");
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
    assertThat(mapper.interrupted.await(5, TimeUnit.SECONDS)).isTrue();
  }

  @Test
  void mapperThatThrowsAnError_read_isAProblemNamingItsClassAndTheError() {
    assertThatThrownBy(() -> read(new BrokenMapper()))
        .isInstanceOf(PipelineDefinitionException.class)
        .hasMessageContaining(
            FILE
                + ":6:15: job \"b\" step 1 cannot use acme/plugin@v1: the mapper "
                + BrokenMapper.class.getName()
                + " failed: NoClassDefFoundError: com/acme/Missing")
        .satisfies(failure -> assertThat(failure.getCause()).isNull());
  }

  @Test
  void mapperThatHangsListingItsActions_read_leavesTheActionUnmappedAndSaysWhy() {
    assertThatThrownBy(() -> read(new SilentMapper()))
        .isInstanceOf(PipelineDefinitionException.class)
        .hasMessageContaining("uses acme/plugin@v1, which Chengis cannot map")
        .hasMessageContaining(
            "(not available: listing the actions of "
                + SilentMapper.class.getName()
                + " did not finish within PT0.2S and was abandoned");
  }

  @Test
  void nonPositiveTimeout_githubActions_isRefusedWithTheValue() {
    assertThatThrownBy(() -> PipelineFormats.githubActions(List.of(), Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("pluginTimeout must be positive (was PT0S); give e.g. PT10S");
  }
}
