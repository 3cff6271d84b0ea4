/**
 * Container steps on Docker-API-compatible engines: {@link io.chengis.docker.DockerExecutor} and
 * the {@link io.chengis.docker.ImagePolicy} that decides which images may run.
 *
 * @since 0.1.0
 */
@NullMarked
package io.chengis.docker;

import org.jspecify.annotations.NullMarked;
