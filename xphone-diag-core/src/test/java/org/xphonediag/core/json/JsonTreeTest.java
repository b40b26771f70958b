package org.xphonediag.core.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.xphonediag.core.InputException;
import org.xphonediag.core.SourceLocation;

class JsonTreeTest {

  @Test
  void parseKeepsEveryValuesLocationCommentsAndTrailingCommas() throws Exception {
    String text = "{\n  // a comment\n  \"a\": [1, \"two\", true, null,],\n  \"b\": {\"c\": 2.5},\n}";
    JsonTree.Obj root = assertInstanceOf(JsonTree.Obj.class, JsonTree.parse(text, "x.json", 8));
    assertEquals(SourceLocation.of("x.json", 1, 1), root.location());
    assertEquals(SourceLocation.of("x.json", 3, 3), root.keyLocations().get("a"));
    JsonTree.Arr a = assertInstanceOf(JsonTree.Arr.class, root.get("a").orElseThrow());
    assertEquals(SourceLocation.of("x.json", 3, 8), a.location());
    assertEquals(List.of("number", "string", "boolean", "null"), a.items().stream().map(JsonTree.Node::kind).toList());
    assertEquals(SourceLocation.of("x.json", 3, 12), a.items().get(1).location());
    JsonTree.Scalar c = assertInstanceOf(JsonTree.Scalar.class,
        ((JsonTree.Obj) root.get("b").orElseThrow()).get("c").orElseThrow());
    assertEquals("2.5", c.text());
    assertEquals(SourceLocation.of("x.json", 4, 14), c.location());
    assertTrue(root.complete() && a.complete());
  }

  @Test
  void repeatedNamesAreKeptInOrderAndTheLastOneIsTheValue() throws Exception {
    JsonTree.Obj root = (JsonTree.Obj) JsonTree.parse("{\"k\": 1,\n \"k\": 2}", "x.json", 8);
    assertEquals(List.of(SourceLocation.of("x.json", 1, 2), SourceLocation.of("x.json", 2, 2)),
        root.entries().stream().map(JsonTree.Member::nameLocation).toList());
    assertEquals("2", ((JsonTree.Scalar) root.get("k").orElseThrow()).text());
  }

  @Test
  void syntaxErrorIsAnInputExceptionWithLineAndColumn() {
    JsonTree.SyntaxException e = assertThrows(JsonTree.SyntaxException.class,
        () -> JsonTree.parse("{\n  \"name\": \"x\"\n  \"iis\": \"dmz\"\n}", "p.json", 8));
    assertInstanceOf(InputException.class, e);
    assertEquals(JsonTree.SyntaxException.Kind.SYNTAX, e.kind());
    assertEquals(SourceLocation.of("p.json", 3, 3), e.location());
    assertTrue(e.reason().contains("expecting comma"), e.reason());
    assertFalse(e.reason().contains("\n"), e.reason());
    assertEquals(1, e.problems().size());
    assertTrue(e.getMessage().startsWith("p.json:3:3: "), e.getMessage());
  }

  @Test
  void readWhenCutShortThenKeepsWhatCameBeforeAndMarksItIncomplete() {
    JsonTree.Read r = JsonTree.read("{\"a\": 1, \"b\": [2, 3", "x.json", 8);
    JsonTree.Obj root = (JsonTree.Obj) r.root().orElseThrow();
    assertFalse(root.complete());
    JsonTree.Arr b = (JsonTree.Arr) root.get("b").orElseThrow();
    assertFalse(b.complete());
    assertEquals(2, b.items().size());
    assertEquals(JsonTree.SyntaxException.Kind.SYNTAX, r.error().orElseThrow().kind());
    assertEquals(1, r.error().get().location().line().orElseThrow());
  }

  @Test
  void emptyTrailingAndTooDeepAreLocatedToo() throws Exception {
    JsonTree.SyntaxException empty = assertThrows(JsonTree.SyntaxException.class,
        () -> JsonTree.parse("  // nothing\n", "e.json", 8));
    assertEquals(JsonTree.SyntaxException.Kind.EMPTY, empty.kind());
    assertEquals(SourceLocation.of("e.json", 1, 1), empty.location());
    JsonTree.SyntaxException trailing = assertThrows(JsonTree.SyntaxException.class,
        () -> JsonTree.parse("{}\n[]", "t.json", 8));
    assertEquals(JsonTree.SyntaxException.Kind.TRAILING, trailing.kind());
    assertEquals(SourceLocation.of("t.json", 2, 1), trailing.location());
    JsonTree.SyntaxException deep = assertThrows(JsonTree.SyntaxException.class,
        () -> JsonTree.parse("[[[[1]]]]", "d.json", 3));
    assertEquals(JsonTree.SyntaxException.Kind.DEPTH, deep.kind());
    assertEquals(1, deep.location().line().orElseThrow());
    JsonTree.parse("[[[1]]]", "d.json", 3);
  }
}
