package io.chengis.store;

class SqliteResumableRecoveryTest extends ResumableRecoveryContract {
  @Override
  TestDatabases.OwnDatabase newDatabase() {
    return TestDatabases.ownSqlite();
  }
}
