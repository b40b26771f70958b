package org.xphonediag.core.config.internal;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * One value of an appsettings.json file with where it was written. Object members are looked up
 * case-insensitively, as ASP.NET configuration does (docs/field-guide.md#appsettings-json); a repeated member replaces the
 * earlier one, except that two objects under the same name are merged, as ASP.NET flattens both
 * into the same configuration keys. Built by {@link JsonConfigReader}; not thread-safe while built.
 */
public final class JsonNode {
  /** The JSON kind of the value. */
  public enum Kind { OBJECT, ARRAY, STRING, NUMBER, TRUE, FALSE, NULL }

  private final Kind kind;
  private final String key;
  private final String path;
  private final String text;
  private final int line;
  private final int column;
  private final int valueLine;
  private final int valueColumn;
  private final Map<String, JsonNode> members = new LinkedHashMap<>();
  private final List<JsonNode> elements = new ArrayList<>();

  JsonNode(Kind kind, String key, String path, String text, int line, int column, int valueLine, int valueColumn) {
    this.kind = kind;
    this.key = key;
    this.path = path;
    this.text = text;
    this.line = line;
    this.column = column;
    this.valueLine = valueLine;
    this.valueColumn = valueColumn;
  }

  public Kind kind() {
    return kind;
  }

  /** The member name as written; empty for the root and array elements. */
  public String key() {
    return key;
  }

  /** The dotted key path as written, e.g. {@code AppSettings.Secret}; empty for the root. */
  public String path() {
    return path;
  }

  /** Line of the member name (or of the value for array elements), 1-based. */
  public int line() {
    return line;
  }

  /** Column of the member name, 1-based characters. */
  public int column() {
    return column;
  }

  /** Line of the value. */
  public int valueLine() {
    return valueLine;
  }

  /** Column of the value. */
  public int valueColumn() {
    return valueColumn;
  }

  /** True for strings, numbers, booleans and null. */
  public boolean isScalar() {
    return kind != Kind.OBJECT && kind != Kind.ARRAY;
  }

  /**
   * The value as ASP.NET configuration stores it: the string's text, a number as written,
   * {@code True}/{@code False} for booleans, empty for null; empty for objects and arrays.
   */
  public Optional<String> configValue() {
    switch (kind) {
      case STRING:
      case NUMBER:
        return Optional.of(text);
      case TRUE:
        return Optional.of("True");
      case FALSE:
        return Optional.of("False");
      case NULL:
        return Optional.of("");
      default:
        return Optional.empty();
    }
  }

  /** The member named {@code name}, compared case-insensitively. */
  public Optional<JsonNode> member(String name) {
    return Optional.ofNullable(members.get(fold(name)));
  }

  /** The members in the order first written (the value is the effective one). */
  public List<JsonNode> members() {
    return Collections.unmodifiableList(new ArrayList<>(members.values()));
  }

  /** The array elements. */
  public List<JsonNode> elements() {
    return Collections.unmodifiableList(elements);
  }

  JsonNode putMember(JsonNode child) {
    members.put(fold(child.key), child);
    return child;
  }

  void addElement(JsonNode child) {
    elements.add(child);
  }

  static String fold(String name) {
    return name.toLowerCase(Locale.ROOT);
  }

  @Override
  public String toString() {
    return "JsonNode[" + path + " " + kind + " at " + line + ":" + column + "]";
  }
}
