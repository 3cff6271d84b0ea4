package io.chengis.engine.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Chars;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.constraints.StringLength;

/** The directory an upload's paths are made relative to. */
class ArtifactCollectionPropertiesTest {
  @Property
  void commonDirectory_isTheLongestDirectoryPrefixOfEveryPath(
      @ForAll @Size(min = 1, max = 6) List<
                  @Size(min = 1, max = 4) List<
                      @StringLength(min = 1, max = 2) @Chars({'a', 'b'}) String>>
              segments) {
    List<String> paths = segments.stream().map(s -> String.join("/", s)).toList();

    String common = ArtifactCollection.commonDirectory(paths);

    assertThat(common)
        .satisfiesAnyOf(c -> assertThat(c).isEmpty(), c -> assertThat(c).endsWith("/"));
    assertThat(paths).allSatisfy(path -> assertThat(path).startsWith(common));
    // Longest: no deeper directory of the first path is shared by all.
    String first = paths.getFirst();
    int next = first.indexOf('/', common.length());
    if (next >= 0) {
      String deeper = first.substring(0, next + 1);
      assertThat(paths).anySatisfy(path -> assertThat(path).doesNotStartWith(deeper));
    }
  }

  @Property
  void commonDirectory_oneFile_isItsDirectory(@ForAll @IntRange(min = 0, max = 4) int depth) {
    String path = "d/".repeat(depth) + "f.txt";

    assertThat(ArtifactCollection.commonDirectory(List.of(path))).isEqualTo("d/".repeat(depth));
  }
}
