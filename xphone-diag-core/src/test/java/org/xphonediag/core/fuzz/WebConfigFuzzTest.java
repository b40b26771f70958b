package org.xphonediag.core.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import org.xphonediag.core.config.ConfigSource;
import org.xphonediag.core.config.ConfigValidator;

/**
 * Coverage-guided fuzz target for web.config validation ({@link ConfigSource#decode},
 * {@link ConfigValidator}, docs/field-guide.md#configuration-files): any bytes give a validation whose every problem is located,
 * never an exception, within a CPU budget.
 *
 * <p>Seeds: {@code WebConfigFuzzTestInputs/} (the healthy fixtures). {@code mvn -Pfuzz -pl
 * xphone-diag-core verify} fuzzes it.
 */
class WebConfigFuzzTest {

  @FuzzTest
  void validateWhenAnyBytesThenLocatedProblemsAndNoException(byte[] bytes) {
    long start = FuzzBudget.start();
    Validations.validate(bytes, true);
    FuzzBudget.check(start, bytes.length);
  }
}
