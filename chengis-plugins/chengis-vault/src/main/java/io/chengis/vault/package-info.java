/**
 * {@link io.chengis.vault.VaultSecretBackend}: secrets from HashiCorp Vault's KV v2 engine.
 *
 * @since 0.1.0
 */
@NullMarked
package io.chengis.vault;

import org.jspecify.annotations.NullMarked;
