package io.chengis.api;

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
 * The tiers and arrows of the API module (HOUSE-STYLE rule 1, DESIGN §2): the model depends on the
 * JDK and JSpecify only, exported packages never hand out {@code internal} types, and API names
 * stay in the CI domain.
 */
@AnalyzeClasses(packages = "io.chengis.api", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

  /** The packages the module exports: the API and its extension points. */
  private static final DescribedPredicate<JavaClass> EXPORTED =
      resideInAnyPackage("io.chengis.api", "io.chengis.api.spi..")
          .and(modifier(JavaModifier.PUBLIC))
          .as("are public and reside in io.chengis.api or io.chengis.api.spi");

  private static final DescribedPredicate<JavaClass> INTERNAL = resideInAPackage("..internal..");

  @ArchTest
  static final ArchRule apiDependsOnlyOnTheJdkAndJSpecify =
      classes()
          .that()
          .resideInAPackage("io.chengis.api..")
          .should()
          .onlyDependOnClassesThat()
          .resideInAnyPackage("java..", "org.jspecify..", "io.chengis.api..");

  @ArchTest
  static final ArchRule exportedCodeDoesNotReturnOrTakeInternalTypes =
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
  static final ArchRule exportedFieldsAreNotOfInternalTypes =
      noFields()
          .that()
          .arePublic()
          .and()
          .areDeclaredInClassesThat(EXPORTED)
          .should()
          .haveRawType(INTERNAL);

  @ArchTest
  static final ArchRule exportedClassesDoNotExtendInternalTypes =
      noClasses().that(EXPORTED).should().beAssignableTo(INTERNAL);

  @ArchTest
  static final ArchRule apiNamesComeFromTheCiDomain =
      noClasses()
          .that()
          .resideOutsideOfPackage("..internal..")
          .should()
          .haveSimpleNameContaining("Util")
          .orShould()
          .haveSimpleNameContaining("Helper")
          .orShould()
          .haveSimpleNameContaining("Manager")
          .orShould()
          .haveSimpleNameEndingWith("Impl");

  @Test
  void
      moduleDescriptor_always_exportsNoInternalPackageButTheGuardAndLinesAndNeedsNoThirdPartyModule()
          throws IOException {
    ModuleDescriptor module;
    try (InputStream in = Files.newInputStream(Path.of("target/classes/module-info.class"))) {
      module = ModuleDescriptor.read(in);
    }

    assertThat(module.exports())
        .filteredOn(exported -> !exported.isQualified())
        .extracting(ModuleDescriptor.Exports::source)
        .contains("io.chengis.api")
        .noneMatch(name -> name.contains(".internal"));
    // Two internal packages other modules may read, named, and no one else: the plugin-call guard
    // (the DSL and the engine) and the packed log lines the engine builds.
    assertThat(module.exports())
        .filteredOn(ModuleDescriptor.Exports::isQualified)
        .extracting(
            exported -> exported.source() + " to " + new java.util.TreeSet<>(exported.targets()))
        .containsExactlyInAnyOrder(
            "io.chengis.api.internal.guard to [io.chengis.dsl, io.chengis.engine]",
            "io.chengis.api.internal.lines to [io.chengis.engine]");
    assertThat(module.requires())
        .allSatisfy(
            required ->
                assertThat(
                        required.name().startsWith("java.")
                            || required
                                .modifiers()
                                .contains(ModuleDescriptor.Requires.Modifier.STATIC))
                    .as("%s is a JDK module or compile-time only", required)
                    .isTrue());
  }
}
