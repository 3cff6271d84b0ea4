/**
 * Test pipelines and SPI implementations with JUnit 5.
 *
 * @since 0.1.0
 */
module io.chengis.testkit {
  requires transitive io.chengis.api;
  requires transitive io.chengis.engine;
  requires transitive org.junit.jupiter.api;
  requires transitive org.assertj.core;
  requires transitive net.jqwik.api;
  requires static org.jspecify;

  exports io.chengis.testkit.contract;

  opens io.chengis.testkit.contract to
      org.junit.platform.commons;
}
