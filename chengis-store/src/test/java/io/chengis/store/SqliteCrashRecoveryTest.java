package io.chengis.store;

class SqliteCrashRecoveryTest extends CrashRecoveryContract {
  @Override
  TestDatabases.OwnDatabase newDatabase() {
    return TestDatabases.ownSqlite();
  }
}
