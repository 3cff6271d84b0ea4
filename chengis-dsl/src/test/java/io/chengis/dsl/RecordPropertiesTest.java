package io.chengis.dsl;

import static io.chengis.dsl.Steps.shell;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

import io.chengis.api.Pipeline;
import io.chengis.api.Problem;
import io.chengis.api.SourceLocation;
import io.chengis.api.Stage;
import io.chengis.api.Step;
import io.chengis.api.StepAction;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.GenerationMode;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.AlphaChars;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.constraints.StringLength;
import net.jqwik.api.constraints.UniqueElements;
import org.junit.jupiter.api.Test;

/** The model records: no nulls anywhere, insertion order kept, collections unmodifiable. */
class RecordPropertiesTest {

  /** One instance of every model record, taken from a pipeline that uses every DSL element. */
  private static List<Record> samples() {
    Pipeline pipeline = ChengisTest.everything();
    List<Record> samples = new ArrayList<>();
    samples.add(pipeline);
    samples.add(pipeline.post());
    samples.add(pipeline.source().orElseThrow());
    samples.add(pipeline.source().orElseThrow().credentials().orElseThrow());
    samples.add(pipeline.container().orElseThrow());
    samples.add(pipeline.matrix().orElseThrow());
    samples.add(pipeline.concurrency().orElseThrow());
    samples.addAll(pipeline.parameters().subList(0, 1));
    samples.addAll(pipeline.artifacts().subList(0, 1));
    samples.addAll(pipeline.caches());
    samples.addAll(pipeline.notifications().subList(1, 2));
    pipeline.triggers().forEach(trigger -> samples.add((Record) trigger));
    for (Stage stage : pipeline.stages()) {
      samples.add(stage);
      stage.approval().ifPresent(samples::add);
      samples.add((Record) stage.condition());
      for (Step step : stage.steps()) {
        samples.add(step);
        samples.add((Record) step.action());
        samples.add(step.retry());
      }
    }
    samples.add(
        (Record) ChengisTest.everything().stages().getFirst().steps().getFirst().condition());
    samples.add(Problem.of(SourceLocation.of("A.java", 1, 2), "stage", "is wrong", "x", "fix it"));
    samples.add(SourceLocation.of("A.java", 1, 2));
    return samples;
  }

  /** Every (sample, component) pair whose component is a reference type. */
  @Provide
  Arbitrary<Object[]> referenceComponents() {
    return components(type -> !type.isPrimitive());
  }

  /** Every (sample, component) pair whose component is a collection or map. */
  @Provide
  Arbitrary<Object[]> collectionComponents() {
    return components(
        type -> Collection.class.isAssignableFrom(type) || Map.class.isAssignableFrom(type));
  }

  private static Arbitrary<Object[]> components(Predicate<Class<?>> typeFilter) {
    List<Object[]> pairs = new ArrayList<>();
    for (Record sample : samples()) {
      RecordComponent[] components = sample.getClass().getRecordComponents();
      for (int i = 0; i < components.length; i++) {
        if (typeFilter.test(components[i].getType())) {
          pairs.add(new Object[] {sample, i});
        }
      }
    }
    return Arbitraries.of(pairs);
  }

  @Property(tries = 200, generation = GenerationMode.EXHAUSTIVE)
  void record_withANullComponent_throwsNullPointerException(
      @ForAll("referenceComponents") Object[] pair) {
    Record sample = (Record) pair[0];
    int index = (Integer) pair[1];
    Object[] arguments = components(sample);
    arguments[index] = null;
    assertThatNullPointerException()
        .as("%s with null %s", sample.getClass().getSimpleName(), name(sample, index))
        .isThrownBy(() -> construct(sample, arguments));
  }

  @Property(tries = 200, generation = GenerationMode.EXHAUSTIVE)
  void record_withANullInsideACollection_throwsNullPointerException(
      @ForAll("collectionComponents") Object[] pair) {
    Record sample = (Record) pair[0];
    int index = (Integer) pair[1];
    for (Object withNull : withNulls(components(sample)[index])) {
      Object[] arguments = components(sample);
      arguments[index] = withNull;
      assertThatNullPointerException()
          .as("%s with %s = %s", sample.getClass().getSimpleName(), name(sample, index), withNull)
          .isThrownBy(() -> construct(sample, arguments));
    }
  }

  @Property(tries = 200, generation = GenerationMode.EXHAUSTIVE)
  void record_collections_areUnmodifiableCopies(@ForAll("collectionComponents") Object[] pair)
      throws ReflectiveOperationException {
    Record sample = (Record) pair[0];
    Object value =
        sample.getClass().getRecordComponents()[(Integer) pair[1]].getAccessor().invoke(sample);
    assertThatExceptionOfType(UnsupportedOperationException.class)
        .as("%s.%s", sample.getClass().getSimpleName(), name(sample, (Integer) pair[1]))
        .isThrownBy(() -> mutate(value));
  }

