package io.chengis.testkit.contract;

import io.chengis.api.StepAction;
import io.chengis.api.spi.StepExecutor;
import io.chengis.testkit.FakeExecutor;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/** The fake executor keeps the protocol of the real ones: tests that use it test real behaviour. */
class FakeExecutorContractTest extends StepExecutorContract {
  private final AtomicInteger commands = new AtomicInteger();
  private FakeExecutor fakes = new FakeExecutor();

  @Override
  protected StepExecutor newExecutor() {
    fakes = new FakeExecutor();
    return fakes;
  }

  private StepAction command(String command) {
    return new StepAction.Shell(command, Optional.empty());
  }

  @Override
  protected StepAction exiting(int code) {
    fakes.command("exit " + code).exits(code);
    return command("exit " + code);
  }

  @Override
  protected StepAction printing(List<String> stdout, List<String> stderr) {
    String command = "print-" + commands.incrementAndGet();
    fakes
        .command(command)
        .prints(stdout.toArray(String[]::new))
        .printsError(stderr.toArray(String[]::new));
    return command(command);
  }

  @Override
  protected StepAction printingVariable(String name) {
    fakes.command("printenv " + name).printsVariables(name);
    return command("printenv " + name);
  }

  @Override
  protected StepAction runningUntilCancelled() {
    fakes.command("sleep forever").hangs();
    return command("sleep forever");
  }
}
