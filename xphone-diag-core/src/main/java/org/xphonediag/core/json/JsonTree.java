package org.xphonediag.core.json;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import org.xphonediag.core.InputException;
import org.xphonediag.core.SourceLocation;

/**
 * A JSON document read with the location (line:column, characters) of every value and member name,
 * for hand-written files whose problems must be located (appsettings.json, deployment profiles).
 * {@code //} and {@code /* *}{@code /} comments and trailing commas are accepted. Every member is
 * kept in document order, repeated names included ({@link Obj#entries()}); what a repeat means is
 * the caller's rule. Reading never quotes more of the text than the parser's message does.
 *
 * <p>{@link #read} never throws for bad input: it returns what was read before a syntax error (the
 * containers being read then are marked incomplete) together with the located error; {@link #parse}
 * returns a whole document or throws that error. A byte order mark is the caller's to remove.
 *
 * <pre>{@code
 * JsonTree.Node root = JsonTree.parse(text, "site.jsonc", 32);
 * }</pre>
 */
public final class JsonTree {
  private JsonTree() {}

  /** A JSON value with where it starts. */
  public sealed interface Node permits Obj, Arr, Scalar {
    SourceLocation location();

    /** A word for messages: object, array, string, number, boolean, null. */
    String kind();

    /** False for a container a syntax error cut short. */
    boolean complete();
  }

  /**
   * One member of an object as written.
   *
   * @param name the member name
   * @param nameLocation where the name is
   * @param value its value
   */
  public record Member(String name, SourceLocation nameLocation, Node value) {
    public Member {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(nameLocation, "nameLocation");
      Objects.requireNonNull(value, "value");
    }
  }

  /** An object: its members in document order, repeated names included. */
  public static final class Obj implements Node {
    private final SourceLocation location;
    private final List<Member> entries = new ArrayList<>();
    private boolean complete;

    Obj(SourceLocation location) {
      this.location = location;
    }

    /** Every member as written, in document order. */
    public List<Member> entries() {
      return Collections.unmodifiableList(entries);
    }

    /** The members by name, in order of first appearance, each with its last value. */
    public Map<String, Node> members() {
      Map<String, Node> m = new LinkedHashMap<>();
      entries.forEach(e -> m.put(e.name(), e.value()));
      return Collections.unmodifiableMap(m);
    }

    /** Where each member name was last written, in order of first appearance. */
    public Map<String, SourceLocation> keyLocations() {
      Map<String, SourceLocation> m = new LinkedHashMap<>();
      entries.forEach(e -> m.put(e.name(), e.nameLocation()));
      return Collections.unmodifiableMap(m);
    }

    /** The last value written under {@code name}. */
    public Optional<Node> get(String name) {
      return Optional.ofNullable(members().get(name));
    }

    @Override
    public SourceLocation location() {
      return location;
    }

    @Override
    public String kind() {
      return "object";
    }

    @Override
    public boolean complete() {
      return complete;
    }

    @Override
    public String toString() {
      return "Obj[" + location + ", " + entries.size() + " member(s)]";
    }
  }

  /** An array. */
  public static final class Arr implements Node {
    private final SourceLocation location;
    private final List<Node> items = new ArrayList<>();
    private boolean complete;

    Arr(SourceLocation location) {
      this.location = location;
    }

    public List<Node> items() {
      return Collections.unmodifiableList(items);
    }

    @Override
    public SourceLocation location() {
      return location;
    }

    @Override
    public String kind() {
      return "array";
    }

    @Override
    public boolean complete() {
      return complete;
    }

    @Override
    public String toString() {
      return "Arr[" + location + ", " + items.size() + " item(s)]";
    }
  }

  /**
   * A string, number, boolean or null.
   *
   * @param value a String, a Number, a Boolean, or null
   * @param text a string's text or a number as written; empty for booleans and null
   * @param location where it is
   */
  public record Scalar(Object value, String text, SourceLocation location) implements Node {
    public Scalar {
      Objects.requireNonNull(text, "text");
      Objects.requireNonNull(location, "location");
    }

    @Override
    public String kind() {
      if (value == null) {
        return "null";
      }
      return value instanceof String ? "string" : value instanceof Boolean ? "boolean" : "number";
    }

    @Override
    public boolean complete() {
      return true;
    }
  }

  /** Bad JSON, located; {@link #reason()} is the parser's first line or one of the sentences below. */
  public static final class SyntaxException extends InputException {
    private static final long serialVersionUID = 1L;

    /** What kind of problem it is. */
    public enum Kind {
      /** No JSON value at all. */
      EMPTY,
      /** Content after the end of the document. */
      TRAILING,
      /** Containers nested deeper than the limit (the parser's message says how deep). */
      DEPTH,
      /** Anything the parser rejects. */
      SYNTAX
    }

    private final Kind kind;
    private final String parserMessage;

    SyntaxException(Kind kind, SourceLocation location, String reason, String parserMessage, Throwable cause) {
      super(location, reason, cause);
      this.kind = kind;
      this.parserMessage = parserMessage;
    }

    public Kind kind() {
      return kind;
    }

    /** The parser's whole message (for {@link Kind#SYNTAX}; else the reason), for callers that explain it. */
    public String parserMessage() {
      return parserMessage;
    }
  }

