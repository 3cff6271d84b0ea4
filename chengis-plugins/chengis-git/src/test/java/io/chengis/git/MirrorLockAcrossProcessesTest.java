package io.chengis.git;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.chengis.git.internal.MirrorLock;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The mirror lock holds against another JVM sharing the mirror directory. */
class MirrorLockAcrossProcessesTest {
  @TempDir Path temp;

  /** Run in a child JVM: takes the lock, says so, and releases it when told on stdin. */
  @SuppressWarnings("try") // the lock is held by the try block
  public static void main(String[] args) throws Exception {
    try (MirrorLock.Held held = MirrorLock.acquire(Path.of(args[0]), () -> false)) {
      System.out.println("locked");
      System.out.flush();
      new BufferedReader(new InputStreamReader(System.in, UTF_8)).readLine();
    }
  }

  @Test
  @SuppressWarnings("try") // the lock is held by the try block
  void acquire_whileAnotherProcessHoldsTheLock_waitsUntilItReleases() throws Exception {
    Path lockFile = temp.resolve("mirror.lock");
    Process child =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                MirrorLockAcrossProcessesTest.class.getName(),
                lockFile.toString())
            .redirectError(ProcessBuilder.Redirect.INHERIT)
            .start();
    try {
      BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), UTF_8));
      assertThat(out.readLine()).isEqualTo("locked");
      try (FileChannel probe = FileChannel.open(lockFile, StandardOpenOption.WRITE)) {
        FileLock free = probe.tryLock();
        assertThat(free).as("the OS lock is held by the other process").isNull();
      }

      CompletableFuture<Boolean> ours =
          CompletableFuture.supplyAsync(
              () -> {
                try (MirrorLock.Held held = MirrorLock.acquire(lockFile, () -> false)) {
                  return true;
                } catch (Exception failed) {
                  throw new IllegalStateException(failed);
                }
              });
      assertThat(ours).isNotDone();
      try (OutputStream in = child.getOutputStream()) {
        in.write("release\n".getBytes(UTF_8));
      }

      assertThat(ours.get(30, TimeUnit.SECONDS)).isTrue();
      assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
    } finally {
      child.destroyForcibly();
    }
  }
}
