package org.xphonediag.core.config.internal;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * How ASP.NET turns configuration strings into values (docs/field-guide.md#appsettings-json): configuration stores every
 * value as a string and the binder converts it with the type's invariant-culture converter. An
 * {@code int} accepts optional surrounding white space, a sign and decimal digits, or hexadecimal
 * after {@code 0x} or {@code #}; a {@code bool} accepts {@code true}/{@code false} in any case
 * with surrounding white space; log levels are enum names in any case.
 */
final class AspNetValues {
  /** The log levels of Microsoft.Extensions.Logging, most verbose first. */
  static final List<String> LOG_LEVELS = List.of("Trace", "Debug", "Information", "Warning", "Error", "Critical", "None");

  private AspNetValues() {}

  static OptionalInt parseInt(String text) {
    String t = text.strip();
    try {
      if (t.startsWith("0x") || t.startsWith("0X")) {
        return hex(t.substring(2));
      }
      if (t.startsWith("#")) {
        return hex(t.substring(1));
      }
      if (!t.matches("[+-]?[0-9]+")) {
        return OptionalInt.empty();
      }
      return OptionalInt.of(Integer.parseInt(t.startsWith("+") ? t.substring(1) : t));
    } catch (NumberFormatException e) {
      return OptionalInt.empty();
    }
  }

  private static OptionalInt hex(String digits) {
    if (!digits.matches("[0-9a-fA-F]{1,8}")) {
      return OptionalInt.empty();
    }
    return OptionalInt.of((int) Long.parseLong(digits, 16));
  }

  static Optional<Boolean> parseBool(String text) {
    String t = text.strip();
    if (t.equalsIgnoreCase("true")) {
      return Optional.of(true);
    }
    if (t.equalsIgnoreCase("false")) {
      return Optional.of(false);
    }
    return Optional.empty();
  }

  /** The index into {@link #LOG_LEVELS} of a level name (any case), or -1. */
  static int logLevel(String text) {
    String t = text.strip();
    for (int i = 0; i < LOG_LEVELS.size(); i++) {
      if (LOG_LEVELS.get(i).equalsIgnoreCase(t)) {
        return i;
      }
    }
    return -1;
  }

  static String quote(String s) {
    String shown = s.length() > 60 ? s.substring(0, 60) + "..." : s;
    return "'" + shown.replace("\n", "\\n").replace("\r", "\\r") + "'";
  }

  static String lower(String s) {
    return s.toLowerCase(Locale.ROOT);
  }
}
