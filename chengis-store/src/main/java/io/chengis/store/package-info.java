/**
 * The SQL stores: {@link io.chengis.store.SqlStores} opens a SQLite file (the default) or a
 * PostgreSQL database, migrates its schema with Flyway (history in {@code chengis_schema_history},
 * tables prefixed {@code chengis_}) and hands out every store SPI of {@link io.chengis.api.spi}.
 *
 * @since 0.1.0
 */
@NullMarked
package io.chengis.store;

import org.jspecify.annotations.NullMarked;
