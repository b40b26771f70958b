package org.xphonediag.core.config.internal;

import java.util.Locale;
import org.xphonediag.core.Finding;
import org.xphonediag.core.FindingCatalog;
import org.xphonediag.core.SourceLocation;
import org.xphonediag.core.config.ConfigSource;

/** Shared finding shapes of the config rules. */
final class Problems {
  private Problems() {}

  static Finding badEncoding(ConfigSource source) {
    long at = source.badByteOffset().orElse(0);
    return FindingCatalog.CONFIG_SYNTAX.finding(String.format(Locale.ROOT,
            "%s cannot be decoded: byte %d is not valid %s", source.name(), at, source.encoding()))
        .location(SourceLocation.atOffset(source.name(), at))
        .remedy("Save " + source.name() + " as UTF-8 (with or without byte order mark); IIS cannot read it otherwise.")
        .build();
  }

  /** The location of a JSON member's value, with its key path. */
  static SourceLocation at(ConfigSource source, JsonNode node) {
    return SourceLocation.of(source.name(), node.valueLine(), node.valueColumn()).withPath(node.path());
  }

  /** The location of a JSON member's name, with its key path. */
  static SourceLocation atKey(ConfigSource source, JsonNode node) {
    return SourceLocation.of(source.name(), node.line(), node.column()).withPath(node.path());
  }
}
