/**
 * Test pipelines and SPI implementations with JUnit 5: the {@code @ChengisTest} extension, the fake
 * executor, virtual time, execution traces with golden files, fluent assertions, and the contract
 * test suites of the SPIs.
 *
 * @since 0.1.0
 */
module io.chengis.testkit {
  requires transitive io.chengis.api;
  requires transitive io.chengis.engine;
  requires transitive org.junit.jupiter.api;
  requires transitive org.assertj.core;
  requires transitive net.jqwik.api;
  requires org.junit.platform.commons;
  requires static org.jspecify;
  requires jdk.httpserver;

  exports io.chengis.testkit;
  exports io.chengis.testkit.contract;
  exports io.chengis.testkit.http;

  opens io.chengis.testkit.contract to
      org.junit.platform.commons;
}
