package io.chengis.scm;

import static org.assertj.core.api.Assertions.assertThat;

import io.chengis.scm.internal.RepoPath;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;

class RepoPathTest {
  @Provide
  Arbitrary<String> segment() {
    return Arbitraries.strings()
        .withChars("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.")
        .ofMinLength(1)
        .ofMaxLength(20)
        .filter(s -> !s.equals(".") && !s.equals("..") && !s.endsWith(".git"));
  }

  @Property
  void parse_httpsAndScpAndSshForms_giveTheSameSegments(
      @ForAll @Size(min = 2, max = 4) List<@net.jqwik.api.From("segment") String> segments) {
    String path = String.join("/", segments);

    for (String url :
        List.of(
            "https://forge.example.com/" + path + ".git",
            "https://forge.example.com/" + path,
            "git@forge.example.com:" + path + ".git",
            "ssh://git@forge.example.com/" + path + ".git")) {
      RepoPath parsed = RepoPath.parse(url);
      assertThat(parsed.segments()).as(url).isEqualTo(segments);
      assertThat(parsed.host()).isEqualTo("forge.example.com");
      assertThat(parsed.name()).isEqualTo(segments.get(segments.size() - 1));
      assertThat(parsed.full()).isEqualTo(path);
    }
  }
}
