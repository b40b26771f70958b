package org.xphonediag.core.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import org.xphonediag.core.config.ConfigSource;
import org.xphonediag.core.config.ConfigValidator;

/**
 * Coverage-guided fuzz target for appsettings.json validation ({@link ConfigSource#decode},
 * {@link ConfigValidator}, docs/field-guide.md#configuration-files): any bytes give a validation whose every problem is located,
 * never an exception, within a CPU budget.
 *
 * <p>Seeds: {@code AppSettingsFuzzTestInputs/} (the healthy fixtures). {@code mvn -Pfuzz -pl
 * xphone-diag-core verify} fuzzes it.
 */
class AppSettingsFuzzTest {

  @FuzzTest
  void validateWhenAnyBytesThenLocatedProblemsAndNoException(byte[] bytes) {
    long start = FuzzBudget.start();
    Validations.validate(bytes, false);
    FuzzBudget.check(start, bytes.length);
  }
}
