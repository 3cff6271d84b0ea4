/**
 * The Chengis pipeline model, build results and events, the exception family and the SPI
 * interfaces.
 *
 * <p>This module has no third-party runtime dependency; JSpecify annotations are compile-time only.
 *
 * @since 0.1.0
 */
// The guard for plugin calls is shared with the DSL and the engine only; when this module is
// compiled alone they are not on the module path, hence "module".
@SuppressWarnings("module")
module io.chengis.api {
  requires static org.jspecify;

  exports io.chengis.api;
  exports io.chengis.api.spi;
  exports io.chengis.api.internal.lines to
      io.chengis.engine;
  exports io.chengis.api.internal.guard to
      io.chengis.dsl,
      io.chengis.engine;
}
