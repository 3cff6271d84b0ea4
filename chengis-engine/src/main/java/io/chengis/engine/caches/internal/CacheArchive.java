package io.chengis.engine.caches.internal;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/**
 * Cache archives: gzip-compressed POSIX tar of workspace paths, keeping empty directories,
 * permission bits (so executables stay executable), modification times and symbolic links whose
 * targets stay inside the workspace. Extra named blobs (a stage result's manifest) travel under
 * {@value #EXTRA} and are returned, never written to the workspace. Nothing is read from or written
 * outside the workspace.
 */
public final class CacheArchive {
  /** The prefix of the entries that are not workspace files. */
  public static final String EXTRA = ".chengis-cache/";

  private static final PosixFilePermission[] BITS = {
    PosixFilePermission.OTHERS_EXECUTE,
    PosixFilePermission.OTHERS_WRITE,
    PosixFilePermission.OTHERS_READ,
    PosixFilePermission.GROUP_EXECUTE,
    PosixFilePermission.GROUP_WRITE,
    PosixFilePermission.GROUP_READ,
    PosixFilePermission.OWNER_EXECUTE,
    PosixFilePermission.OWNER_WRITE,
    PosixFilePermission.OWNER_READ
  };

  private CacheArchive() {}

  /**
   * What a written archive holds.
   *
   * @param files regular files and links written
   * @param missing the declared paths that did not exist
   */
  public record Written(int files, List<String> missing) {}

