/**
 * Forge integrations: {@link io.chengis.scm.ForgeStatusReporter} publishes commit statuses with
 * retries, {@link io.chengis.scm.AutoMerge} merges pull requests once their required checks pass,
 * and {@link io.chengis.scm.WebhookIntake} turns signed webhook deliveries into {@link
 * io.chengis.api.ScmEvent}s.
 *
 * @since 0.1.0
 */
@NullMarked
package io.chengis.scm;

import org.jspecify.annotations.NullMarked;
