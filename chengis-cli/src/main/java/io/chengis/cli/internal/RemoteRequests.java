package io.chengis.cli.internal;

import io.chengis.api.BuildState;
import io.chengis.api.OrgId;
import io.chengis.engine.Approver;
import io.chengis.engine.BuildHandle;
import io.chengis.store.BuildCommand;
import io.chengis.store.SqlStores;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.concurrent.locks.LockSupport;

/**
 * Applies {@code chengis cancel|approve|reject} sent from other processes to the build this process
 * runs: polls the database a few times a second until the build finishes.
 */
final class RemoteRequests {
  static final Duration POLL = Duration.ofMillis(250);

  private RemoteRequests() {}

  static void apply(SqlStores stores, OrgId org, BuildHandle handle, PrintWriter err) {
    while (!Thread.currentThread().isInterrupted() && handle.state() != BuildState.FINISHED) {
      try {
        for (BuildCommand command : stores.commands().pending(org, handle.id())) {
          applyOne(command, handle, err);
          stores.commands().handled(command);
        }
      } catch (RuntimeException storeTrouble) {
        err.println(
            "chengis run: reading requests to the build failed: " + storeTrouble.getMessage());
        err.flush();
      }
      LockSupport.parkNanos(POLL.toNanos());
    }
  }

  private static void applyOne(BuildCommand command, BuildHandle handle, PrintWriter err) {
    try {
      switch (command.kind()) {
        case CANCEL -> handle.cancel(command.comment() + " (by " + command.actor() + ")");
        case APPROVE ->
            handle.approve(command.stage(), Approver.of(command.actor()), command.comment());
        case REJECT ->
            handle.reject(command.stage(), Approver.of(command.actor()), command.comment());
      }
    } catch (RuntimeException refused) {
      err.println(
          "chengis run: "
              + command.kind().name().toLowerCase(java.util.Locale.ROOT)
              + " from "
              + command.actor()
              + " was refused: "
              + refused.getMessage());
      err.flush();
    }
  }
}
