package io.chengis.store;

class PostgresResumableRecoveryTest extends ResumableRecoveryContract {
  @Override
  TestDatabases.OwnDatabase newDatabase() {
    return TestDatabases.ownPostgresql();
  }
}
