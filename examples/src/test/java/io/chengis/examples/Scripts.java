package io.chengis.examples;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Writes executable stand-ins for tools the examples call (the Maven Wrapper, deploy scripts) into
 * a workspace, so real-mode tests run real processes without a network or a checkout.
 */
final class Scripts {
  private Scripts() {}

  static void write(Path workspace, String path, String body) throws IOException {
    Path file = workspace.resolve(path);
    Files.createDirectories(file.getParent());
    Files.writeString(file, "#!/bin/sh\n" + body + "\n");
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
  }

  /** A Maven Wrapper stand-in that says what it was asked to do and makes a jar on package. */
  static void mavenWrapper(Path workspace, String directory) throws IOException {
    write(
        workspace,
        directory + "mvnw",
        """
        echo "mvnw $*"
        case "$*" in
          *package*) mkdir -p target && echo jar > target/app.jar ;;
        esac
        case "$*" in
          *test*|*verify*) mkdir -p target/surefire-reports \
            && echo "Tests run: 3, Failures: 0" > target/surefire-reports/AppTest.txt ;;
        esac""");
  }
}
