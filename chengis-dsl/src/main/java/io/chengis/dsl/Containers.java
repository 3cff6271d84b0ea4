package io.chengis.dsl;

import io.chengis.dsl.internal.CallSite;

/**
 * Factories for containers: {@code
 * p.container(image("maven:3.9-eclipse-temurin-21").cacheVolume("m2", "/root/.m2"))}.
 *
 * @since 0.1.0
 */
public final class Containers {
  private Containers() {}

  /**
   * A container of this image with default settings.
   *
   * @param image the image reference, e.g. {@code eclipse-temurin:21}
   * @return a builder for further settings
   */
  public static ContainerBuilder image(String image) {
    return new ContainerBuilder(image, CallSite.capture());
  }
}