  @Test
  void recordsFromExamples_rejectNulls() {
    assertThatNullPointerException().isThrownBy(() -> Step.of(null, shell("make")));
    assertThatNullPointerException()
        .isThrownBy(() -> Stage.of("x", Arrays.asList(Step.of("a", shell("a")), null)))
        .withMessage("steps must not contain null");
    assertThatNullPointerException().isThrownBy(() -> new StepAction.Shell(null, Optional.empty()));
  }

  @Property(tries = 100, seed = "20261127")
  void builtPipeline_keepsInsertionOrderEverywhere(
      @ForAll @Size(min = 1, max = 8) @UniqueElements
          List<@AlphaChars @StringLength(min = 1, max = 6) String> names) {
    List<String> envNames = names.stream().map(name -> "E_" + name).toList();
    Pipeline pipeline =
        Chengis.pipeline(
            "ordered",
            p -> {
              envNames.forEach(env -> p.env(env, env.toLowerCase(Locale.ROOT)));
              p.labels(names.toArray(String[]::new));
              for (String name : names) {
                p.stage(
                    name,
                    s -> {
                      s.labels(names.reversed().toArray(String[]::new));
                      envNames.reversed().forEach(env -> s.env(env, "x"));
                      names.forEach(step -> s.step(step, shell("echo " + step)));
                    });
              }
            });
    assertThat(pipeline.env().keySet()).containsExactlyElementsOf(envNames);
    assertThat(pipeline.labels()).containsExactlyElementsOf(names);
    assertThat(pipeline.stages()).extracting(Stage::name).containsExactlyElementsOf(names);
    for (Stage stage : pipeline.stages()) {
      assertThat(stage.steps()).extracting(Step::name).containsExactlyElementsOf(names);
      assertThat(stage.labels()).containsExactlyElementsOf(names.reversed());
      assertThat(stage.env().keySet()).containsExactlyElementsOf(envNames.reversed());
    }
  }

  @Property(tries = 100, seed = "20261127")
  void records_copyTheirCollections(
      @ForAll @Size(min = 1, max = 6) List<@AlphaChars @StringLength(min = 1, max = 4) String> names) {
    List<Step> steps =
        new ArrayList<>(names.stream().map(name -> Step.of(name, shell(name))).toList());
    Stage stage = Stage.of("s", steps);
    steps.add(Step.of("late", shell("late")));
    assertThat(stage.steps()).extracting(Step::name).containsExactlyElementsOf(names);
  }

  // --- reflection
  // ---------------------------------------------------------------------------------

  private static Object[] components(Record sample) {
    return Stream.of(sample.getClass().getRecordComponents())
        .map(
            component -> {
              try {
                return component.getAccessor().invoke(sample);
              } catch (ReflectiveOperationException e) {
                throw new AssertionError(e);
              }
            })
        .toArray();
  }

  private static String name(Record sample, int index) {
    return sample.getClass().getRecordComponents()[index].getName();
  }

  private static void construct(Record sample, Object[] arguments) throws Throwable {
    Class<?>[] types =
        Stream.of(sample.getClass().getRecordComponents())
            .map(RecordComponent::getType)
            .toArray(Class<?>[]::new);
    try {
      sample.getClass().getDeclaredConstructor(types).newInstance(arguments);
    } catch (InvocationTargetException e) {
      throw e.getCause();
    }
  }

  /** Copies of a collection or map value with a null element, key or value added. */
  private static List<Object> withNulls(Object value) {
    List<Object> variants = new ArrayList<>();
    if (value instanceof List<?> list) {
      List<Object> copy = new ArrayList<>(list);
      copy.add(null);
      variants.add(copy);
    } else if (value instanceof Set<?> set) {
      Set<Object> copy = new LinkedHashSet<>(set);
      copy.add(null);
      variants.add(copy);
    } else if (value instanceof Map<?, ?> map) {
      Map<Object, Object> nullKey = new HashMap<>(map);
      // A value of the right type, so that only the key is wrong.
      nullKey.put(null, map.isEmpty() ? "v" : map.values().iterator().next());
      variants.add(nullKey);
      Map<Object, Object> nullValue = new HashMap<>(map);
      nullValue.put("k", null);
      variants.add(nullValue);
    }
    return variants;
  }

  @SuppressWarnings("unchecked")
  private static void mutate(Object value) {
    if (value instanceof Collection<?> collection) {
      ((Collection<Object>) collection).add("x");
    } else {
      ((Map<Object, Object>) value).put("x", "x");
    }
  }
}
