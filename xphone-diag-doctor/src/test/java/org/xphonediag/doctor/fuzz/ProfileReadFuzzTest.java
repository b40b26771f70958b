package org.xphonediag.doctor.fuzz;

import static org.junit.jupiter.api.Assertions.assertFalse;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.xphonediag.core.fuzz.FuzzBudget;
import org.xphonediag.doctor.DeploymentProfile;
import org.xphonediag.doctor.ProfileException;
import org.xphonediag.doctor.ProfileReader;

/**
 * Coverage-guided fuzz target for the deployment profile ({@link ProfileReader#parse}): any text
 * (the input bytes as UTF-8) gives a profile or a {@link ProfileException} listing at least one
 * problem, never another exception, within a CPU budget.
 *
 * <p>Seeds: {@code ProfileReadFuzzTestInputs/} (the {@code doctor --init} template and small
 * profiles). {@code mvn -Pfuzz -pl xphone-diag-doctor -am verify} fuzzes it.
 */
class ProfileReadFuzzTest {
  private static final Path BASE = Path.of("fuzz-profiles");

  @FuzzTest
  void parseWhenAnyTextThenProfileOrProblems(byte[] bytes) {
    long start = FuzzBudget.start();
    try {
      DeploymentProfile profile = ProfileReader.parse(new String(bytes, StandardCharsets.UTF_8), "profile.json", BASE);
      profile.toString();
    } catch (ProfileException e) {
      assertFalse(e.problems().isEmpty(), e.getMessage());
    }
    FuzzBudget.check(start, bytes.length);
  }
}
