package io.chengis.dsl.format;

import static org.assertj.core.api.Assertions.assertThat;

import io.chengis.api.spi.PipelineFormatProvider;
import io.chengis.api.spi.ProviderContext;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PipelineFormatsTest {

  @ParameterizedTest
  @CsvSource({
    ".chengis/workflow.yml, true, false",
    "repo/.chengis/workflow.yaml, true, false",
    "chengis.yml, true, false",
    "ci/api.chengis.yaml, true, false",
    ".github/workflows/ci.yml, false, true",
    "repo/.github/workflows/release.yaml, false, true",
    ".github/workflows/sub/ci.yml, false, false",
    "workflow.yml, false, false",
    ".chengis/workflow.json, false, false",
    "Chengisfile, false, false"
  })
  void formats_path_acceptOnlyTheirFiles(String path, boolean chengis, boolean github) {
    assertThat(PipelineFormats.chengisYaml().accepts(path)).isEqualTo(chengis);
    assertThat(PipelineFormats.githubActions().accepts(path)).isEqualTo(github);
  }

  @Test
  void serviceLoader_always_findsTheThreeFormatProvidersByType() {
    var providers =
        ServiceLoader.load(PipelineFormatProvider.class).stream()
            .map(ServiceLoader.Provider::get)
            .toList();

    assertThat(providers)
        .extracting(PipelineFormatProvider::type)
        .contains("chengisfile", "chengis-yaml", "github-actions");
    assertThat(providers)
        .filteredOn(provider -> provider.type().equals("github-actions"))
        .singleElement()
        .satisfies(
            provider ->
                assertThat(
                        provider.create(ProviderContext.empty()).accepts(".github/workflows/a.yml"))
                    .isTrue());
  }
}
