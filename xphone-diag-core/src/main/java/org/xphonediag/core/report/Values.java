package org.xphonediag.core.report;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.xphonediag.core.Details;
import org.xphonediag.core.Secret;

/** Renders detail values as plain text for people; package-private. */
final class Values {
  private Values() {}

  /** Milliseconds with at most three decimals, as a number. */
  static BigDecimal millis(Duration d) {
    return BigDecimal.valueOf(d.toNanos()).movePointLeft(6).setScale(3, RoundingMode.HALF_UP).stripTrailingZeros();
  }

  static String text(Object v) {
    if (v instanceof Secret) {
      return Secret.MASK;
    }
    if (v instanceof Duration d) {
      return millis(d).toPlainString() + " ms";
    }
    if (v instanceof List<?> l) {
      StringBuilder sb = new StringBuilder("[");
      for (Object o : l) {
        if (sb.length() > 1) {
          sb.append(", ");
        }
        sb.append(text(o));
      }
      return sb.append(']').toString();
    }
    if (v instanceof Details d) {
      StringBuilder sb = new StringBuilder("{");
      for (Map.Entry<String, Object> e : d.asMap().entrySet()) {
        if (sb.length() > 1) {
          sb.append(", ");
        }
        sb.append(e.getKey()).append(": ").append(text(e.getValue()));
      }
      return sb.append('}').toString();
    }
    return String.valueOf(v);
  }

  static String duration(Duration d) {
    long ms = d.toMillis();
    if (ms < 1000) {
      return ms + " ms";
    }
    return BigDecimal.valueOf(ms).movePointLeft(3).setScale(1, RoundingMode.HALF_UP).toPlainString() + " s";
  }
}
