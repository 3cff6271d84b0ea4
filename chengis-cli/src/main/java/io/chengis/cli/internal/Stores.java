package io.chengis.cli.internal;

import io.chengis.api.spi.BuildRecord;
import io.chengis.store.SqlStores;
import java.io.PrintWriter;

/**
 * Opens the CLI's database and says which builds of a stopped process it concluded, and which wait
 * to be resumed.
 */
final class Stores {
  private Stores() {}

  static SqlStores open(DatabaseOptions options, CliConfig config, PrintWriter err) {
    SqlStores stores = options.open(config);
    for (BuildRecord concluded : stores.recovered()) {
      err.println(
          "chengis: build "
              + concluded.jobId()
              + " #"
              + concluded.number()
              + " was left running by a stopped process; concluded: "
              + concluded.result().flatMap(r -> r.reason()).orElse(""));
    }
    for (BuildRecord left : stores.resumable()) {
      String name = left.jobId() + "#" + left.number();
      err.println(
          "chengis: build "
              + left.jobId()
              + " #"
              + left.number()
              + (left.state() == io.chengis.api.BuildState.WAITING
                  ? " waits for approval without a process; chengis approve|reject "
                      + name
                      + " STAGE resumes it"
                  : " was requeued after its process stopped; chengis resume "
                      + name
                      + " runs it"));
    }
    err.flush();
    return stores;
  }
}
