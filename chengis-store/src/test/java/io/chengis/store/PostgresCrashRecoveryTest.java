package io.chengis.store;

class PostgresCrashRecoveryTest extends CrashRecoveryContract {
  @Override
  TestDatabases.OwnDatabase newDatabase() {
    return TestDatabases.ownPostgresql();
  }
}
