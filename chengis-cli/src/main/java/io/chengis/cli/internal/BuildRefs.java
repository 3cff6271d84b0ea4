package io.chengis.cli.internal;

import io.chengis.api.BuildId;
import io.chengis.api.JobId;
import io.chengis.api.OrgId;
import io.chengis.api.spi.BuildLookup;
import io.chengis.api.spi.BuildRecord;
import io.chengis.api.spi.BuildStore;
import java.util.Optional;
import picocli.CommandLine;

/** How the CLI names a build: its id, or {@code JOB#NUMBER}. */
final class BuildRefs {
  private BuildRefs() {}

  static BuildRecord find(
      CommandLine commandLine, BuildStore builds, OrgId org, String reference, String where) {
    return lookup(org, reference)
        .flatMap(builds::find)
        .orElseThrow(
            () ->
                new CommandLine.ParameterException(
                    commandLine,
                    "build "
                        + reference
                        + " is not in "
                        + where
                        + " (was \""
                        + reference
                        + "\"); name it by id or as JOB#NUMBER, and list builds with chengis"
                        + " builds"));
  }

  private static Optional<BuildLookup> lookup(OrgId org, String reference) {
    int hash = reference.lastIndexOf('#');
    if (hash > 0) {
      try {
        long number = Long.parseLong(reference.substring(hash + 1));
        return Optional.of(
            BuildLookup.byNumber(org, JobId.of(reference.substring(0, hash)), number));
      } catch (IllegalArgumentException notANumber) {
        return Optional.empty();
      }
    }
    try {
      return Optional.of(BuildLookup.byId(org, BuildId.of(reference)));
    } catch (IllegalArgumentException notAnId) {
      return Optional.empty();
    }
  }
}
