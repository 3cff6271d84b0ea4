package io.chengis.cli;

import static com.tngtech.archunit.base.DescribedPredicate.anyElementThat;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.properties.HasModifiers.Predicates.modifier;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noCodeUnits;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The CLI is a wiring module (DESIGN §2): it may use every Chengis module's API, picocli and the
 * JDK, never another module's internals, and its one API class hands out no internal or picocli
 * type.
 */
@AnalyzeClasses(packages = "io.chengis.cli", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

  private static final DescribedPredicate<JavaClass> CLI_API =
      resideInAPackage("io.chengis.cli")
          .and(modifier(JavaModifier.PUBLIC))
          .as("are public and reside in io.chengis.cli");

  @ArchTest
  static final ArchRule cliDependsOnTheJdkPicocliTheConfigParserAndChengisOnly =
      classes()
          .that()
          .resideInAPackage("io.chengis.cli..")
          .should()
          .onlyDependOnClassesThat()
          .resideInAnyPackage(
              "java..", "org.jspecify..", "picocli..", "org.snakeyaml.engine..", "io.chengis..");

  @ArchTest
  static final ArchRule cliNeverUsesOtherModulesInternals =
      noClasses()
          .that()
          .resideInAPackage("io.chengis.cli..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(
              "io.chengis.api.internal..",
              "io.chengis.dsl.internal..",
              "io.chengis.engine.internal..");

  @ArchTest
  static final ArchRule cliApiHandsOutNoInternalOrPicocliTypes =
      noCodeUnits()
          .that()
          .arePublic()
          .and()
          .areDeclaredInClassesThat(CLI_API)
          .should()
          .haveRawReturnType(resideInAPackage("..internal..").or(resideInAPackage("picocli..")))
          .orShould()
          .haveRawParameterTypes(
              anyElementThat(resideInAPackage("..internal..").or(resideInAPackage("picocli.."))));
}