  /**
   * Writes the paths (files or directories, workspace-relative) and the extras to an archive.
   *
   * @param workspace the workspace
   * @param paths the declared paths; those that do not exist are listed in the result
   * @param extras named blobs to carry along
   * @param archive the file to write
   * @return what was written
   * @throws IOException when a path leaves the workspace (message says which) or I/O fails
   */
  public static Written write(
      Path workspace, List<String> paths, Map<String, byte[]> extras, Path archive)
      throws IOException {
    Path root = workspace.toRealPath();
    List<String> missing = new ArrayList<>();
    int[] files = {0};
    try (OutputStream file = Files.newOutputStream(archive);
        OutputStream gzip = new GZIPOutputStream(new BufferedOutputStream(file, 1 << 16), 1 << 16);
        TarArchiveOutputStream tar = new TarArchiveOutputStream(gzip)) {
      tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
      tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
      for (Map.Entry<String, byte[]> extra : extras.entrySet()) {
        TarArchiveEntry entry = new TarArchiveEntry(EXTRA + extra.getKey());
        entry.setSize(extra.getValue().length);
        tar.putArchiveEntry(entry);
        tar.write(extra.getValue());
        tar.closeArchiveEntry();
      }
      for (String declared : paths) {
        Path start = inside(root, declared);
        if (!Files.exists(start, LinkOption.NOFOLLOW_LINKS)) {
          missing.add(declared);
          continue;
        }
        if (!start.getParent().toRealPath().startsWith(root)) {
          throw new IOException(
              "cache path \"" + declared + "\" lies under a link that leaves the workspace");
        }
        Files.walkFileTree(
            start,
            new SimpleFileVisitor<>() {
              @Override
              public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs)
                  throws IOException {
                if (!dir.equals(root)) {
                  TarArchiveEntry entry =
                      new TarArchiveEntry(name(root, dir) + "/", TarArchiveEntry.LF_DIR);
                  entry.setMode(TarArchiveEntry.DEFAULT_DIR_MODE & ~0777 | mode(dir, attrs));
                  entry.setModTime(attrs.lastModifiedTime());
                  tar.putArchiveEntry(entry);
                  tar.closeArchiveEntry();
                }
                return FileVisitResult.CONTINUE;
              }

              @Override
              public FileVisitResult visitFile(Path path, BasicFileAttributes attrs)
                  throws IOException {
                String name = name(root, path);
                if (attrs.isSymbolicLink()) {
                  Path target = Files.readSymbolicLink(path);
                  linkTarget(root, path, target);
                  TarArchiveEntry entry = new TarArchiveEntry(name, TarArchiveEntry.LF_SYMLINK);
                  entry.setLinkName(target.toString());
                  tar.putArchiveEntry(entry);
                  tar.closeArchiveEntry();
                } else if (attrs.isRegularFile()) {
                  TarArchiveEntry entry = new TarArchiveEntry(name);
                  entry.setSize(attrs.size());
                  entry.setMode(TarArchiveEntry.DEFAULT_FILE_MODE & ~0777 | mode(path, attrs));
                  entry.setModTime(attrs.lastModifiedTime());
                  tar.putArchiveEntry(entry);
                  Files.copy(path, tar);
                  tar.closeArchiveEntry();
                } else {
                  return FileVisitResult.CONTINUE; // sockets, devices and pipes are not cached
                }
                files[0]++;
                return FileVisitResult.CONTINUE;
              }
            });
      }
      tar.finish();
    }
    return new Written(files[0], List.copyOf(missing));
  }

  /**
   * Extracts an archive into the workspace, replacing files that exist.
   *
   * @param archive the archive's content
   * @param workspace the workspace
   * @return the extras the archive carried, by name
   * @throws IOException when an entry would leave the workspace or I/O fails
   */
  public static Map<String, byte[]> extract(InputStream archive, Path workspace)
      throws IOException {
    Path root = workspace.toRealPath();
    Map<String, byte[]> extras = new LinkedHashMap<>();
    List<Map.Entry<Path, Integer>> directories = new ArrayList<>();
    Set<Path> checked = new HashSet<>();
    checked.add(root);
    try (InputStream gzip =
            new GZIPInputStream(new BufferedInputStream(archive, 1 << 16), 1 << 16);
        TarArchiveInputStream tar = new TarArchiveInputStream(gzip)) {
      TarArchiveEntry entry;
      while ((entry = tar.getNextEntry()) != null) {
        String name = entry.getName();
        if (name.startsWith(EXTRA)) {
          extras.put(name.substring(EXTRA.length()), tar.readAllBytes());
          continue;
        }
        Path target = inside(root, name);
        if (target.equals(root)) {
          continue;
        }
        Path parent = target.getParent();
        // Each directory is created and checked once per extraction, not once per file in it.
        if (!checked.contains(parent)) {
          Files.createDirectories(parent);
          if (!parent.toRealPath().startsWith(root)) {
            throw new IOException(
                "cache entry \""
                    + name
                    + "\" would be written through a link leaving the workspace");
          }
          checked.add(parent);
        }
        if (entry.isDirectory()) {
          if (Files.isSymbolicLink(target) || Files.isRegularFile(target)) {
            Files.delete(target);
          }
          Files.createDirectories(target);
          directories.add(Map.entry(target, entry.getMode() & 0777));
        } else if (entry.isSymbolicLink()) {
          Path link = Path.of(entry.getLinkName());
          linkTarget(root, target, link);
          deleteIfFile(target);
          Files.createSymbolicLink(target, link);
        } else if (entry.isFile()) {
          deleteIfFile(target);
          Files.copy(tar, target, StandardCopyOption.REPLACE_EXISTING);
          Files.setPosixFilePermissions(target, permissions(entry.getMode() & 0777));
          Files.setLastModifiedTime(target, FileTime.from(entry.getModTime().toInstant()));
        }
      }
    }
    // Directories get their permissions last so that a read-only one could still be filled.
    for (int i = directories.size() - 1; i >= 0; i--) {
      Files.setPosixFilePermissions(
          directories.get(i).getKey(), permissions(directories.get(i).getValue()));
    }
    return extras;
  }

  /**
   * Reads only the extras of an archive, without touching the workspace.
   *
   * @param archive the archive's content
   * @return the extras by name
   * @throws IOException when the archive cannot be read
   */
  public static Map<String, byte[]> extras(InputStream archive) throws IOException {
    Map<String, byte[]> extras = new LinkedHashMap<>();
    try (InputStream gzip =
            new GZIPInputStream(new BufferedInputStream(archive, 1 << 16), 1 << 16);
        TarArchiveInputStream tar = new TarArchiveInputStream(gzip)) {
      TarArchiveEntry entry;
      while ((entry = tar.getNextEntry()) != null) {
        if (entry.getName().startsWith(EXTRA)) {
          extras.put(entry.getName().substring(EXTRA.length()), tar.readAllBytes());
        }
      }
    }
    return extras;
  }

  private static void deleteIfFile(Path target) throws IOException {
    if (Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS)) {
      throw new IOException(
          "cache entry \""
              + target.getFileName()
              + "\" is a file but the workspace has a directory there");
    }
    Files.deleteIfExists(target);
  }

  /**
   * Resolves a workspace-relative path, refusing absolute paths, {@code ..} that leaves the
   * workspace and declared paths under a link that leaves it.
   */
  static Path inside(Path root, String relative) throws IOException {
    Path given = Path.of(relative);
    Path resolved = root.resolve(given).normalize();
    if (given.isAbsolute() || !resolved.startsWith(root)) {
      throw new IOException(
          "cache path \""
              + relative
              + "\" is outside the workspace; use a path relative to the workspace");
    }
    return resolved;
  }

  private static void linkTarget(Path root, Path link, Path target) throws IOException {
    Path resolved = link.getParent().resolve(target).normalize();
    if (target.isAbsolute() || !resolved.startsWith(root)) {
      throw new IOException(
          "cache path \""
              + root.relativize(link)
              + "\" is a link to \""
              + target
              + "\", outside the workspace; caches keep only what is inside it");
    }
  }

  private static String name(Path root, Path path) {
    return root.relativize(path).toString().replace('\\', '/');
  }

  private static int mode(Path path, BasicFileAttributes attrs) throws IOException {
    // The walk's attributes are POSIX ones on POSIX systems: no second stat per file.
    Set<PosixFilePermission> permissions =
        attrs instanceof PosixFileAttributes posix
            ? posix.permissions()
            : Files.getPosixFilePermissions(path, LinkOption.NOFOLLOW_LINKS);
    int mode = 0;
    for (int bit = 0; bit < BITS.length; bit++) {
      if (permissions.contains(BITS[bit])) {
        mode |= 1 << bit;
      }
    }
    return mode;
  }

  private static Set<PosixFilePermission> permissions(int mode) {
    Set<PosixFilePermission> permissions = EnumSet.noneOf(PosixFilePermission.class);
    for (int bit = 0; bit < BITS.length; bit++) {
      if ((mode & (1 << bit)) != 0) {
        permissions.add(BITS[bit]);
      }
    }
    return permissions;
  }
}
