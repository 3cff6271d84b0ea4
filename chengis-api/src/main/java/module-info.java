/**
 * The Chengis pipeline model, build results and events, the exception family and the SPI
 * interfaces.
 *
 * <p>This module has no third-party runtime dependency; JSpecify annotations are compile-time only.
 *
 * @since 0.1.0
 */
module io.chengis.api {
  requires static org.jspecify;

  exports io.chengis.api;
  exports io.chengis.api.spi;
}
