package org.xphonediag.core;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One entry of the finding catalogue: a stable code, a title, the default severity, the default
 * remedy and its reference: where the code is documented (meaning, evidence, fix and the chapter of
 * the vendor's guide it comes from). The catalogue's entries live in {@link FindingCatalog}, each
 * documented in the project's {@code docs/findings.md}; codes are added, never renamed.
 *
 * @param code stable lower-case dotted code, e.g. {@code media.no-binding-success}
 * @param title a short name for people
 * @param severity the default severity (WARN or FAIL); a context that knows more may raise it
 * @param remedy what an administrator should do
 * @param ref where the code is documented; for catalogue entries {@code docs/findings.md#} plus the
 *     code, e.g. {@code docs/findings.md#media.no-binding-success}
 */
public record FindingCode(String code, String title, Status severity, String remedy, String ref) {
  private static final Pattern FORM = Pattern.compile("[a-z]+(\\.[a-z0-9]+(-[a-z0-9]+)*)+");

  /** Validates the entry. */
  public FindingCode {
    Objects.requireNonNull(code, "code");
    Objects.requireNonNull(title, "title");
    Objects.requireNonNull(severity, "severity");
    Objects.requireNonNull(remedy, "remedy");
    Objects.requireNonNull(ref, "ref");
    if (!FORM.matcher(code).matches()) {
      throw new IllegalArgumentException("finding code must be lower case and dotted but was '" + code + "'");
    }
    if (severity != Status.WARN && severity != Status.FAIL) {
      throw new IllegalArgumentException("default severity of " + code + " must be WARN or FAIL but was " + severity);
    }
  }

  /** Starts a finding of this code with the default severity and remedy. */
  public Finding.Builder finding(String message) {
    return Finding.builder(this, message);
  }

  @Override
  public String toString() {
    return code;
  }
}
