/**
 * The extension points of Chengis: executors, pipeline formats, notifiers, SCM integrations, secret
 * backends and the stores.
 *
 * <p>Every role is a small interface plus a {@code <Role>Provider} (a {@link
 * io.chengis.api.spi.Provider}) found by {@link java.util.ServiceLoader} or registered in code,
 * keyed by its {@link io.chengis.api.spi.Provider#type() type}. Methods take one request record so
 * they can grow without breaking implementations; methods added later are {@code default} methods.
 * Each interface states its protocol: which thread calls it, how often, whether it may block, and
 * what an exception means. The engine guards every call into a plugin (timeouts, exceptions
 * recorded as warnings where the design says so).
 *
 * <p>Store calls always name the {@link io.chengis.api.OrgId organization} they act for; stores
 * keep organizations apart. Store failures are reported as {@link io.chengis.api.StoreException}.
 *
 * @since 0.1.0
 */
@NullMarked
package io.chengis.api.spi;

import org.jspecify.annotations.NullMarked;
