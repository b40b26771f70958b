package org.xphonediag.core.fuzz;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.xphonediag.core.Finding;
import org.xphonediag.core.config.ConfigScenario;
import org.xphonediag.core.config.ConfigSource;
import org.xphonediag.core.config.ConfigValidation;
import org.xphonediag.core.config.ConfigValidator;
import org.xphonediag.core.config.IisPlacement;

/** Runs a configuration file through the validator in the scenarios that enable the most rules. */
final class Validations {
  private static final ConfigValidator[] VALIDATORS = {
      ConfigValidator.of(ConfigScenario.of(IisPlacement.DMZ).withServer("xphone01.corp.example")),
      ConfigValidator.of(ConfigScenario.of(IisPlacement.LOCAL).withProxy("netscaler"))};

  private Validations() {}

  /** Validates as web.config or as appsettings.json; every problem must carry a location and a remedy. */
  static void validate(byte[] bytes, boolean webConfig) {
    ConfigSource src = ConfigSource.decode(webConfig ? "web.config" : "appsettings.json", bytes);
    for (ConfigValidator v : VALIDATORS) {
      ConfigValidation result = webConfig ? v.validate(Optional.of(src), Optional.empty())
          : v.validate(Optional.empty(), Optional.of(src));
      for (Finding f : result.problems()) {
        assertTrue(f.location().isPresent(), f.toString());
        assertTrue(!f.remedy().isBlank(), f.toString());
      }
      result.toString();
    }
  }
}
