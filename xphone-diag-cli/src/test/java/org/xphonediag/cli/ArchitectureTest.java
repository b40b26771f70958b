package org.xphonediag.cli;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaAccess;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.xphonediag.core.CheckResult;
import org.xphonediag.core.Details;
import org.xphonediag.core.Finding;
import org.xphonediag.core.Report;

/**
 * Rules over the production classes of every module (this module's test class path holds them all).
 *
 * <p>How data travels between checks, the doctor, the exporter and the commands: as typed outcomes
 * ({@code CheckResult#outcome(Class)}, {@code CheckContext#outcomeOf}, {@code Report#outcome}).
 * {@link Details} are derived from outcomes for the report writers; reading them back (keys, maps,
 * the details of a result, a finding's evidence, a report's data) is for the writers and the report
 * reader ({@code org.xphonediag.core.report}), {@code doctor.ReportComparison}, which compares two
 * written reports, and tests. So no check reads another check's details and no command reads its own
 * output back.
 */
class ArchitectureTest {

  private static final Set<String> DETAIL_READS = Set.of("asMap", "get", "isEmpty", "size", "toBuilder");

  private static JavaClasses production;

  @BeforeAll
  static void importClasses() {
    ImportOption noTestCode = location -> !location.contains("/test-classes/") && !location.contains("-tests.jar")
        && !location.contains("/.shaded") && !location.contains("/internal/shaded/");
    production = new ClassFileImporter().withImportOption(noTestCode)
        .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
        .importPackages("org.xphonediag");
  }

  @Test
  void detailsWhenReadThenOnlyByWritersAndReportComparison() {
    DescribedPredicate<JavaAccess<?>> readsDetails = new DescribedPredicate<>(
        "read Details (asMap, get, size, isEmpty, toBuilder), a result's details(), a report's data()"
            + " or a finding's evidence()") {
      @Override
      public boolean test(JavaAccess<?> access) {
        JavaClass owner = access.getTargetOwner();
        String name = access.getName();
        return owner.isEquivalentTo(Details.class) && DETAIL_READS.contains(name)
            || owner.isEquivalentTo(CheckResult.class) && name.equals("details")
            || owner.isEquivalentTo(Report.class) && name.equals("data")
            || owner.isEquivalentTo(Finding.class) && name.equals("evidence");
      }
    };
    ArchRule rule = noClasses()
        .that().resideOutsideOfPackage("org.xphonediag.core.report..")
        .and().doNotBelongToAnyOf(Details.class, CheckResult.class, Report.class, Finding.class)
        .and().doNotHaveFullyQualifiedName("org.xphonediag.doctor.ReportComparison")
        .and(new DescribedPredicate<JavaClass>("are not nested in doctor.ReportComparison") {
          @Override
          public boolean test(JavaClass c) {
            return !c.getName().startsWith("org.xphonediag.doctor.ReportComparison$");
          }
        })
        .should().accessTargetWhere(readsDetails)
        .because("code reads typed outcomes; details are for the report writers (README, contributor notes)");
    rule.check(production);
  }
}
