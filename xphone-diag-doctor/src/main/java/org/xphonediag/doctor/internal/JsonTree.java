package org.xphonediag.doctor.internal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.xphonediag.core.SourceLocation;

/**
 * A JSON document read with the location (line:column, characters) of every value, for
 * configuration files whose errors must be located. Comments and trailing commas are accepted.
 * Depth and size are capped by the caller's input; nesting deeper than {@value #MAX_DEPTH} is
 * rejected.
 */
public final class JsonTree {
  static final int MAX_DEPTH = 32;

  private static final JsonFactory FACTORY = JsonFactory.builder()
      .enable(JsonReadFeature.ALLOW_JAVA_COMMENTS)
      .enable(JsonReadFeature.ALLOW_TRAILING_COMMA)
      .build();

  private JsonTree() {}

  /** A JSON value with where it starts; for an object member, the key's location. */
  public sealed interface Node permits Obj, Arr, Scalar {
    SourceLocation location();

    /** A word for messages: object, array, string, number, boolean, null. */
    String kind();
  }

  /** An object; members keep their order. A repeated key is reported by the reader. */
  public record Obj(Map<String, Node> members, Map<String, SourceLocation> keyLocations, SourceLocation location)
      implements Node {
    @Override
    public String kind() {
      return "object";
    }
  }

  /** An array. */
  public record Arr(List<Node> items, SourceLocation location) implements Node {
    @Override
    public String kind() {
      return "array";
    }
  }

  /** A string, number, boolean or null; {@code value} is a String, Number, Boolean or null. */
  public record Scalar(Object value, SourceLocation location) implements Node {
    @Override
    public String kind() {
      if (value == null) {
        return "null";
      }
      return value instanceof String ? "string" : value instanceof Boolean ? "boolean" : "number";
    }
  }

  /** Bad JSON syntax, located. */
  public static final class SyntaxException extends Exception {
    private final SourceLocation location;

    SyntaxException(String message, SourceLocation location) {
      super(location + ": " + message);
      this.location = location;
    }

    public SourceLocation location() {
      return location;
    }
  }

  /**
   * Parses {@code text} (a byte-order mark is ignored).
   *
   * @param source the name used in locations
   * @param duplicates receives a message for every repeated key (the last one wins, as in JSON readers)
   */
  public static Node parse(String text, String source, List<String> duplicates) throws SyntaxException {
    String t = text.startsWith("\uFEFF") ? text.substring(1) : text;
    try (JsonParser p = FACTORY.createParser(t)) {
      JsonToken first = p.nextToken();
      if (first == null) {
        throw new SyntaxException("the file is empty; expected a JSON object", SourceLocation.of(source, 1, 1));
      }
      Node n = read(p, source, duplicates, 0);
      if (p.nextToken() != null) {
        throw new SyntaxException("unexpected content after the end of the document", loc(p, source));
      }
      return n;
    } catch (JsonParseException e) {
      JsonLocation l = e.getLocation();
      SourceLocation where = l == null ? SourceLocation.of(source)
          : SourceLocation.of(source, Math.max(1, l.getLineNr()), Math.max(0, l.getColumnNr()));
      throw new SyntaxException(e.getOriginalMessage().split("\n")[0], where);
    } catch (IOException e) {
      throw new SyntaxException("cannot read JSON: " + e.getMessage(), SourceLocation.of(source));
    }
  }

  private static Node read(JsonParser p, String source, List<String> duplicates, int depth)
      throws IOException, SyntaxException {
    if (depth > MAX_DEPTH) {
      throw new SyntaxException("nesting deeper than " + MAX_DEPTH + " levels", loc(p, source));
    }
    SourceLocation here = loc(p, source);
    JsonToken tok = p.currentToken();
    switch (tok) {
      case START_OBJECT: {
        Map<String, Node> members = new LinkedHashMap<>();
        Map<String, SourceLocation> keys = new LinkedHashMap<>();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
          String name = p.currentName();
          SourceLocation keyLoc = loc(p, source);
          p.nextToken();
          Node value = read(p, source, duplicates, depth + 1);
          if (members.containsKey(name)) {
            duplicates.add(keyLoc + ": key '" + name + "' repeats the one at line "
                + keys.get(name).line().orElse(0) + "; the last one wins");
          }
          members.put(name, value);
          keys.put(name, keyLoc);
        }
        return new Obj(Collections.unmodifiableMap(members), Collections.unmodifiableMap(keys), here);
      }
      case START_ARRAY: {
        List<Node> items = new ArrayList<>();
        while (p.nextToken() != JsonToken.END_ARRAY) {
          items.add(read(p, source, duplicates, depth + 1));
        }
        return new Arr(List.copyOf(items), here);
      }
      case VALUE_STRING:
        return new Scalar(p.getText(), here);
      case VALUE_NUMBER_INT:
      case VALUE_NUMBER_FLOAT:
        return new Scalar(p.getNumberValue(), here);
      case VALUE_TRUE:
        return new Scalar(Boolean.TRUE, here);
      case VALUE_FALSE:
        return new Scalar(Boolean.FALSE, here);
      case VALUE_NULL:
        return new Scalar(null, here);
      default:
        throw new SyntaxException("unexpected " + tok, here);
    }
  }

  private static SourceLocation loc(JsonParser p, String source) {
    JsonLocation l = p.currentTokenLocation();
    return SourceLocation.of(source, Math.max(1, l.getLineNr()), Math.max(0, l.getColumnNr()));
  }
}
