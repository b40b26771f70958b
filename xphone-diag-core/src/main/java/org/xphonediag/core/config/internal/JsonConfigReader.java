package org.xphonediag.core.config.internal;

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
import org.xphonediag.core.json.JsonTree;

/**
 * Reads an appsettings.json file (with the project's located JSON reader, {@link JsonTree}) the way
 * ASP.NET Core's JSON configuration provider does
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
  /** The deepest nesting read, as ASP.NET's reader allows it. */
  private static final int MAX_DEPTH = 64;

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
    JsonTree.Read read = JsonTree.read(source.text(), source.name(), MAX_DEPTH);
    if (read.root().isEmpty()) {
      JsonTree.SyntaxException e = read.error().orElseThrow();
      problems.add(e.kind() == JsonTree.SyntaxException.Kind.EMPTY
          ? syntax(1, 1, "the file holds no JSON; ASP.NET needs an object ({ ... }) at the top level")
          : syntax(line(e.location()), column(e.location()), explain(e.parserMessage())));
      return new Result(root, problems, false);
    }
    JsonTree.Node top = read.root().get();
    if (!(top instanceof JsonTree.Obj obj)) {
      problems.add(syntax(line(top.location()), column(top.location()),
          "the top level must be a JSON object ({ ... }) but is " + describe(top)));
      return new Result(root, problems, false);
    }
    readObject(obj, root, "");
    if (read.error().isPresent()) {
      JsonTree.SyntaxException e = read.error().get();
      problems.add(e.kind() == JsonTree.SyntaxException.Kind.TRAILING
          ? syntax(line(e.location()), column(e.location()), "text after the end of the top-level object; remove it")
          : syntax(line(e.location()), column(e.location()), explain(e.parserMessage())));
      return new Result(root, problems, false);
    }
    return new Result(root, problems, true);
  }

  private static int line(SourceLocation l) {
    return Math.max(1, l.line().orElse(1));
  }

  private static int column(SourceLocation l) {
    return Math.max(0, l.column().orElse(0));
  }

  /**
   * Reads the members of {@code tree} into {@code obj}, merging repeated objects and reporting
   * repeats; returns false where a syntax error cut the document short (nothing after it is judged).
   */
  private boolean readObject(JsonTree.Obj tree, JsonNode obj, String flat) {
    int added = 0;
    for (JsonTree.Member m : tree.entries()) {
      added++;
      String name = m.name();
      SourceLocation nameLoc = m.nameLocation();
      String path = obj.path().isEmpty() ? name : obj.path() + "." + name;
      String childFlat = flat.isEmpty() ? fold(name) : flat + ":" + fold(name);
      JsonNode existing = obj.member(name).orElse(null);
      int before = collisions;
      if (existing != null) {
        duplicateDepth++;
      }
      boolean whole = existing != null && existing.kind() == JsonNode.Kind.OBJECT && m.value() instanceof JsonTree.Obj o
          ? readObject(o, existing, childFlat)
          : readValue(m.value(), obj, name, path, childFlat, nameLoc);
      if (!whole) {
        return false;
      }
      if (existing != null) {
        duplicateDepth--;
        problems.add(duplicate(existing, name, path, nameLoc, collisions - before));
      }
    }
    if (!tree.complete()) {
      return false;
    }
    if (added == 0 && !flat.isEmpty()) {
      leaves.put(flat, new int[] {obj.line(), obj.column()});
    }
    return true;
  }

  /** Adds {@code v} under {@code parent} ({@code keyLoc} null for an array element); false when cut short. */
  private boolean readValue(JsonTree.Node v, JsonNode parent, String key, String path, String flat,
      SourceLocation keyLoc) {
    int valueLine = line(v.location());
    int valueColumn = column(v.location());
    int line = keyLoc == null ? valueLine : line(keyLoc);
    int col = keyLoc == null ? valueColumn : column(keyLoc);
    JsonNode.Kind kind = kindOf(v);
    String text = v instanceof JsonTree.Scalar s && (kind == JsonNode.Kind.STRING || kind == JsonNode.Kind.NUMBER)
        ? s.text() : "";
    JsonNode node = new JsonNode(kind, key, path, text, line, col, valueLine, valueColumn);
    if (keyLoc == null) {
      parent.addElement(node);
    } else {
      parent.putMember(node);
    }
    if (v instanceof JsonTree.Obj o) {
      return readObject(o, node, flat);
    }
    if (v instanceof JsonTree.Arr a) {
      int index = 0;
      for (JsonTree.Node e : a.items()) {
        if (!readValue(e, node, "", path + "." + index, flat + ":" + index, null)) {
          return false;
        }
        index++;
      }
      return a.complete();
    }
    int[] first = leaves.putIfAbsent(flat, new int[] {valueLine, valueColumn});
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
    return true;
  }

  private Finding duplicate(JsonNode first, String name, String path, SourceLocation at, int leafCollisions) {
    SourceLocation loc = at.withPath(path);
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
              line(at)))
          .evidence("firstLine", first.line()).build();
    }
    String effect = first.kind() == JsonNode.Kind.OBJECT
        ? "ASP.NET merges both objects, so settings may come from either"
        : "ASP.NET keeps the later value";
    return FindingCatalog.CONFIG_DUPLICATE_KEY.finding(String.format(Locale.ROOT,
        "%s: member %s appears twice in one object (%s; names are compared case-insensitively); %s",
        path, sameOrCase, where, effect)).location(loc)
        .remedy(String.format(Locale.ROOT, "In %s merge the two '%s' members (lines %d and %d) into one.",
            source.name(), name, first.line(), line(at)))
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

  private static String describe(JsonTree.Node n) {
    return switch (n.kind()) {
      case "array" -> "an array";
      case "string" -> "a string";
      case "number" -> "a number";
      case "boolean" -> "a boolean";
      default -> n.kind();
    };
  }

  private static JsonNode.Kind kindOf(JsonTree.Node n) {
    if (n instanceof JsonTree.Obj) {
      return JsonNode.Kind.OBJECT;
    }
    if (n instanceof JsonTree.Arr) {
      return JsonNode.Kind.ARRAY;
    }
    Object v = ((JsonTree.Scalar) n).value();
    if (v == null) {
      return JsonNode.Kind.NULL;
    }
    if (v instanceof String) {
      return JsonNode.Kind.STRING;
    }
    if (v instanceof Boolean b) {
      return b ? JsonNode.Kind.TRUE : JsonNode.Kind.FALSE;
    }
    return JsonNode.Kind.NUMBER;
  }

  private static String fold(String name) {
    return name.toLowerCase(Locale.ROOT);
  }
}
