package org.xphonediag.core.config;

import java.util.List;
import java.util.Objects;
import org.xphonediag.core.Details;
import org.xphonediag.core.Finding;
import org.xphonediag.core.Status;

/**
 * The outcome of validating the configuration files: every problem found (each a finding with the
 * file, line, column and key path, and the exact change to make as its remedy) and a few
 * non-secret facts read from the files (docs/field-guide.md#web-config, #appsettings-json). Immutable.
 *
 * @param problems the problems in file order: web.config first, then appsettings.json
 * @param facts settings read, for a result's details (never the Secret, only its length)
 */
public record ConfigValidation(List<Finding> problems, Details facts) {
  /** Copies the list. */
  public ConfigValidation {
    problems = List.copyOf(Objects.requireNonNull(problems, "problems"));
    Objects.requireNonNull(facts, "facts");
  }

  /** The worst severity, or PASS without problems. */
  public Status status() {
    Status s = Status.PASS;
    for (Finding f : problems) {
      s = s.worst(f.severity());
    }
    return s;
  }

  /** True when some problem has {@code code}. */
  public boolean has(String code) {
    return problems.stream().anyMatch(f -> f.code().equals(code));
  }
}
