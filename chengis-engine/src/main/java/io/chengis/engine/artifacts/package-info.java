/**
 * Artifact storage: {@link io.chengis.engine.artifacts.LocalArtifactStore}, a content-addressed
 * {@link io.chengis.api.spi.ArtifactStore} on the local file system.
 *
 * @since 0.1.0
 */
@NullMarked
package io.chengis.engine.artifacts;

import org.jspecify.annotations.NullMarked;
