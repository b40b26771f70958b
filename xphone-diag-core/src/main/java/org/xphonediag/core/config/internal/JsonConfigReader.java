package org.xphonediag.core.config.internal;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.xphonediag.core.FindingCatalog;
import org.xphonediag.core.Finding;
import org.xphonediag.core.SourceLocation;
import org.xphonediag.core.Status;
import org.xphonediag.core.config.ConfigSource;

/**
 * Reads an appsettings.json file the way ASP.NET Core's JSON configuration provider does
 * (docs/field-guide.md#appsettings-json): {@code //} and {@code /* *}{@code /} comments and trailing commas are accepted, the
 * top level must be an object, member names are compared case-insensitively. Every duplicate is
 * reported and reading goes on: two scalars under the same configuration key make ASP.NET refuse
 * the file ({@code A duplicate key ... was found}), so that is a FAIL; two objects under the same
 * name are merged by ASP.NET, a WARN. A syntax error stops reading; what was read before it is
 * kept. Syntax messages never quote the file's text (a secret could be there).
 *
 * <p>Deliberate departures from DEPENDENCIES.md "Jackson for appsettings.json": Jackson's
 * {@code STRICT_DUPLICATE_DETECTION} is off because it stops at the first duplicate (duplicates are
 * tracked here, per object and per flattened configuration key, to report all of them), and
 * {@code INCLUDE_SOURCE_IN_LOCATION} is off because it would copy file text, possibly the Secret,
 * into error messages. The duplicate rule follows ASP.NET Core's {@code JsonConfigurationFileParser}
 * (it throws {@code FormatException} when a configuration key receives a second value), not the
 * "last one wins" folklore: that holds only for repeated objects, which are merged.
 */
