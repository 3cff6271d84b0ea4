package io.chengis.testkit.contract;

import io.chengis.api.StepAction;
import io.chengis.api.spi.StepExecutor;
import io.chengis.engine.StepExecutors;
import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import java.util.Optional;

class LocalShellExecutorContractTest extends StepExecutorContract {
  @Override
  protected StepExecutor newExecutor() {
    return StepExecutors.localShell("sh", Duration.ofMillis(500), InstantSource.system());
  }

  private static StepAction shell(String command) {
    return new StepAction.Shell(command, Optional.empty());
  }

  private static String quoted(String text) {
    return "'" + text.replace("'", "'\\''") + "'";
  }

  @Override
  protected StepAction exiting(int code) {
    return shell("exit " + code);
  }

  @Override
  protected StepAction printing(List<String> stdout, List<String> stderr) {
    StringBuilder script = new StringBuilder("true");
    stdout.forEach(line -> script.append("; printf '%s\\n' ").append(quoted(line)));
    stderr.forEach(line -> script.append("; printf '%s\\n' ").append(quoted(line)).append(" >&2"));
    return shell(script.toString());
  }

  @Override
  protected StepAction printingVariable(String name) {
    return shell("printf '%s\\n' \"$" + name + "\"");
  }

  @Override
  protected StepAction runningUntilCancelled() {
    return shell("sleep 60");
  }
}
