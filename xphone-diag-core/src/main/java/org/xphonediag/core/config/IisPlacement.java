package org.xphonediag.core.config;

import java.util.Locale;
import java.util.Objects;

/**
 * Where the IIS with the two web applications runs (docs/field-guide.md#topology): on the XPhone Server machine
 * ({@code local}) or on a separate machine in the DMZ ({@code dmz}). Only the network settings of
 * the configuration files differ (docs/field-guide.md#web-config, #appsettings-json).
 */
public enum IisPlacement {
  /** IIS on the XPhone Server: {@code WcfIPEndPoint} {@code localhost}, {@code XPhoneServerHost} empty. */
  LOCAL,
  /** IIS in the DMZ: both files must name the XPhone Server. */
  DMZ;

  /** The name used on the command line and in reports: {@code local} or {@code dmz}. */
  public String optionName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * Parses {@code local} or {@code dmz} (any case).
   *
   * @throws IllegalArgumentException for anything else
   */
  public static IisPlacement parse(String text) {
    Objects.requireNonNull(text, "text");
    for (IisPlacement p : values()) {
      if (p.optionName().equalsIgnoreCase(text.strip())) {
        return p;
      }
    }
    throw new IllegalArgumentException("IIS placement must be local or dmz but was '" + text + "'");
  }
}
