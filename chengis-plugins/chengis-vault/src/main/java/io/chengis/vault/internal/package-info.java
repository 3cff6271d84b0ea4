/**
 * Not API: the provider that builds the Vault backend from settings.
 *
 * @since 0.1.0
 */
@NullMarked
package io.chengis.vault.internal;

import org.jspecify.annotations.NullMarked;
