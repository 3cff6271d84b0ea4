package io.chengis.api.spi;

/**
 * Checks out a build's source (git, or another version control system).
 *
 * <p>Protocol: the engine calls {@link #checkout} once per build that declares a source, before its
 * first stage, on the build's virtual thread. It blocks on network and disk I/O for as long as the
 * clone takes, and stops promptly when {@link CheckoutRequest#cancellation()} fires. An exception
 * means the checkout failed: the build fails before its first stage with the message as the reason
 * (the message must not contain the credential). Implementations must be thread-safe.
 *
 * @since 0.1.0
 */
public interface ScmProvider {
  /**
   * Checks out the source into the workspace.
   *
   * @param request the source, credential and workspace
   * @return the commit checked out
   * @throws InterruptedException when the calling thread is interrupted
   * @since 0.1.0
   */
  SourceRevision checkout(CheckoutRequest request) throws InterruptedException;
}
