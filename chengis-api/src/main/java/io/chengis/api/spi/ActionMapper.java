package io.chengis.api.spi;

import io.chengis.api.StepAction;

/**
 * Maps a GitHub Actions action ({@code uses: owner/repo@ref} in a workflow step) onto a Chengis
 * step action, so that workflows using it can run on Chengis. The built-in mappings cover {@code
 * actions/checkout}, {@code actions/cache}, {@code actions/upload-artifact} and {@code
 * actions/download-artifact}; plugins add others through an {@link ActionProvider}.
 *
 * <p>Protocol: called on the thread reading a workflow file, once per {@code uses:} step: {@link
 * #actions} to find the mapper (the first that lists the action wins, explicitly registered mappers
 * before discovered ones), then {@link #map}. Both are pure functions of their input: no I/O, no
 * blocking. Implementations must be thread-safe.
 *
 * @since 0.1.0
 */
public interface ActionMapper {
  /**
   * The actions this mapper handles, without refs and in lower case, e.g. {@code
   * actions/setup-java} or {@code owner/repo/path}; error messages list them as the mappable ones.
   *
   * @return the action names
   * @since 0.1.0
   */
  java.util.List<String> actions();

  /**
   * The step action a use of the action becomes. The step keeps its name, {@code id}, {@code if},
   * {@code env}, {@code timeout-minutes} and {@code continue-on-error} from the workflow.
   *
   * @param use the action, its ref and its {@code with:} inputs
   * @return what the step does, e.g. a {@link StepAction.Shell} or a {@link StepAction.PluginStep}
   *     run by a plugin executor
   * @throws IllegalArgumentException when the inputs cannot be mapped; its message (in the house
   *     shape: what is wrong, the value, the fix) becomes a problem located at the step
   * @since 0.1.0
   */
  StepAction map(ActionUse use);
}
