/**
 * In-memory implementations of the store SPIs of {@link io.chengis.api.spi}: {@link
 * InMemoryBuildStore}, {@link InMemoryLogStore}, {@link InMemoryEventStore}, {@link
 * InMemoryQueueStore} and {@link InMemoryAuditLog}.
 *
 * <p>For tests and ephemeral hosts: everything lives on the heap and is lost with the process.
 * Every store is thread-safe, keeps the data of each {@link io.chengis.api.OrgId organization}
 * apart and follows its SPI's protocol exactly, so the same contract tests run against these and
 * the SQL stores. None of them blocks: each call holds a store-wide {@link
 * java.util.concurrent.locks.ReentrantLock} only for the in-memory update.
 *
 * @since 0.1.0
 */
@NullMarked
package io.chengis.engine.memory;

import org.jspecify.annotations.NullMarked;
