package org.xphonediag.core;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The stable identifier of a check: lower case, dotted, such as {@code webapi.health} or
 * {@code stun.classic}. Ids are part of the JSON contract and never change once published.
 *
 * @param value the id text
 */
public record CheckId(String value) implements Comparable<CheckId> {
  private static final Pattern FORM = Pattern.compile("[a-z0-9][a-z0-9-]*(\\.[a-z0-9][a-z0-9-]*)*");

  /** Validates the id. */
  public CheckId {
    Objects.requireNonNull(value, "value");
    if (!FORM.matcher(value).matches()) {
      throw new IllegalArgumentException(
          "check id must be lower case, dotted ([a-z0-9-] segments separated by '.') but was '"
              + value + "'");
    }
  }

  /** Returns the id for {@code value}; see the class description for the form. */
  public static CheckId of(String value) {
    return new CheckId(value);
  }

  @Override
  public int compareTo(CheckId o) {
    return value.compareTo(o.value);
  }

  @Override
  public String toString() {
    return value;
  }
}