  /**
   * What {@link #read} got: the root (empty when not even the first value could be read) and the
   * error that stopped reading, if any.
   */
  public record Read(Optional<Node> root, Optional<SyntaxException> error) {
    public Read {
      Objects.requireNonNull(root, "root");
      Objects.requireNonNull(error, "error");
    }
  }

  /**
   * Parses a whole document.
   *
   * @param source the name used in locations
   * @param maxDepth the most containers open at once (the root counts)
   * @throws SyntaxException located: bad syntax, nothing to read, trailing content, too deep
   */
  public static Node parse(String text, String source, int maxDepth) throws SyntaxException {
    Read r = read(text, source, maxDepth);
    if (r.error().isPresent()) {
      throw r.error().get();
    }
    return r.root().orElseThrow();
  }

  /**
   * Reads as much as can be read; never throws for bad input.
   *
   * @param source the name used in locations
   * @param maxDepth the most containers open at once (the root counts)
   */
  public static Read read(String text, String source, int maxDepth) {
    Objects.requireNonNull(text, "text");
    Objects.requireNonNull(source, "source");
    if (maxDepth < 1) {
      throw new IllegalArgumentException("maxDepth must be at least 1 but was " + maxDepth);
    }
    JsonFactory factory = JsonFactory.builder()
        .enable(JsonReadFeature.ALLOW_JAVA_COMMENTS)
        .enable(JsonReadFeature.ALLOW_TRAILING_COMMA)
        .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(maxDepth).build())
        .build();
    Node[] root = new Node[1];
    JsonParser[] parser = new JsonParser[1];
    try (JsonParser p = factory.createParser(text)) {
      parser[0] = p;
      if (p.nextToken() == null) {
        return new Read(Optional.empty(), Optional.of(new SyntaxException(SyntaxException.Kind.EMPTY,
            SourceLocation.of(source, 1, 1), "the file is empty; expected a JSON object", null, null)));
      }
      new Walk(p, source).value(n -> root[0] = n);
      if (p.nextToken() != null) {
        String what = "unexpected content after the end of the document";
        return new Read(Optional.of(root[0]), Optional.of(new SyntaxException(SyntaxException.Kind.TRAILING,
            loc(p, source), what, what, null)));
      }
      return new Read(Optional.of(root[0]), Optional.empty());
    } catch (JacksonException e) {
      // the nesting limit's exception has no location of its own: where the parser stopped
      JsonLocation l = e.getLocation() != null || parser[0] == null ? e.getLocation() : parser[0].currentLocation();
      SourceLocation where = l == null ? SourceLocation.of(source)
          : SourceLocation.of(source, Math.max(1, l.getLineNr()), Math.max(0, l.getColumnNr()));
      String message = e.getOriginalMessage() == null ? "unreadable JSON" : e.getOriginalMessage();
      SyntaxException.Kind kind = e instanceof StreamConstraintsException && message.contains("nesting depth")
          ? SyntaxException.Kind.DEPTH : SyntaxException.Kind.SYNTAX;
      return new Read(Optional.ofNullable(root[0]), Optional.of(new SyntaxException(kind, where,
          message.split("\n")[0], message, e)));
    } catch (IOException e) {
      throw new IllegalStateException("reading from a String cannot fail: " + e.getMessage(), e);
    }
  }

  private static SourceLocation loc(JsonParser p, String source) {
    JsonLocation l = p.currentTokenLocation();
    return SourceLocation.of(source, Math.max(1, l.getLineNr()), Math.max(0, l.getColumnNr()));
  }

  /** Builds the tree from the parser; a container is attached before its content is read. */
  private static final class Walk {
    private final JsonParser p;
    private final String source;

    Walk(JsonParser p, String source) {
      this.p = p;
      this.source = source;
    }

    /** Reads the value at the current token; {@code attach} receives it before its content is read. */
    void value(Consumer<Node> attach) throws IOException {
      SourceLocation here = loc(p, source);
      JsonToken tok = p.currentToken();
      switch (tok) {
        case START_OBJECT: {
          Obj o = new Obj(here);
          attach.accept(o);
          while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            SourceLocation keyLoc = loc(p, source);
            p.nextToken();
            value(n -> o.entries.add(new Member(name, keyLoc, n)));
          }
          o.complete = true;
          return;
        }
        case START_ARRAY: {
          Arr a = new Arr(here);
          attach.accept(a);
          while (p.nextToken() != JsonToken.END_ARRAY) {
            value(a.items::add);
          }
          a.complete = true;
          return;
        }
        case VALUE_STRING:
          String s = p.getText();
          attach.accept(new Scalar(s, s, here));
          return;
        case VALUE_NUMBER_INT:
        case VALUE_NUMBER_FLOAT:
          String n = p.getText();
          attach.accept(new Scalar(number(n), n, here));
          return;
        case VALUE_TRUE:
          attach.accept(new Scalar(Boolean.TRUE, "", here));
          return;
        case VALUE_FALSE:
          attach.accept(new Scalar(Boolean.FALSE, "", here));
          return;
        case VALUE_NULL:
          attach.accept(new Scalar(null, "", here));
          return;
        default:
          throw new IllegalStateException("unexpected token " + tok + " at " + here);
      }
    }

    private static Number number(String text) {
      try {
        return new BigDecimal(text);
      } catch (NumberFormatException e) {
        return Double.parseDouble(text);
      }
    }
  }
}
