/**
 * Contract test suites for the SPIs of {@link io.chengis.api.spi}: extend one, return a new
 * instance of your implementation from {@code newStore()}, and JUnit runs the whole protocol
 * against it.
 *
 * <p>The project runs the same suites against its in-memory, SQLite and PostgreSQL stores, so an
 * implementation that passes them behaves like the built-in ones.
 *
 * <pre>{@code
 * class MyQueueStoreTest extends QueueStoreContract {
 *   @Override
 *   protected QueueStore newStore() {
 *     return new MyQueueStore(freshDatabase());
 *   }
 * }
 * }</pre>
 *
 * @since 0.1.0
 */
@NullMarked
package io.chengis.testkit.contract;

import org.jspecify.annotations.NullMarked;
