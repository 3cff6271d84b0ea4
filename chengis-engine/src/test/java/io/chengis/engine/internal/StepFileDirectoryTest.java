package io.chengis.engine.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterTry;
import net.jqwik.api.lifecycle.BeforeTry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Whether a step may have written step files, told from its directory's time. */
class StepFileDirectoryTest {
  @TempDir Path root;

  @Test
  void create_makesTheDirectoryAndSetsItsTimeLongAgo() throws IOException {
    StepFileDirectory directory = StepFileDirectory.create(root.resolve(".chengis").resolve("b1"));

    assertThat(directory.path()).isDirectory();
    assertThat(Files.getLastModifiedTime(directory.path()).toInstant()).isEqualTo(Instant.EPOCH);
  }

  @Test
  void everyAttempt_getsNewFileNamesInTheDirectory() throws IOException {
    StepFileDirectory directory = StepFileDirectory.create(root.resolve("b"));

    Path first = directory.startAttempt("build", "compile").outputFile();
    Path second = directory.startAttempt("build", "compile").outputFile();

    assertThat(first.getParent()).isEqualTo(directory.path());
    assertThat(second.getParent()).isEqualTo(directory.path());
    assertThat(first).isNotEqualTo(second);
  }

  @Test
  void aStepThatAddedNothing_needsNoLookUp() throws IOException {
    StepFileDirectory directory = StepFileDirectory.create(root.resolve("b"));

    StepFileDirectory.Attempt mark = directory.startAttempt("s", "x");

    assertThat(directory.mayHoldFilesOf(mark)).isFalse();
  }

  @Test
  void aStepThatAddedAFile_isLookedUp() throws IOException {
    StepFileDirectory directory = StepFileDirectory.create(root.resolve("b"));

    StepFileDirectory.Attempt mark = directory.startAttempt("s", "x");
    Files.writeString(directory.path().resolve("out-1"), "a=1\n");

    assertThat(directory.mayHoldFilesOf(mark)).isTrue();
  }

  @Test
  void aStepThatRemovedAFile_isLookedUp() throws IOException {
    StepFileDirectory directory = StepFileDirectory.create(root.resolve("b"));
    Path earlier = Files.writeString(directory.path().resolve("out-1"), "a=1\n");
    // Settled again, as if long ago: the time the directory was given when made.
    Files.setLastModifiedTime(directory.path(), FileTime.from(Instant.EPOCH));
    assertThat(directory.mayHoldFilesOf(directory.startAttempt("s", "x"))).isFalse();

    StepFileDirectory.Attempt mark = directory.startAttempt("s", "x");
    Files.delete(earlier);

    assertThat(directory.mayHoldFilesOf(mark)).isTrue();
  }

  @Test
  void aTimeNotYetSettledWhenTheStepStarted_provesNothing() throws IOException {
    // The directory last changed a second before the step started: an addition within the same
    // tick of a coarse file-system clock would leave its time unchanged.
    Instant changed = Instant.parse("2026-11-28T10:00:00Z");
    InstantSource oneSecondLater = InstantSource.fixed(changed.plusSeconds(1));
    StepFileDirectory directory = StepFileDirectory.create(root.resolve("b"), oneSecondLater);
    Files.setLastModifiedTime(directory.path(), FileTime.from(changed));
    assertThat(directory.mayHoldFilesOf(directory.startAttempt("s", "x")))
        .as("the first check sees the new time")
        .isTrue();

    StepFileDirectory.Attempt mark = directory.startAttempt("s", "x");

    assertThat(mark.seen().toInstant()).isEqualTo(changed);
    assertThat(directory.mayHoldFilesOf(mark)).isTrue();
  }

  @Test
  void aTimeSettledWhenTheStepStarted_provesNoAddition() throws IOException {
    Instant changed = Instant.parse("2026-11-28T10:00:00Z");
    InstantSource later =
        InstantSource.fixed(changed.plus(StepFileDirectory.SETTLED).plusMillis(1));
    StepFileDirectory directory = StepFileDirectory.create(root.resolve("b"), later);
    Files.setLastModifiedTime(directory.path(), FileTime.from(changed));
    directory.mayHoldFilesOf(directory.startAttempt("s", "x"));

    assertThat(directory.mayHoldFilesOf(directory.startAttempt("s", "x"))).isFalse();
  }

  @Test
  void anAttemptWithoutATrustedTime_alwaysLooksUp() throws IOException {
    StepFileDirectory directory = StepFileDirectory.create(root.resolve("b"));

    assertThat(
            directory.mayHoldFilesOf(
                new StepFileDirectory.Attempt(directory.path().resolve("out"), null, Instant.MAX)))
        .isTrue();
  }

  @Test
  void onlyLocalFileSystemsAreTrusted() {
    assertThat(StepFileDirectory.isLocal(root)).as("the temporary directory's").isTrue();
    assertThat(StepFileDirectory.isLocal(Path.of("/proc"))).as("procfs").isFalse();
    assertThat(StepFileDirectory.isLocal(root.resolve("missing"))).as("a missing path").isFalse();
  }

  // --- property: no step that added or removed a name is ever told it wrote nothing ----------

  private Path propertyRoot;

  @BeforeTry
  void makePropertyRoot() throws IOException {
    propertyRoot = Files.createTempDirectory("step-file-directory");
  }

  @AfterTry
  void removePropertyRoot() throws IOException {
    try (var paths = Files.walk(propertyRoot)) {
      paths.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
    }
  }

  /** One step's action on the shared directory, by one of three concurrent steps. */
  record Action(Kind kind, int step) {}

  enum Kind {
    START,
    ADD,
    REMOVE,
    END
  }

  @Provide
  Arbitrary<List<Action>> interleavings() {
    Arbitrary<Action> action =
        net.jqwik.api.Combinators.combine(
                Arbitraries.of(Kind.class), Arbitraries.integers().between(0, 2))
            .as(Action::new);
    return action.list().ofMinSize(1).ofMaxSize(30);
  }

  @Property(tries = 200)
  void aStepDuringWhichANameWasAddedOrRemoved_isAlwaysLookedUp(
      @ForAll("interleavings") List<Action> actions) throws IOException {
    StepFileDirectory directory = StepFileDirectory.create(propertyRoot.resolve("build"));
    Map<Integer, StepFileDirectory.Attempt> running = new HashMap<>();
    Map<Integer, Boolean> changedSince = new HashMap<>();
    List<Path> files = new ArrayList<>();
    int made = 0;
    for (Action action : actions) {
      switch (action.kind()) {
        case START -> {
          running.put(action.step(), directory.startAttempt("s", "x"));
          changedSince.put(action.step(), false);
        }
        case ADD -> {
          files.add(Files.writeString(directory.path().resolve("out-" + made++), "k=v\n"));
          changedSince.replaceAll((step, changed) -> true);
        }
        case REMOVE -> {
          if (!files.isEmpty()) {
            Files.delete(files.removeLast());
            changedSince.replaceAll((step, changed) -> true);
          }
        }
        case END -> {
          StepFileDirectory.Attempt mark = running.remove(action.step());
          Boolean changed = changedSince.remove(action.step());
          if (mark != null && directory.mayHoldFilesOf(mark) == false) {
            assertThat(changed).as("step %d was told it wrote nothing", action.step()).isFalse();
          }
        }
      }
    }
  }
}
