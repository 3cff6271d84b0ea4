package io.chengis.testkit;

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
 * The test kit's tiers and arrows (DESIGN §2): it sits on the engine's and the API's exported
 * packages only (never on their internals, the stores, the plugins or the CLI), and its exported
 * packages never hand out its own internal types.
 */
@AnalyzeClasses(
    packages = "io.chengis.testkit",
    importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

  private static final DescribedPredicate<JavaClass> EXPORTED =
      resideInAnyPackage(
              "io.chengis.testkit", "io.chengis.testkit.contract", "io.chengis.testkit.http")
          .and(modifier(JavaModifier.PUBLIC))
          .as("are public in an exported package");

  private static final DescribedPredicate<JavaClass> INTERNAL = resideInAPackage("..internal..");

  @ArchTest
  static final ArchRule testkitDependsOnlyOnTheJdkTheEngineTheApiAndTestLibraries =
      classes()
          .that()
          .resideInAPackage("io.chengis.testkit..")
          .should()
          .onlyDependOnClassesThat()
          .resideInAnyPackage(
              "java..",
              "org.jspecify..",
              "io.chengis.api..",
              "io.chengis.engine",
              "io.chengis.engine.memory",
              "io.chengis.engine.secrets",
              "io.chengis.testkit..",
              "com.sun.net.httpserver..",
              "org.junit.jupiter.api..",
              "org.junit.platform.commons..",
              "org.assertj.core..",
              "net.jqwik.api..");

  @ArchTest
  static final ArchRule testkitNeverReachesIntoOtherModulesInternals =
      noClasses()
          .that()
          .resideInAPackage("io.chengis.testkit..")
          .should()
          .dependOnClassesThat(
              resideInAnyPackage(
                      "io.chengis.engine.internal..",
                      "io.chengis.engine.secrets.internal..",
                      "io.chengis.api.internal..",
                      "io.chengis.store..",
                      "io.chengis.plugins..",
                      "io.chengis.cli..")
                  .as("another module's internals, the stores, plugins or CLI"));

  @ArchTest
  static final ArchRule contractSuitesUseOnlyPublicTypes =
      noClasses()
          .that()
          .resideInAPackage("io.chengis.testkit.contract..")
          .should()
          .dependOnClassesThat(resideInAPackage("io.chengis.testkit.internal.."));

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
            "io.chengis.testkit", "io.chengis.testkit.contract", "io.chengis.testkit.http");
  }
}
