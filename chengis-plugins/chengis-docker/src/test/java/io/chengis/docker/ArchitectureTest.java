package io.chengis.docker;

import static com.tngtech.archunit.base.DescribedPredicate.anyElementThat;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.properties.HasModifiers.Predicates.modifier;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noCodeUnits;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import java.io.IOException;
import java.io.InputStream;
import java.lang.module.ModuleDescriptor;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The arrows of DESIGN §2 for a plugin: it sits on the API only (never on the engine, the DSL,
 * another plugin or the CLI), and its API package never hands out internal or docker-java types.
 */
@AnalyzeClasses(
    packages = "io.chengis.docker",
    importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

  private static final DescribedPredicate<JavaClass> EXPORTED =
      resideInAPackage("io.chengis.docker")
          .and(modifier(JavaModifier.PUBLIC))
          .as("are public in the exported package");

  private static final DescribedPredicate<JavaClass> HIDDEN =
      resideInAPackage("..internal..")
          .or(resideInAPackage("com.github.dockerjava.."))
          .as("internal or docker-java types");

  @ArchTest
  static final ArchRule dockerDependsOnlyOnTheApiAndItsLibraries =
      classes()
          .that()
          .resideInAPackage("io.chengis.docker..")
          .should()
          .onlyDependOnClassesThat()
          .resideInAnyPackage(
              "java..",
              "org.jspecify..",
              "org.slf4j..",
              "org.snakeyaml.engine..",
              "com.github.dockerjava..",
              "io.chengis.api..",
              "io.chengis.docker..");

  @ArchTest
  static final ArchRule exportedTypesDoNotReturnOrTakeHiddenTypes =
      noCodeUnits()
          .that()
          .arePublic()
          .and()
          .areDeclaredInClassesThat(EXPORTED)
          .should()
          .haveRawReturnType(HIDDEN)
          .orShould()
          .haveRawParameterTypes(anyElementThat(HIDDEN));

  @Test
  void moduleDescriptor_exportsOnlyTheApiPackage_andProvidesTheExecutor() throws IOException {
    ModuleDescriptor module;
    try (InputStream in = Files.newInputStream(Path.of("target/classes/module-info.class"))) {
      module = ModuleDescriptor.read(in);
    }

    assertThat(module.exports())
        .extracting(ModuleDescriptor.Exports::source)
        .containsExactly("io.chengis.docker");
    assertThat(module.provides())
        .extracting(ModuleDescriptor.Provides::service)
        .containsExactly("io.chengis.api.spi.StepExecutorProvider");
  }
}
