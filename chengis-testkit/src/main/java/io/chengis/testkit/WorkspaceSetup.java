package io.chengis.testkit;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Fills a build's workspace before its first step runs, standing in for a source checkout.
 *
 * @since 0.1.0
 */
@FunctionalInterface
public interface WorkspaceSetup {
  /**
   * Prepares the workspace.
   *
   * @param workspace the build's workspace directory, already created and empty
   * @throws IOException when files cannot be written
   * @since 0.1.0
   */
  void prepare(Path workspace) throws IOException;
}
