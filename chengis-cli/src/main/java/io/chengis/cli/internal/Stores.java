package io.chengis.cli.internal;

import io.chengis.api.spi.BuildRecord;
import io.chengis.store.SqlStores;
import java.io.PrintWriter;

/** Opens the CLI's database and says which builds of a stopped process it concluded. */
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
    err.flush();
    return stores;
  }
}
