package io.chengis.dsl.format;

import static io.chengis.dsl.format.FormatErrorsTest.CHENGIS;
import static io.chengis.dsl.format.FormatErrorsTest.assertProblems;
import static org.assertj.core.api.Assertions.assertThat;

import io.chengis.api.CrashPolicy;
import io.chengis.api.spi.PipelineSource;
import org.junit.jupiter.api.Test;

class CrashPolicyFormatTest {
  private static CrashPolicy read(String onCrash) {
    return PipelineFormats.chengisYaml()
        .parse(
            new PipelineSource(
                CHENGIS,
                onCrash
                    + """
                    name: api
                    stages:
                      - name: build
                        steps:
                          - name: compile
                            run: make
                    """))
        .onCrash();
  }

  @Test
  void chengisYaml_withoutOnCrash_failsBuildsOnCrash() {
    assertThat(read("")).isEqualTo(CrashPolicy.fail());
  }

  @Test
  void chengisYaml_onCrashRequeue_requeuesAtMostThreeRuns() {
    assertThat(read("on-crash: requeue\n")).isEqualTo(CrashPolicy.requeue(3));
    assertThat(read("on-crash: fail\n")).isEqualTo(CrashPolicy.fail());
  }

  @Test
  void chengisYaml_onCrashOtherValue_isAProblemWithItsPlaceAndTheChoices() {
    assertProblems(
        PipelineFormats.chengisYaml(),
        CHENGIS,
        """
        name: api
        on-crash: retry
        stages:
          - name: build
            steps:
              - name: compile
                run: make
        """,
        """
        pipeline "api" has 1 problem:
          .chengis/workflow.yml:2:11: on-crash is not fail or requeue (was retry); write fail or\
         requeue""");
  }
}
