package io.chengis.examples.hello;

import static io.chengis.dsl.Parameters.text;
import static io.chengis.dsl.Steps.shell;

import io.chengis.api.Pipeline;
import io.chengis.dsl.Chengis;
import io.chengis.dsl.PipelineDefinition;

/**
 * A first pipeline to run: a greeting in two languages (a matrix), checks that run side by side
 * with one failure that is allowed, a packaging stage and a post action that always runs. Every
 * step is a quick POSIX shell command, so it runs anywhere in about two seconds: {@code ./chengis
 * run --class io.chengis.examples.hello.HelloPipeline}.
 */
public final class HelloPipeline implements PipelineDefinition {

  /** Creates the definition; it holds no state. */
  public HelloPipeline() {}

  @Override
  public Pipeline define() {
    return Chengis.pipeline(
        "hello",
        p ->
            p.description("Greets in two languages, checks in parallel, packages, reports")
                .parameter(text("name").defaultValue("Chengis").description("who to greet"))
                .matrix(m -> m.axis("lang", "en", "fr"))
                .stage(
                    "Greet",
                    s ->
                        s.step(
                            "Say hello",
                            shell(
                                "case \"$MATRIX_LANG\" in fr) word=Bonjour;; *) word=Hello;; esac;"
                                    + " echo \"$word, $PARAM_NAME!\"")))
                .stage(
                    "Check",
                    s ->
                        s.parallel()
                            .step("Unit tests", shell("sleep 0.2 && echo '12 tests passed'"))
                            .step("Lint", shell("sleep 0.1 && echo 'no lint problems'"))
                            .step(
                                "Spelling",
                                shell("echo \"unknown word 'Chengis'\" >&2 && exit 3"),
                                st -> st.continueOnError()))
                .stage(
                    "Package",
                    s ->
                        s.step(
                            "Archive",
                            shell(
                                "mkdir -p dist && echo \"hello $MATRIX_LANG\" >"
                                    + " \"dist/hello-$MATRIX_LANG.txt\" && echo"
                                    + " \"packaged dist/hello-$MATRIX_LANG.txt\"")))
                .post(
                    post ->
                        post.always("Report", shell("echo \"build $CHENGIS_BUILD_NUMBER done\""))));
  }
}
