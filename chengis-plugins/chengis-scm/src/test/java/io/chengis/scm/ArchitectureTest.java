package io.chengis.scm;

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
 * A plugin depends on the API and its own libraries only (DESIGN.md §2), and hides its internals.
 */
@AnalyzeClasses(packages = "io.chengis.scm", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {
  private static final DescribedPredicate<JavaClass> EXPORTED =
      resideInAPackage("io.chengis.scm")
          .and(modifier(JavaModifier.PUBLIC))
          .as("are public in the exported package");

  @ArchTest
  static final ArchRule dependsOnlyOnTheJdkTheApiAndItsLibraries =
      classes()
          .that()
          .resideInAPackage("io.chengis.scm..")
          .should()
          .onlyDependOnClassesThat()
          .resideInAnyPackage(
              "java..",
              "javax.crypto..",
              "com.sun.net.httpserver..",
              "com.fasterxml.jackson..",
              "org.jspecify..",
              "io.chengis.api..",
              "io.chengis.scm..");

  @ArchTest
  static final ArchRule exportedTypesDoNotReturnOrTakeInternalTypes =
      noCodeUnits()
          .that()
          .arePublic()
          .and()
          .areDeclaredInClassesThat(EXPORTED)
          .should()
          .haveRawReturnType(resideInAPackage("..internal.."))
          .orShould()
          .haveRawParameterTypes(anyElementThat(resideInAPackage("..internal..")));

  @Test
  void moduleDescriptor_exportsOnlyTheApiPackage() throws IOException {
    ModuleDescriptor module;
    try (InputStream in = Files.newInputStream(Path.of("target/classes/module-info.class"))) {
      module = ModuleDescriptor.read(in);
    }

    assertThat(module.exports())
        .extracting(ModuleDescriptor.Exports::source)
        .containsExactly("io.chengis.scm");
  }
}
