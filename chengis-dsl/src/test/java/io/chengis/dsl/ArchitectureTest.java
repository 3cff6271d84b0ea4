package io.chengis.dsl;

import static com.tngtech.archunit.base.DescribedPredicate.anyElementThat;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.core.domain.properties.HasModifiers.Predicates.modifier;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noCodeUnits;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noFields;
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
 * The arrows of DESIGN §2 for the DSL: it sits on the API only (never on the engine, stores,
 * plugins or CLI, nor on the API's internals but the shared plugin-call guard), and its API package
 * never hands out internal types.
 */
@AnalyzeClasses(packages = "io.chengis.dsl", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

  private static final DescribedPredicate<JavaClass> DSL_API =
      resideInAnyPackage("io.chengis.dsl", "io.chengis.dsl.expression", "io.chengis.dsl.format")
          .and(modifier(JavaModifier.PUBLIC))
          .as("are public and reside in an exported package of the DSL");

  private static final DescribedPredicate<JavaClass> INTERNAL = resideInAPackage("..internal..");

  @ArchTest
  static final ArchRule dslDependsOnlyOnTheJdkJSpecifyTheApiAndSnakeYamlEngine =
      classes()
          .that()
          .resideInAPackage("io.chengis.dsl..")
          .should()
          .onlyDependOnClassesThat()
          .resideInAnyPackage(
              "java..",
              "org.jspecify..",
              "io.chengis.api..",
              "io.chengis.dsl..",
              "org.snakeyaml.engine..");

  @ArchTest
  static final ArchRule onlyTheFormatInternalsReadYaml =
      noClasses()
          .that()
          .resideOutsideOfPackage("io.chengis.dsl.format.internal")
          .should()
          .dependOnClassesThat()
          .resideInAPackage("org.snakeyaml.engine..");

  @ArchTest
  static final ArchRule dslNeverDependsOnRunningOrWiringModules =
      noClasses()
          .that()
          .resideInAPackage("io.chengis.dsl..")
          .should()
          .dependOnClassesThat(
              resideInAnyPackage(
                      "io.chengis..engine..",
                      "io.chengis..store..",
                      "io.chengis..plugins..",
                      "io.chengis..cli..")
                  .as("the engine, stores, plugins or CLI"));

  @ArchTest
  static final ArchRule dslNeverUsesApiInternalsButThePluginGuard =
      noClasses()
          .that()
          .resideInAPackage("io.chengis.dsl..")
          .should()
          .dependOnClassesThat(
              resideInAPackage("io.chengis.api.internal..")
                  .and(DescribedPredicate.not(resideInAPackage("io.chengis.api.internal.guard")))
                  .as("API internals other than the plugin-call guard"));

  @ArchTest
  static final ArchRule dslApiDoesNotReturnOrTakeInternalTypes =
      noCodeUnits()
          .that()
          .arePublic()
          .and()
          .areDeclaredInClassesThat(DSL_API)
          .should()
          .haveRawReturnType(INTERNAL)
          .orShould()
          .haveRawParameterTypes(anyElementThat(INTERNAL));

  @ArchTest
  static final ArchRule dslApiFieldsAreNotOfInternalTypes =
      noFields()
          .that()
          .arePublic()
          .and()
          .areDeclaredInClassesThat(DSL_API)
          .should()
          .haveRawType(INTERNAL)
          .allowEmptyShould(true);

  @Test
  void moduleDescriptor_always_exportsNoInternalPackageAndRequiresTheApiTransitively()
      throws IOException {
    ModuleDescriptor module;
    try (InputStream in = Files.newInputStream(Path.of("target/classes/module-info.class"))) {
      module = ModuleDescriptor.read(in);
    }

    assertThat(module.exports())
        .extracting(ModuleDescriptor.Exports::source)
        .contains("io.chengis.dsl", "io.chengis.dsl.expression", "io.chengis.dsl.format")
        .noneMatch(name -> name.contains(".internal"));
    assertThat(module.requires())
        .anySatisfy(
            required -> {
              assertThat(required.name()).isEqualTo("io.chengis.api");
              assertThat(required.modifiers())
                  .contains(ModuleDescriptor.Requires.Modifier.TRANSITIVE);
            });
  }
}
