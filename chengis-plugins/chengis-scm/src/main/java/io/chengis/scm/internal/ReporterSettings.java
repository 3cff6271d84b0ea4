package io.chengis.scm.internal;

import io.chengis.api.PluginException;
import io.chengis.api.Secret;
import io.chengis.api.spi.ProviderContext;
import io.chengis.scm.Forge;
import io.chengis.scm.ForgeStatusReporter;

/** Builds a reporter from a provider's settings. */
final class ReporterSettings {
  private ReporterSettings() {}

  static ForgeStatusReporter reporter(Forge forge, ProviderContext context) {
    ForgeStatusReporter.Builder builder = ForgeStatusReporter.builder(forge);
    context.setting("token").map(Secret::of).ifPresent(builder::token);
    context.setting("baseUrl").ifPresent(builder::baseUrl);
    context.setting("username").ifPresent(builder::username);
    context
        .setting("maxAttempts")
        .ifPresent(
            text -> {
              try {
                builder.maxAttempts(Integer.parseInt(text.strip()));
              } catch (NumberFormatException wrong) {
                throw new PluginException(
                    forge.type()
                        + " status reporter: setting \"maxAttempts\" is not a number (was \""
                        + text
                        + "\"); use e.g. 4");
              }
            });
    return builder.build();
  }
}
