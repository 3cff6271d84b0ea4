package io.chengis.engine;

import static com.tngtech.archunit.base.DescribedPredicate.anyElementThat;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.core.domain.properties.HasModifiers.Predicates.modifier;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
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
 * The arrows of DESIGN §2 for the engine: it sits on the API and the DSL only (never on stores,
 * plugins or the CLI), and its exported packages never hand out internal types.
 */
@AnalyzeClasses(
    packages = "io.chengis.engine",
    importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

  private static final DescribedPredicate<JavaClass> EXPORTED =
      resideInAnyPackage(
              "io.chengis.engine",
              "io.chengis.engine.artifacts",
              "io.chengis.engine.caches",
              "io.chengis.engine.memory",
              "io.chengis.engine.secrets",
              "io.chengis.engine.plugins")
          .and(modifier(JavaModifier.PUBLIC))
          .as("are public in an exported package");

  private static final DescribedPredicate<JavaClass> INTERNAL = resideInAPackage("..internal..");

  /**
   * javax.crypto is the JDK's cipher API, used by the local secret backend; Commons Compress writes
   * and reads cache archives (decision 44); com.sun.management tells the in-memory log store the
   * collector's region size (decision 58).
   */
  @ArchTest
  static final ArchRule engineDependsOnlyOnTheJdkJSpecifyTheApiAndTheDsl =
      classes()
          .that()
          .resideInAPackage("io.chengis.engine..")
          .should()
          .onlyDependOnClassesThat()
          .resideInAnyPackage(
              "java..",
              "javax.crypto..",
              "com.sun.management..",
              "org.apache.commons.compress..",
              "org.jspecify..",
              "io.chengis.api..",
              "io.chengis.dsl..",
              "io.chengis.engine..");

  @ArchTest
  static final ArchRule engineNeverDependsOnStoresPluginsOrTheCli =
      noClasses()
          .that()
          .resideInAPackage("io.chengis.engine..")
          .should()
          .dependOnClassesThat(
              resideInAnyPackage("io.chengis.store..", "io.chengis.plugins..", "io.chengis.cli..")
                  .as("the stores, plugins or CLI"));

  @ArchTest
  static final ArchRule exportedTypesDoNotReturnOrTakeInternalTypes =
      noCodeUnits()
          .that()
          .arePublic()
          .and()
          .areDeclaredInClassesThat(EXPORTED)
          .should()
          .haveRawReturnType(INTERNAL)
          .orShould()
          .haveRawParameterTypes(anyElementThat(INTERNAL));

  @ArchTest
  static final ArchRule exportedTypesAreNamedAfterTheDomain =
      noClasses()
          .that(EXPORTED)
          .should()
          .haveSimpleNameEndingWith("Impl")
          .orShould()
          .haveSimpleNameContaining("Util")
          .orShould()
          .haveSimpleNameContaining("Helper")
          .orShould()
          .haveSimpleNameContaining("Manager");

  @Test
  void moduleDescriptor_always_exportsNoInternalPackage() throws IOException {
    ModuleDescriptor module;
    try (InputStream in = Files.newInputStream(Path.of("target/classes/module-info.class"))) {
      module = ModuleDescriptor.read(in);
    }

    assertThat(module.exports())
        .extracting(ModuleDescriptor.Exports::source)
        .containsExactlyInAnyOrder(
            "io.chengis.engine",
            "io.chengis.engine.artifacts",
            "io.chengis.engine.caches",
            "io.chengis.engine.memory",
            "io.chengis.engine.secrets",
            "io.chengis.engine.plugins");
  }
}
