package io.chengis.engine.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ProcessTableTest {

  private static long parent(String stat) {
    return ProcessTable.parentOf(stat.getBytes(StandardCharsets.US_ASCII));
  }

  @Test
  void parentOf_plainStat_isTheFieldAfterTheState() {
    assertThat(parent("4242 (sh) S 4100 4242 4100 0 -1 4194560 ...")).isEqualTo(4100);
  }

  @Test
  void parentOf_commandNameWithSpacesAndParentheses_readsAfterTheLastParenthesis() {
    assertThat(parent("77 (evil) S 1 (x) R 9999) S 1234 77 1 0 -1")).isEqualTo(1234);
  }

  @Test
  void parentOf_truncatedOrEmpty_isMinusOne() {
    assertThat(parent("")).isEqualTo(-1);
    assertThat(parent("12 (x")).isEqualTo(-1);
    assertThat(parent("12 (x) S")).isEqualTo(-1);
  }

  @Test
  void startOf_stat_isTheTwentiethFieldAfterTheCommandName() {
    String stat =
        "4242 (a) b) S 4100 4242 4100 0 -1 4194560 120 0 0 0 1 2 0 0 20 0 1 0 987654 2 3 4";

    assertThat(ProcessTable.startOf(stat.getBytes(StandardCharsets.US_ASCII))).isEqualTo(987654);
    assertThat(ProcessTable.startOf("1 (x) S 0".getBytes(StandardCharsets.US_ASCII))).isEqualTo(-1);
  }

  @Test
  void bootTicks_isNeverAfterTheStartOfAProcessStartedLater() throws Exception {
    long before = ProcessTable.bootTicks();
    Process sleeper = new ProcessBuilder("sleep", "30").start();
    try {
      long started = ProcessTable.read().startOf(sleeper.pid());

      assertThat(before).isPositive();
      assertThat(started).isGreaterThanOrEqualTo(before);
    } finally {
      sleeper.destroyForcibly().waitFor();
    }
  }

  @Test
  void read_findsAChildAndItsChildAsDescendantsOfThisProcess() throws Exception {
    Process shell = new ProcessBuilder("sh", "-c", "sleep 30 & wait").start();
    try {
      long self = ProcessHandle.current().pid();
      long grandchild = -1;
      for (int attempt = 0; attempt < 200 && grandchild < 0; attempt++) {
        grandchild = shell.toHandle().children().findFirst().map(ProcessHandle::pid).orElse(-1L);
        if (grandchild < 0) {
          shell.waitFor(10, TimeUnit.MILLISECONDS);
        }
      }

      ProcessTable table = ProcessTable.read();

      assertThat(table.isReadable()).isTrue();
      assertThat(table.pids()).contains(self, shell.pid());
      assertThat(table.descendants(self)).contains(shell.pid(), grandchild);
      assertThat(table.descendants(shell.pid())).containsExactly(grandchild);
    } finally {
      shell.descendants().forEach(ProcessHandle::destroyForcibly);
      shell.destroyForcibly().waitFor();
    }
  }
}
