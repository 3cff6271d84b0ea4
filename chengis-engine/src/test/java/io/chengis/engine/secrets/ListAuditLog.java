package io.chengis.engine.secrets;

import io.chengis.api.spi.AuditEntry;
import io.chengis.api.spi.AuditLog;
import io.chengis.api.spi.AuditQuery;
import io.chengis.api.spi.AuditRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** An audit log for tests: a list, without a real hash chain. */
final class ListAuditLog implements AuditLog {
  private final List<AuditRecord> records = new CopyOnWriteArrayList<>();

  @Override
  public AuditRecord append(AuditEntry entry) {
    synchronized (records) {
      AuditRecord record = new AuditRecord(records.size() + 1L, entry, "hash-" + records.size());
      records.add(record);
      return record;
    }
  }

  @Override
  public List<AuditRecord> read(AuditQuery query) {
    List<AuditRecord> out = new ArrayList<>();
    for (AuditRecord record : records) {
      if (record.entry().org().equals(query.org())
          && record.sequence() > query.afterSequence()
          && out.size() < query.limit()) {
        out.add(record);
      }
    }
    return out;
  }

  List<AuditEntry> entries() {
    return records.stream().map(AuditRecord::entry).toList();
  }
}
