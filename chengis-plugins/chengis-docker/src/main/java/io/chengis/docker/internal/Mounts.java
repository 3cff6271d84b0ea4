package io.chengis.docker.internal;

import com.github.dockerjava.api.model.AccessMode;
import com.github.dockerjava.api.model.Bind;
import com.github.dockerjava.api.model.Volume;
import io.chengis.api.PluginException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Checks and builds the mounts of a container: bind mounts confined to allowed roots, named volumes
 * with valid names.
 */
public final class Mounts {
  private static final Pattern VOLUME_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,63}");

  private Mounts() {}

  /**
   * Whether a volume name is valid: 1 to 64 letters, digits, {@code _}, {@code .} and {@code -},
   * starting with a letter or digit.
   *
   * @param name the name
   * @return whether it is valid
   */
  public static boolean isVolumeName(String name) {
    return VOLUME_NAME.matcher(name).matches();
  }

  /**
   * A named volume mount.
   *
   * @param where who declared it, for messages
   * @param name the name the author gave (validated)
   * @param engineName the name of the volume in the engine
   * @param containerPath the absolute path inside the container
   * @return the bind
   * @throws PluginException when the name or the path is invalid
   */
  public static Bind volume(String where, String name, String engineName, String containerPath) {
    if (!isVolumeName(name)) {
      throw new PluginException(
          where
              + ": volume name is invalid (was \""
              + name
              + "\"); use 1 to 64 letters, digits, '_', '.' or '-', starting with a letter or"
              + " digit");
    }
    checkContainerPath(where, "volume \"" + name + "\"", containerPath);
    return new Bind(engineName, new Volume(containerPath));
  }

  /**
   * A bind mount {@code host:container[:ro|rw]}; a relative host path is relative to {@code base}.
   * The host path must exist and lie, after following symbolic links, inside one of the roots.
   *
   * @param where who declared it, for messages
   * @param mount the mount text
   * @param base the directory relative host paths start from
   * @param roots the directories host paths must be inside
   * @return the bind
   * @throws PluginException when the mount is malformed or its host path is not allowed
   */
  public static Bind bind(String where, String mount, Path base, List<Path> roots) {
    String[] parts = mount.split(":", -1);
    if (parts.length < 2 || parts.length > 3 || parts[0].isBlank()) {
      throw new PluginException(
          where
              + ": volume is not host:container[:ro|rw] (was \""
              + mount
              + "\"); write e.g. \"build/cache:/cache:ro\"");
    }
    checkContainerPath(where, "volume \"" + mount + "\"", parts[1]);
    AccessMode mode = AccessMode.rw;
    if (parts.length == 3) {
      mode =
          switch (parts[2]) {
            case "ro" -> AccessMode.ro;
            case "rw" -> AccessMode.rw;
            default ->
                throw new PluginException(
                    where
                        + ": volume option is not ro or rw (was \""
                        + mount
                        + "\"); use :ro for read-only or nothing for read-write");
          };
    }
    Path host = base.resolve(parts[0]).normalize();
    Path real;
    try {
      real = host.toRealPath();
    } catch (IOException missing) {
      throw new PluginException(
          where
              + ": volume host path "
              + host
              + " does not exist (was \""
              + mount
              + "\"); create it in an earlier step or fix the path");
    }
    for (Path root : roots) {
      try {
        if (real.startsWith(root.toRealPath())) {
          return new Bind(real.toString(), new Volume(parts[1]), mode);
        }
      } catch (IOException unreadable) {
        // A root that does not exist confines nothing; try the next one.
      }
    }
    throw new PluginException(
        where
            + ": volume host path "
            + real
            + " is outside the allowed roots "
            + roots
            + " (was \""
            + mount
            + "\"); mount a directory inside the workspace, or allow its root with"
            + " DockerExecutor.builder().allowMountRoot(...)");
  }

  /** Fails unless the path is an absolute container path. */
  static void checkContainerPath(String where, String subject, String path) {
    if (!path.startsWith("/") || path.contains(":") || path.indexOf('\0') >= 0) {
      throw new PluginException(
          where
              + ": "
              + subject
              + " container path must be absolute (was \""
              + path
              + "\"); give a path such as \"/cache\"");
    }
  }

  /**
   * Resolves a workspace-relative file and checks that it stays inside the workspace.
   *
   * @param where who refers to it, for messages
   * @param workspace the workspace
   * @param relative the relative path
   * @return the real path
   * @throws PluginException when it is missing or leads outside
   */
  public static Path insideWorkspace(String where, Path workspace, String relative) {
    Path file = workspace.resolve(relative).normalize();
    try {
      Path real = file.toRealPath();
      if (!real.startsWith(workspace.toRealPath())) {
        throw new PluginException(
            where
                + ": file \""
                + relative
                + "\" leads outside the workspace; use a file inside the workspace");
      }
      if (!Files.isRegularFile(real)) {
        throw new PluginException(
            where + ": \"" + relative + "\" is not a file; name the Compose file to use");
      }
      return real;
    } catch (IOException missing) {
      throw new PluginException(
          where
              + ": file \""
              + relative
              + "\" does not exist in the workspace ("
              + file
              + "); check it out or create it in an earlier step");
    }
  }
}
