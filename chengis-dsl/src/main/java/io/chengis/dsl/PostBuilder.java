package io.chengis.dsl;

import io.chengis.api.PostActions;
import io.chengis.api.StepAction;
import io.chengis.dsl.internal.CallSite;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The scope of post actions: {@code p.post(post -> post.always("clean", shell("rm -rf tmp"))
 * .onFailure("page", shell("./page.sh")))}. Post actions see the build's conclusion and never
 * change it.
 *
 * <p>Not thread-safe: use it only inside the lambda that received it.
 *
 * @since 0.1.0
 */
public final class PostBuilder {
  private final List<StepBuilder> always = new ArrayList<>();
  private final List<StepBuilder> onSuccess = new ArrayList<>();
  private final List<StepBuilder> onFailure = new ArrayList<>();
  private final List<StepBuilder> onCancel = new ArrayList<>();

  PostBuilder() {}

  /**
   * Adds a step run after every build.
   *
   * @param name the step name
   * @param action what it does
   * @return this scope
   */
  public PostBuilder always(String name, StepAction action) {
    return add(always, name, action, step -> {});
  }

  /**
   * Adds a step with options run after every build.
   *
   * @param name the step name
   * @param action what it does
   * @param options configures the step
   * @return this scope
   */
  public PostBuilder always(String name, StepAction action, Consumer<StepBuilder> options) {
    return add(always, name, action, options);
  }

  /**
   * Adds a step run after a successful build.
   *
   * @param name the step name
   * @param action what it does
   * @return this scope
   */
  public PostBuilder onSuccess(String name, StepAction action) {
    return add(onSuccess, name, action, step -> {});
  }

  /**
   * Adds a step with options run after a successful build.
   *
   * @param name the step name
   * @param action what it does
   * @param options configures the step
   * @return this scope
   */
  public PostBuilder onSuccess(String name, StepAction action, Consumer<StepBuilder> options) {
    return add(onSuccess, name, action, options);
  }

  /**
   * Adds a step run after a failed or timed-out build.
   *
   * @param name the step name
   * @param action what it does
   * @return this scope
   */
  public PostBuilder onFailure(String name, StepAction action) {
    return add(onFailure, name, action, step -> {});
  }

  /**
   * Adds a step with options run after a failed or timed-out build.
   *
   * @param name the step name
   * @param action what it does
   * @param options configures the step
   * @return this scope
   */
  public PostBuilder onFailure(String name, StepAction action, Consumer<StepBuilder> options) {
    return add(onFailure, name, action, options);
  }

  /**
   * Adds a step run after a cancelled build.
   *
   * @param name the step name
   * @param action what it does
   * @return this scope
   */
  public PostBuilder onCancel(String name, StepAction action) {
    return add(onCancel, name, action, step -> {});
  }

  /**
   * Adds a step with options run after a cancelled build.
   *
   * @param name the step name
   * @param action what it does
   * @param options configures the step
   * @return this scope
   */
  public PostBuilder onCancel(String name, StepAction action, Consumer<StepBuilder> options) {
    return add(onCancel, name, action, options);
  }

  private PostBuilder add(
      List<StepBuilder> group, String name, StepAction action, Consumer<StepBuilder> options) {
    StepBuilder step = new StepBuilder(name, action, CallSite.capture());
    options.accept(step);
    group.add(step);
    return this;
  }

  PostActions build() {
    return new PostActions(built(always), built(onSuccess), built(onFailure), built(onCancel));
  }

  private static List<io.chengis.api.Step> built(List<StepBuilder> steps) {
    return steps.stream().map(StepBuilder::build).toList();
  }
}
