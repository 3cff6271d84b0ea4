package io.chengis.engine.internal;

import io.chengis.api.ChengisException;
import io.chengis.api.PluginException;
import io.chengis.api.internal.guard.PluginGuard;
import io.chengis.api.spi.CheckoutRequest;
import io.chengis.api.spi.ScmProvider;
import io.chengis.api.spi.SourceRevision;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * An SCM provider behind the shared {@link PluginGuard}: the checkout runs on a virtual thread of
 * its own and is abandoned (interrupted) after the source's own timeout, else the engine's checkout
 * timeout; anything it throws other than a Chengis exception (which already says where and what) or
 * an interruption becomes a {@link PluginException} naming the provider's class, so the build fails
 * with a reason instead of a stack trace or a stuck engine thread.
 */
public final class GuardedScmProvider implements ScmProvider {
  private final ScmProvider delegate;
  private final Duration timeout;

  /**
   * Guards a provider.
   *
   * @param delegate the provider
   * @param timeout how long one checkout may take when its source sets no timeout of its own
   */
  public GuardedScmProvider(ScmProvider delegate, Duration timeout) {
    this.delegate = Objects.requireNonNull(delegate, "delegate");
    this.timeout = Objects.requireNonNull(timeout, "timeout");
  }

  @Override
  public SourceRevision checkout(CheckoutRequest request) throws InterruptedException {
    PluginGuard.Outcome<SourceRevision> outcome =
        PluginGuard.call(
            "chengis-checkout",
            request.source().timeout().orElse(timeout),
            () -> delegate.checkout(request));
    String what =
        "the SCM provider "
            + delegate.getClass().getName()
            + " (checking out "
            + request.source().url().replaceAll("//[^/@]*@", "//***@")
            + ")";
    List<String> secrets =
        request.credential().map(secret -> List.of(secret.reveal())).orElse(List.of());
    switch (outcome) {
      case PluginGuard.Returned<SourceRevision> returned -> {
        if (returned.value() == null) {
          throw new PluginException(
              what + " returned no revision; report it to the provider's authors");
        }
        return returned.value();
      }
      case PluginGuard.Threw<SourceRevision> threw
          when threw.failure() instanceof InterruptedException interrupted ->
          throw interrupted;
      case PluginGuard.Threw<SourceRevision> threw
          when threw.failure() instanceof ChengisException clear ->
          throw clear;
      default -> throw new PluginException(PluginGuard.reason(what, outcome, secrets));
    }
  }

  @Override
  public String toString() {
    return "GuardedScmProvider[" + delegate.getClass().getName() + ", " + timeout + "]";
  }
}
