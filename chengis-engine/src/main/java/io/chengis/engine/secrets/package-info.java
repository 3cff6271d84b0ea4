/**
 * Secrets for builds: an encrypted local store, the process environment, and the resolver that
 * picks a build's secret by scope and audits every read.
 *
 * <p>{@link io.chengis.engine.secrets.SecretCipher} encrypts values with AES-256-GCM under keys
 * derived from a master key; {@link io.chengis.engine.secrets.LocalSecretBackend} keeps only
 * ciphertext in a {@link io.chengis.engine.secrets.SecretVault}; {@link
 * io.chengis.engine.secrets.EnvSecretBackend} reads {@code CHENGIS_SECRET_*} variables; {@link
 * io.chengis.engine.secrets.SecretResolver} combines backends. No type here shows secret material
 * in its string form or in an exception message.
 *
 * @since 0.1.0
 */
@NullMarked
package io.chengis.engine.secrets;

import org.jspecify.annotations.NullMarked;
