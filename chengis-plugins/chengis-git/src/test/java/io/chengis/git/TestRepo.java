package io.chengis.git;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.transport.RefSpec;
import org.eclipse.jgit.transport.URIish;

/**
 * A real git repository made in the test: a working repository where commits are made, pushed to a
 * bare repository that clients clone from.
 */
final class TestRepo implements AutoCloseable {
  private static final PersonIdent AUTHOR =
      new PersonIdent(
          "Ada Lovelace", "ada@example.com", Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);

  private final Git work;
  private final Path bare;

  private TestRepo(Git work, Path bare) {
    this.work = work;
    this.bare = bare;
  }

  /** A repository whose bare copy is {@code <serveRoot>/<name>}; default branch main. */
  static TestRepo create(Path scratch, Path serveRoot, String name)
      throws GitAPIException, IOException, java.net.URISyntaxException {
    Path bare = serveRoot.resolve(name);
    Git.init().setBare(true).setInitialBranch("main").setDirectory(bare.toFile()).call().close();
    Git work =
        Git.init()
            .setInitialBranch("main")
            .setDirectory(scratch.resolve(name + "-work").toFile())
            .call();
    work.remoteAdd().setName("origin").setUri(new URIish(bare.toUri().toString())).call();
    return new TestRepo(work, bare);
  }

  Path bare() {
    return bare;
  }

  String fileUrl() {
    return bare.toUri().toString();
  }

  Git git() {
    return work;
  }

  RevCommit commit(String message, Map<String, String> files) throws GitAPIException, IOException {
    return commit(message, files, new byte[0], "");
  }

  RevCommit commit(String message, Map<String, String> files, byte[] blob, String blobPath)
      throws GitAPIException, IOException {
    Path dir = work.getRepository().getWorkTree().toPath();
    for (Map.Entry<String, String> file : files.entrySet()) {
      Path path = dir.resolve(file.getKey());
      Files.createDirectories(path.getParent());
      Files.writeString(path, file.getValue());
    }
    if (!blobPath.isEmpty()) {
      Files.write(dir.resolve(blobPath), blob);
    }
    work.add().addFilepattern(".").call();
    return work.commit().setMessage(message).setAuthor(AUTHOR).setCommitter(AUTHOR).call();
  }

  void branch(String name) throws GitAPIException {
    work.checkout().setCreateBranch(true).setName(name).call();
  }

  void switchTo(String name) throws GitAPIException {
    work.checkout().setName(name).call();
  }

  void tag(String name) throws GitAPIException {
    work.tag()
        .setName(name)
        .setAnnotated(true)
        .setMessage("release " + name)
        .setTagger(AUTHOR)
        .call();
  }

  void push() throws GitAPIException {
    work.push()
        .setRemote("origin")
        .setRefSpecs(
            new RefSpec("+refs/heads/*:refs/heads/*"), new RefSpec("+refs/tags/*:refs/tags/*"))
        .call();
  }

  @Override
  public void close() {
    work.close();
  }
}