public final class JsonConfigReader {
  private static final JsonFactory FACTORY = JsonFactory.builder()
      .enable(JsonReadFeature.ALLOW_JAVA_COMMENTS)
      .enable(JsonReadFeature.ALLOW_TRAILING_COMMA)
      .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(64).build())
      .build();

  private static final Pattern UNEXPECTED = Pattern.compile("^Unexpected character \\('(.)'");

  /** What was read: the (possibly partial) root object, the problems, and whether reading completed. */
  public record Result(JsonNode root, List<Finding> problems, boolean complete) {}

  private final ConfigSource source;
  private final List<Finding> problems = new ArrayList<>();
  private final Map<String, int[]> leaves = new HashMap<>();
  private int collisions;
  private int duplicateDepth;

  private JsonConfigReader(ConfigSource source) {
    this.source = source;
  }

  /** Reads {@code source}; never throws for bad content. */
  public static Result read(ConfigSource source) {
    return new JsonConfigReader(source).run();
  }

  private Result run() {
    JsonNode root = new JsonNode(JsonNode.Kind.OBJECT, "", "", "", 1, 1, 1, 1);
    if (source.badByteOffset().isPresent()) {
      problems.add(Problems.badEncoding(source));
      return new Result(root, problems, false);
    }
    try (JsonParser p = FACTORY.createParser(source.text())) {
      JsonToken t = p.nextToken();
      if (t == null) {
        problems.add(syntax(1, 1, "the file holds no JSON; ASP.NET needs an object ({ ... }) at the top level"));
        return new Result(root, problems, false);
      }
      if (t != JsonToken.START_OBJECT) {
        JsonLocation l = p.currentTokenLocation();
        problems.add(syntax(l.getLineNr(), l.getColumnNr(),
            "the top level must be a JSON object ({ ... }) but is " + describe(t)));
        return new Result(root, problems, false);
      }
      readObject(p, root, "");
      if (p.nextToken() != null) {
        JsonLocation l = p.currentTokenLocation();
        problems.add(syntax(l.getLineNr(), l.getColumnNr(),
            "text after the end of the top-level object; remove it"));
        return new Result(root, problems, false);
      }
      return new Result(root, problems, true);
    } catch (JacksonException e) {
      JsonLocation l = e.getLocation();
      int line = l == null ? 1 : Math.max(1, l.getLineNr());
      int col = l == null ? 0 : Math.max(0, l.getColumnNr());
      problems.add(syntax(line, col, explain(e.getOriginalMessage())));
      return new Result(root, problems, false);
    } catch (IOException e) {
      throw new IllegalStateException("reading from a String cannot fail: " + e.getMessage(), e);
    }
  }

  private void readObject(JsonParser p, JsonNode obj, String flat) throws IOException {
    int added = 0;
    JsonToken t;
    while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
      added++;
      String name = p.currentName();
      JsonLocation nameLoc = p.currentTokenLocation();
      String path = obj.path().isEmpty() ? name : obj.path() + "." + name;
      String childFlat = flat.isEmpty() ? fold(name) : flat + ":" + fold(name);
      JsonNode existing = obj.member(name).orElse(null);
      JsonToken v = p.nextToken();
      int before = collisions;
      if (existing != null) {
        duplicateDepth++;
      }
      if (existing != null && existing.kind() == JsonNode.Kind.OBJECT && v == JsonToken.START_OBJECT) {
        readObject(p, existing, childFlat);
      } else {
        readValue(p, v, obj, name, path, childFlat, nameLoc);
      }
      if (existing != null) {
        duplicateDepth--;
        problems.add(duplicate(existing, name, path, nameLoc, collisions - before));
      }
    }
    if (t != JsonToken.END_OBJECT) {
      throw new IllegalStateException("unexpected token " + t + " inside an object");
    }
    if (added == 0 && !flat.isEmpty()) {
      leaves.put(flat, new int[] {obj.line(), obj.column()});
    }
  }

  private void readValue(JsonParser p, JsonToken v, JsonNode parent, String key, String path, String flat,
      JsonLocation keyLoc) throws IOException {
    JsonLocation vl = p.currentTokenLocation();
    int line = keyLoc == null ? vl.getLineNr() : keyLoc.getLineNr();
    int col = keyLoc == null ? vl.getColumnNr() : keyLoc.getColumnNr();
    JsonNode.Kind kind = kindOf(v);
    String text = kind == JsonNode.Kind.STRING || kind == JsonNode.Kind.NUMBER ? p.getText() : "";
    JsonNode node = new JsonNode(kind, key, path, text, line, col, vl.getLineNr(), vl.getColumnNr());
    if (keyLoc == null) {
      parent.addElement(node);
    } else {
      parent.putMember(node);
    }
    if (kind == JsonNode.Kind.OBJECT) {
      readObject(p, node, flat);
    } else if (kind == JsonNode.Kind.ARRAY) {
      int index = 0;
      JsonToken e;
      while ((e = p.nextToken()) != JsonToken.END_ARRAY) {
        readValue(p, e, node, "", path + "." + index, flat + ":" + index, null);
        index++;
      }
    } else {
      int[] first = leaves.putIfAbsent(flat, new int[] {vl.getLineNr(), vl.getColumnNr()});
      if (first != null) {
        collisions++;
        if (duplicateDepth == 0) {
          problems.add(FindingCatalog.CONFIG_DUPLICATE_KEY.finding(String.format(Locale.ROOT,
              "%s: configuration key '%s' is set twice (first at line %d), which ASP.NET refuses to load",
              path, flat, first[0])).severity(Status.FAIL)
              .location(SourceLocation.of(source.name(), line, col).withPath(path))
              .remedy("Write the key once: keys containing ':' and nested objects name the same setting.")
              .build());
        }
      }
    }
  }

  private Finding duplicate(JsonNode first, String name, String path, JsonLocation at, int leafCollisions) {
    SourceLocation loc = SourceLocation.of(source.name(), at.getLineNr(), at.getColumnNr()).withPath(path);
    String sameOrCase = first.key().equals(name) ? "'" + name + "'" : "'" + name + "' (as '" + first.key() + "')";
    String where = "first at line " + first.line();
    if (leafCollisions > 0) {
      return FindingCatalog.CONFIG_DUPLICATE_KEY.finding(String.format(Locale.ROOT,
          "%s: member %s appears twice in one object (%s; names are compared case-insensitively); "
              + "%d setting%s now set twice, and ASP.NET Core then refuses to load the file "
              + "(\"A duplicate key ... was found\")",
          path, sameOrCase, where, leafCollisions, leafCollisions == 1 ? " is" : "s are"))
          .severity(Status.FAIL).location(loc)
          .remedy(String.format(Locale.ROOT, "In %s delete one of the two '%s' members (lines %d and %d) and keep "
              + "the value you want, then restart the IIS default web site.", source.name(), name, first.line(),
              at.getLineNr()))
          .evidence("firstLine", first.line()).build();
    }
    String effect = first.kind() == JsonNode.Kind.OBJECT
        ? "ASP.NET merges both objects, so settings may come from either"
        : "ASP.NET keeps the later value";
    return FindingCatalog.CONFIG_DUPLICATE_KEY.finding(String.format(Locale.ROOT,
        "%s: member %s appears twice in one object (%s; names are compared case-insensitively); %s",
        path, sameOrCase, where, effect)).location(loc)
        .remedy(String.format(Locale.ROOT, "In %s merge the two '%s' members (lines %d and %d) into one.",
            source.name(), name, first.line(), at.getLineNr()))
        .evidence("firstLine", first.line()).build();
  }

  private Finding syntax(int line, int column, String what) {
    return FindingCatalog.CONFIG_SYNTAX.finding(String.format(Locale.ROOT, "%s is not valid JSON at line %d, column %d: %s",
            source.name(), line, column, what))
        .location(SourceLocation.of(source.name(), line, column))
        .remedy(String.format(Locale.ROOT, "Fix %s at line %d, column %d (%s); ASP.NET cannot load the file "
            + "otherwise and the WebClientApi does not start.", source.name(), line, column, what))
        .build();
  }

  /** Turns a Jackson message into one for administrators, without quoting the file's text. */
  static String explain(String jackson) {
    String m = jackson == null ? "" : jackson;
    if (m.contains("expecting comma to separate Object entries")) {
      return "expected ',' or '}' here: a comma is missing between two members";
    }
    if (m.contains("expecting comma to separate Array entries")) {
      return "expected ',' or ']' here: a comma is missing between two array elements";
    }
    if (m.contains("expecting double-quote to start field name")) {
      return "expected a member name in double quotes";
    }
    if (m.contains("end-of-input")) {
      return "the file ends early: a closing '}', ']' or '\"' is missing";
    }
    if (m.contains("Unrecognized token") || m.contains("Unrecognized character escape")) {
      return "unexpected text: values other than numbers, true, false and null need double quotes";
    }
    if (m.startsWith("Unexpected character")) {
      Matcher c = UNEXPECTED.matcher(m);
      String which = c.find() && "{}[],:\"/".indexOf(c.group(1).charAt(0)) >= 0 ? " '" + c.group(1) + "'" : "";
      return "unexpected character" + which + (m.contains("expected a valid value")
          ? ": expected a value (a string in double quotes, a number, true, false, null, an object or an array)"
          : "");
    }
    return firstLine(m.replaceAll("'[^'\\n]*'", "'...'"));
  }

  private static String firstLine(String s) {
    int nl = s.indexOf('\n');
    String one = nl >= 0 ? s.substring(0, nl) : s;
    return one.length() > 160 ? one.substring(0, 160) + "..." : one;
  }

  private static String describe(JsonToken t) {
    return switch (t) {
      case START_ARRAY -> "an array";
      case VALUE_STRING -> "a string";
      case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
      case VALUE_TRUE, VALUE_FALSE -> "a boolean";
      case VALUE_NULL -> "null";
      default -> t.name().toLowerCase(Locale.ROOT);
    };
  }

  private static JsonNode.Kind kindOf(JsonToken t) {
    return switch (t) {
      case START_OBJECT -> JsonNode.Kind.OBJECT;
      case START_ARRAY -> JsonNode.Kind.ARRAY;
      case VALUE_STRING -> JsonNode.Kind.STRING;
      case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> JsonNode.Kind.NUMBER;
      case VALUE_TRUE -> JsonNode.Kind.TRUE;
      case VALUE_FALSE -> JsonNode.Kind.FALSE;
      case VALUE_NULL -> JsonNode.Kind.NULL;
      default -> throw new IllegalStateException("not a value token: " + t);
    };
  }

  private static String fold(String name) {
    return name.toLowerCase(Locale.ROOT);
  }
}
