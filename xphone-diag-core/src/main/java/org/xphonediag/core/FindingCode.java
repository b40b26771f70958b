package org.xphonediag.core;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One entry of the finding catalogue: a stable code, a title, the default severity, the default
 * remedy and the section of the field guide (DOMAIN.md) it comes from. All entries live in
 * {@link FindingCatalog}; codes are added, never renamed.
 *
 * @param code stable lower-case dotted code, e.g. {@code media.no-binding-success}
 * @param title a short name for people
 * @param severity the default severity (WARN or FAIL); a context that knows more may raise it
 * @param remedy what an administrator should do
 * @param ref the DOMAIN.md section, e.g. {@code DOMAIN §7}
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
