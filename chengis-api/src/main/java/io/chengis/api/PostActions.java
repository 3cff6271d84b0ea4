package io.chengis.api;

import io.chengis.api.internal.OrderedCopies;
import java.util.List;

/**
 * Steps run after the stages. They see the build's final conclusion and never change it; their own
 * failures are recorded as warnings. {@code always} runs first, then the group matching the
 * conclusion.
 *
 * <p>Immutable and thread-safe.
 *
 * @param always steps run after every build
 * @param onSuccess steps run after a successful build
 * @param onFailure steps run after a failed or timed-out build
 * @param onCancel steps run after a cancelled build
 * @since 0.1.0
 */
public record PostActions(
    List<Step> always, List<Step> onSuccess, List<Step> onFailure, List<Step> onCancel) {
  private static final PostActions NONE =
      new PostActions(List.of(), List.of(), List.of(), List.of());

  /** Checks and copies the components. */
  public PostActions {
    always = OrderedCopies.list(always, "always");
    onSuccess = OrderedCopies.list(onSuccess, "onSuccess");
    onFailure = OrderedCopies.list(onFailure, "onFailure");
    onCancel = OrderedCopies.list(onCancel, "onCancel");
  }

  /**
   * No post actions.
   *
   * @return the shared empty instance
   */
  public static PostActions none() {
    return NONE;
  }

  /**
   * Whether there is no post action at all.
   *
   * @return {@code true} when every group is empty
   */
  public boolean isEmpty() {
    return always.isEmpty() && onSuccess.isEmpty() && onFailure.isEmpty() && onCancel.isEmpty();
  }
}
