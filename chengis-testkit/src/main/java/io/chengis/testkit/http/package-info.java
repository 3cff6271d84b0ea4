/**
 * Real servers on loopback for plugin tests: {@link io.chengis.testkit.http.LocalHttpServer}
 * records requests and answers as told.
 *
 * @since 0.1.0
 */
@NullMarked
package io.chengis.testkit.http;

import org.jspecify.annotations.NullMarked;
