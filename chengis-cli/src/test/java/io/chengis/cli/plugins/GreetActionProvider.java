package io.chengis.cli.plugins;

import io.chengis.api.StepAction;
import io.chengis.api.spi.ActionMapper;
import io.chengis.api.spi.ActionProvider;
import io.chengis.api.spi.ActionUse;
import io.chengis.api.spi.ProviderContext;
import io.chengis.dsl.Steps;
import java.util.List;

/** Maps {@code acme/greet} to a shell step printing {@code hello <with.who>}. */
public final class GreetActionProvider implements ActionProvider {
  /** Used by the service loader. */
  public GreetActionProvider() {}

  @Override
  public String type() {
    return "greet";
  }

  @Override
  public ActionMapper create(ProviderContext context) {
    return new ActionMapper() {
      @Override
      public List<String> actions() {
        return List.of("acme/greet");
      }

      @Override
      public StepAction map(ActionUse use) {
        String who = use.with().getOrDefault("who", "world");
        if (!who.matches("[A-Za-z ]+")) {
          throw new IllegalArgumentException(
              "with.who must be letters (was \"" + who + "\"); write e.g. who: Ada");
        }
        return Steps.shell("echo \"hello " + who + "\"");
      }
    };
  }
}
