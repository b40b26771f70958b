package org.xphonediag.core.acl.internal;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.xphonediag.core.SourceLocation;
import org.xphonediag.core.acl.AclParseException;

/**
 * Reads XML the way FreeSWITCH reads its configuration: first its line-based preprocessor
 * ({@code preprocess()} in {@code switch_xml.c}), then its lenient parser ({@code
 * switch_xml_parse_str}). Written here from their behaviour, not from their code:
 * <ul>
 *   <li>a line holding {@code <include>}, {@code </include>} or {@code <?} is dropped whole;
 *   <li>a line holding {@code X-PRE-PROCESS} (any case) is dropped whole and, when a {@code <}
 *       precedes the word, is a directive ({@code cmd}, {@code data}): {@code include} and
 *       {@code exec} put text there that this reader cannot see, {@code set} defines a
 *       {@code $${variable}}. A directive inside an XML comment that spans other lines stays
 *       commented out; one whose comment sits on its own line is live (the line is dropped);
 *   <li>an attribute name may be followed by any run of white space and {@code =} before its
 *       quoted value (so a missing {@code =} is accepted); a name without a quoted value gets the
 *       empty value; attributes need no white space between them; of two attributes with one
 *       name the first counts; entity and character references are decoded where known and kept
 *       as written otherwise; white space inside a value becomes a space;
 *   <li>the file is a fragment of FreeSWITCH's whole configuration, so it may hold several
 *       top-level elements (or none) and text between them.
 * </ul>
 * Refused with a located {@link AclParseException}, as FreeSWITCH refuses them: an unterminated
 * quoted value, a tag without {@code >}, a closing tag that does not match the open element, an
 * unclosed comment, CDATA section or processing instruction, a {@code <} that starts nothing, and
 * an element still open at the end. A DOCTYPE is refused as well (FreeSWITCH would read an
 * internal DTD; this reader never reads one, so no entity can expand).
 *
 * <p>Only the elements named in {@code keep} are materialised, with their attributes, location
 * and kept children; the others are walked and dropped, so memory stays proportional to the
 * ACL, not to the file. Sloppy forms that FreeSWITCH accepts are reported as {@link Note}s.
 */
public final class FsXml {
  private static final String WS = " \t\r\n";

  /** An attribute as FreeSWITCH reads it, with the position of its name. */
  public record Attr(String name, String value, int line, int column) {}

  /** An {@code X-PRE-PROCESS} directive (or a {@code <!--#} command) and where it was written. */
  public record Directive(String cmd, String data, int line, int column) {
    /** True for {@code include} and {@code exec}: they insert text this reader cannot see. */
    public boolean insertsText() {
      return cmd.equalsIgnoreCase("include") || cmd.equalsIgnoreCase("exec");
    }
  }

  /** Something FreeSWITCH accepts but that is probably not what the author meant. */
  public record Note(int line, int column, String message) {}

  /** A kept element: its name, attributes in order, location and kept children. */
  public static final class Element {
    private final String name;
    private final List<Attr> attrs;
    private final int line;
    private final int column;
    private final Element parent;
    private final List<Object> children = new ArrayList<>();

    Element(String name, List<Attr> attrs, int line, int column, Element parent) {
      this.name = name;
      this.attrs = attrs;
      this.line = line;
      this.column = column;
      this.parent = parent;
    }

    public String name() {
      return name;
    }

    /** The value FreeSWITCH's {@code switch_xml_attr} returns: the first attribute of that name. */
    public Optional<String> attr(String attrName) {
      return attribute(attrName).map(Attr::value);
    }

    /** The first attribute of that name. */
    public Optional<Attr> attribute(String attrName) {
      for (Attr a : attrs) {
        if (a.name().equals(attrName)) {
          return Optional.of(a);
        }
      }
      return Optional.empty();
    }

    public List<Attr> attrs() {
      return attrs;
    }

    public int line() {
      return line;
    }

    public int column() {
      return column;
    }

    /** The kept parent when the element's direct parent is kept; null otherwise. */
    public Element parent() {
      return parent;
    }

    /** Kept child elements and directives, in document order. */
    public List<Object> children() {
      return children;
    }

    /** Kept child elements of that name, in document order (FreeSWITCH's {@code switch_xml_child} chain). */
    public List<Element> elements(String childName) {
      List<Element> out = new ArrayList<>();
      for (Object o : children) {
        if (o instanceof Element e && e.name.equals(childName)) {
          out.add(e);
        }
      }
      return out;
    }
  }

  /**
   * What was read.
   *
   * @param elements every kept element whose direct parent is not kept, in document order
   * @param all every kept element, in document order
   * @param directives every directive, in document order
   * @param variables the {@code $${variables}} set by {@code set} directives in this file
   * @param notes sloppy forms, in document order
   */
  public record Document(List<Element> elements, List<Element> all, List<Directive> directives,
      Map<String, String> variables, List<Note> notes) {}

  private final String text;
  private final String source;
  private final Set<String> keep;
  private final int[] lineStarts;
  private final char[] work;
  private final List<Directive> directives = new ArrayList<>();
  private final List<Integer> directiveOffsets = new ArrayList<>();
  private final Map<String, String> variables = new LinkedHashMap<>();
  private final List<Note> notes = new ArrayList<>();
  private final List<Element> roots = new ArrayList<>();
  private final List<Element> all = new ArrayList<>();
  private final int maxKept;
  private int nextDirective;

  private FsXml(String text, String source, Set<String> keep, int maxKept) {
    this.text = text;
    this.source = source;
    this.keep = keep;
    this.maxKept = maxKept;
    this.work = text.toCharArray();
    int[] starts = new int[16];
    int n = 0;
    starts[n++] = 0;
    for (int i = 0; i < text.length(); i++) {
      if (text.charAt(i) == '\n') {
        if (n == starts.length) {
          starts = Arrays.copyOf(starts, n * 2);
        }
        starts[n++] = i + 1;
      }
    }
    this.lineStarts = Arrays.copyOf(starts, n);
  }

  /**
   * Reads {@code text}, keeping the elements named in {@code keep}.
   *
   * @param maxKept the most elements kept; more is refused as over the reading cap
   * @throws AclParseException where FreeSWITCH's reader would stop, and for a DOCTYPE
   */
  public static Document parse(String text, String source, Set<String> keep, int maxKept) throws AclParseException {
    FsXml x = new FsXml(text, source, Set.copyOf(keep), maxKept);
    x.preprocess();
    x.tokenize();
    notesInOrder(x.notes);
    return new Document(List.copyOf(x.roots), List.copyOf(x.all), List.copyOf(x.directives),
        Map.copyOf(x.variables), List.copyOf(x.notes));
  }

  private static void notesInOrder(List<Note> notes) {
    notes.sort((a, b) -> a.line() != b.line() ? Integer.compare(a.line(), b.line())
        : Integer.compare(a.column(), b.column()));
  }

  // ---- the preprocessor ---------------------------------------------------------------------

  private void preprocess() {
    boolean inHashComment = false;
    for (int li = 0; li < lineStarts.length; li++) {
      int start = lineStarts[li];
      int end = li + 1 < lineStarts.length ? lineStarts[li + 1] : text.length();
      String line = text.substring(start, end);
      if (line.contains("<include>") || line.contains("</include>") || line.contains("<?")) {
        String rest = line.replace("<include>", "").replace("</include>", "").replaceAll("<\\?.*?\\?>", "").strip();
        if (!rest.isEmpty()) {
          notes.add(new Note(li + 1, 1, String.format(Locale.ROOT, "FreeSWITCH's preprocessor drops the whole line "
              + "%d because it holds <include>, </include> or <?, so '%s' on it is never read: put it on a line "
              + "of its own", li + 1, excerpt(rest))));
        }
        blank(start, end);
        continue;
      }
      int from = 0;
      if (inHashComment) {
        int close = line.indexOf("-->");
        if (close < 0) {
          blank(start, end);
          continue;
        }
        inHashComment = false;
        blank(start, start + close + 3);
        from = close + 3;
      }
      int x = indexOfIgnoreCase(line, "x-pre-process", from);
      if (x >= 0) {
        blank(start, end);
        if (x == 0 || line.charAt(x - 1) != '<') {
          notes.add(new Note(li + 1, x + 1, "FreeSWITCH's preprocessor drops this line: it names X-PRE-PROCESS "
              + "without the '<' right before it"));
          continue;
        }
        directive(line, x, li + 1, x);
        continue;
      }
      int hash = line.indexOf("<!--#", from);
      if (hash >= 0) {
        int close = line.indexOf("-->", hash + 5);
        blank(start + hash, close < 0 ? end : start + close + 3);
        inHashComment = close < 0;
        String cmd = line.substring(hash + 5, close < 0 ? line.length() : close).strip();
        int sp = cmd.indexOf(' ');
        if (sp > 0) {
          String arg = cmd.substring(sp + 1).strip();
          if (arg.length() >= 2 && arg.startsWith("\"") && arg.indexOf('"', 1) > 0) {
            arg = arg.substring(1, arg.indexOf('"', 1));
          }
          addDirective(new Directive(cmd.substring(0, sp), arg, li + 1, hash + 1), start + hash);
        }
      }
    }
  }

  /** {@code col} is the 1-based column of the {@code <} before {@code X-PRE-PROCESS}, at index {@code x}. */
  private void directive(String line, int x, int lineNo, int col) {
    Quoted cmd = quotedAfter(line, "cmd", x);
    Quoted data = cmd == null ? null : quotedAfter(line, "data", cmd.end());
    if (data != null) {
      addDirective(new Directive(cmd.value(), data.value().strip(), lineNo, col), lineStarts[lineNo - 1] + col - 1);
    }
  }

  /**
   * The text in double quotes after {@code word} and an {@code =}, found as the preprocessor finds
   * it (the first occurrence of each, any case), with the index after the closing quote; null when
   * one is missing. An unclosed quote runs to the end of the line.
   */
  private record Quoted(String value, int end) {}

  private static Quoted quotedAfter(String line, String word, int from) {
    int w = indexOfIgnoreCase(line, word, from);
    int eq = w < 0 ? -1 : line.indexOf('=', w);
    int q = eq < 0 ? -1 : line.indexOf('"', eq);
    if (q < 0) {
      return null;
    }
    int end = line.indexOf('"', q + 1);
    return end < 0 ? new Quoted(line.substring(q + 1), line.length()) : new Quoted(line.substring(q + 1, end), end + 1);
  }

  private void addDirective(Directive d, int offset) {
    directives.add(d);
    directiveOffsets.add(offset);
    if (d.cmd().equalsIgnoreCase("set")) {
      int eq = d.data().indexOf('=');
      if (eq > 0) {
        variables.put(d.data().substring(0, eq).strip(), d.data().substring(eq + 1).strip());
      }
    }
  }

  private void blank(int from, int to) {
    for (int i = from; i < to; i++) {
      if (work[i] != '\n') {
        work[i] = ' ';
      }
    }
  }

  // ---- the parser ---------------------------------------------------------------------------

  /** One open element: its name and, when kept, the element. */
  private record Frame(String name, Element kept) {}

  private void tokenize() throws AclParseException {
    Deque<Frame> stack = new ArrayDeque<>();
    int n = work.length;
    int i = 0;
    while (true) {
      while (i < n && work[i] != '<') {
        i++;
      }
      placeDirectives(stack, i);
      if (i >= n) {
        break;
      }
      int lt = i;
      i++;
      if (i >= n) {
        throw error(lt, "a '<' at the end of the file starts no tag");
      }
      char c = work[i];
      if (Character.isLetter(c) || c == '_' || c == ':' || c > 127) {
        i = startTag(stack, lt, i);
      } else if (c == '/') {
        i = endTag(stack, lt, i + 1);
      } else if (startsWith(i, "!--")) {
        int dash = indexOf("--", i + 3);
        if (dash < 0 || dash + 2 >= n || work[dash + 2] != '>') {
          throw error(lt, "unclosed comment '<!--': FreeSWITCH needs '-->' and no '--' inside a comment");
        }
        i = dash + 3;
        commentedOut(i);
      } else if (startsWith(i, "![CDATA[")) {
        int end = indexOf("]]>", i);
        if (end < 0) {
          throw error(lt, "unclosed '<![CDATA['");
        }
        i = end + 3;
        commentedOut(i);
      } else if (startsWith(i, "!DOCTYPE")) {
        throw error(lt, "a DOCTYPE is refused (DTDs and entities are never read)");
      } else if (c == '?') {
        int end = indexOf("?>", i);
        if (end < 0) {
          throw error(lt, "unclosed processing instruction '<?'");
        }
        i = end + 2;
      } else {
        throw error(lt, "unexpected '<' followed by '" + printable(c) + "': it starts no tag, comment or section");
      }
    }
    if (!stack.isEmpty()) {
      Frame open = stack.peek();
      throw error(n, "the file ends while <" + open.name() + "> is still open: every element needs its closing tag");
    }
  }

  /** Attaches the directives written before {@code offset} to the open element, when it is kept. */
  private void placeDirectives(Deque<Frame> stack, int offset) {
    while (nextDirective < directives.size() && directiveOffsets.get(nextDirective) < offset) {
      Frame top = stack.peek();
      if (top != null && top.kept() != null) {
        top.kept().children.add(directives.get(nextDirective));
      }
      nextDirective++;
    }
  }

  /** Directives before {@code end} lie inside a comment or CDATA section: what they insert is not markup. */
  private void commentedOut(int end) {
    while (nextDirective < directives.size() && directiveOffsets.get(nextDirective) < end) {
      Directive d = directives.get(nextDirective);
      if (d.insertsText()) {
        notes.add(new Note(d.line(), d.column(), String.format(Locale.ROOT, "X-PRE-PROCESS %s '%s' lies inside a "
            + "comment that spans other lines: FreeSWITCH still runs it, but what it inserts stays commented out",
            d.cmd(), excerpt(d.data()))));
      }
      nextDirective++;
    }
  }

  private int startTag(Deque<Frame> stack, int lt, int from) throws AclParseException {
    int n = work.length;
    int i = from;
    while (i < n && WS.indexOf(work[i]) < 0 && work[i] != '/' && work[i] != '>') {
      i++;
    }
    String name = new String(work, from, i - from);
    while (i < n && isSpace(work[i])) {
      i++;
    }
    List<Attr> attrs = new ArrayList<>();
    int lastValueEnd = -1;
    while (i < n && work[i] != '/' && work[i] != '>') {
      int nameAt = i;
      if (lastValueEnd == i) {
        note(nameAt, "attribute '" + excerpt(word(i)) + "' follows the previous value without white space "
            + "(FreeSWITCH accepts it)");
      }
      while (i < n && WS.indexOf(work[i]) < 0 && work[i] != '=' && work[i] != '/' && work[i] != '>') {
        i++;
      }
      String attrName = new String(work, nameAt, i - nameAt);
      String value = "";
      boolean quoted = false;
      if (i < n && (work[i] == '=' || isSpace(work[i]))) {
        int sep = i;
        i++;
        while (i < n && (WS.indexOf(work[i]) >= 0 || work[i] == '=')) {
          i++;
        }
        int equals = 0;
        for (int k = sep; k < i; k++) {
          if (work[k] == '=') {
            equals++;
          }
        }
        char q = i < n ? work[i] : 0;
        if (q == '"' || q == '\'') {
          int vs = i + 1;
          int ve = vs;
          while (ve < n && work[ve] != q) {
            ve++;
          }
          if (ve >= n) {
            throw error(vs - 1, "the value of attribute '" + excerpt(attrName) + "' never ends: missing " + q);
          }
          value = decode(new String(work, vs, ve - vs));
          quoted = true;
          i = ve + 1;
          lastValueEnd = i;
          if (equals == 0) {
            note(nameAt, String.format(Locale.ROOT, "attribute '%s' has no '=' before its value (FreeSWITCH reads "
                + "it as %s=\"%s\")", excerpt(attrName), excerpt(attrName), excerpt(value)));
          } else if (equals > 1) {
            note(nameAt, String.format(Locale.ROOT, "attribute '%s' has %d '=' before its value (FreeSWITCH reads "
                + "it as %s=\"%s\")", excerpt(attrName), equals, excerpt(attrName), excerpt(value)));
          }
        }
      }
      if (!quoted && !attrName.isEmpty()) {
        note(nameAt, String.format(Locale.ROOT, "attribute '%s' has no quoted value: FreeSWITCH reads it as empty",
            excerpt(attrName)));
      }
      boolean duplicate = false;
      for (Attr a : attrs) {
        if (a.name().equals(attrName)) {
          duplicate = true;
          break;
        }
      }
      if (duplicate) {
        note(nameAt, String.format(Locale.ROOT, "attribute '%s' is written twice on <%s>: FreeSWITCH reads only the "
            + "first one", excerpt(attrName), excerpt(name)));
      }
      attrs.add(new Attr(attrName, value, lineOf(nameAt), columnOf(nameAt)));
      while (i < n && isSpace(work[i])) {
        i++;
      }
    }
    if (i >= n) {
      throw error(lt, "tag <" + excerpt(name) + "> has no '>'");
    }
    boolean selfClosing = work[i] == '/';
    if (selfClosing) {
      if (i + 1 >= n || work[i + 1] != '>') {
        throw error(lt, "tag <" + excerpt(name) + "> has a '/' that is not followed by '>'");
      }
      i++;
    }
    Frame top = stack.peek();
    Element kept = null;
    if (keep.contains(name)) {
      if (all.size() >= maxKept) {
        throw error(lt, "more than " + maxKept + " elements: the file exceeds the reading cap");
      }
      Element parent = top == null ? null : top.kept();
      kept = new Element(name, List.copyOf(attrs), lineOf(lt), columnOf(lt), parent);
      all.add(kept);
      if (parent != null) {
        parent.children.add(kept);
      } else {
        roots.add(kept);
      }
    }
    if (!selfClosing) {
      stack.push(new Frame(name, kept));
    }
    return i + 1;
  }

  private int endTag(Deque<Frame> stack, int lt, int from) throws AclParseException {
    int n = work.length;
    int i = from;
    while (i < n && WS.indexOf(work[i]) < 0 && work[i] != '>') {
      i++;
    }
    String name = new String(work, from, i - from);
    while (i < n && isSpace(work[i])) {
      i++;
    }
    if (i >= n) {
      throw error(lt, "closing tag </" + excerpt(name) + "> has no '>'");
    }
    Frame open = stack.peek();
    if (open == null || !open.name().equals(name)) {
      throw error(lt, "unexpected closing tag </" + excerpt(name) + ">: "
          + (open == null ? "no element is open" : "the open element is <" + excerpt(open.name()) + ">"));
    }
    stack.pop();
    return i + 1;
  }

  /** Decodes an attribute value as FreeSWITCH does: known references, white space to spaces. */
  private static String decode(String raw) {
    String s = raw.replace("\r\n", "\n").replace('\r', '\n');
    if (s.indexOf('&') < 0 && s.indexOf('\n') < 0 && s.indexOf('\t') < 0) {
      return s;
    }
    StringBuilder sb = new StringBuilder(s.length());
    int i = 0;
    while (i < s.length()) {
      char c = s.charAt(i);
      if (c == '&') {
        int semi = s.indexOf(';', i);
        String ref = semi < 0 ? null : s.substring(i + 1, semi);
        String rep = ref == null ? null : reference(ref);
        if (rep != null) {
          sb.append(rep);
          i = semi + 1;
          continue;
        }
      }
      sb.append(c == '\t' || c == '\n' || c == '\u000b' || c == '\f' ? ' ' : c);
      i++;
    }
    return sb.toString();
  }

  private static String reference(String ref) {
    switch (ref) {
      case "lt":
        return "<";
      case "gt":
        return ">";
      case "amp":
        return "&";
      case "apos":
        return "'";
      case "quot":
        return "\"";
      default:
        break;
    }
    if (ref.startsWith("#") && ref.length() > 1) {
      boolean hex = ref.charAt(1) == 'x';
      String digits = ref.substring(hex ? 2 : 1);
      if (digits.isEmpty() || digits.length() > 8 || !digits.chars().allMatch(ch -> Character.digit(ch, hex ? 16 : 10) >= 0)) {
        return null;
      }
      long v = Long.parseLong(digits, hex ? 16 : 10);
      if (v == 0 || v > Character.MAX_CODE_POINT) {
        return null;
      }
      return new String(Character.toChars((int) v));
    }
    return null;
  }

  // ---- helpers ------------------------------------------------------------------------------

  private void note(int offset, String message) {
    notes.add(new Note(lineOf(offset), columnOf(offset), message));
  }

  private AclParseException error(int offset, String what) {
    int line = lineOf(offset);
    int col = columnOf(offset);
    return new AclParseException(String.format(Locale.ROOT, "%s:%d:%d: acl.conf.xml cannot be read as FreeSWITCH "
        + "reads XML: %s (FreeSWITCH refuses the whole file, so none of its lists load)", source, line, col, what),
        SourceLocation.of(source, line, col), null);
  }

  private int lineOf(int offset) {
    int idx = Arrays.binarySearch(lineStarts, Math.min(offset, text.length()));
    return (idx >= 0 ? idx : -idx - 2) + 1;
  }

  private int columnOf(int offset) {
    int o = Math.min(offset, text.length());
    return o - lineStarts[lineOf(o) - 1] + 1;
  }

  private boolean startsWith(int at, String s) {
    if (at + s.length() > work.length) {
      return false;
    }
    for (int k = 0; k < s.length(); k++) {
      if (work[at + k] != s.charAt(k)) {
        return false;
      }
    }
    return true;
  }

  private int indexOf(String s, int from) {
    for (int k = from; k + s.length() <= work.length; k++) {
      if (startsWith(k, s)) {
        return k;
      }
    }
    return -1;
  }

  private String word(int from) {
    int i = from;
    while (i < work.length && WS.indexOf(work[i]) < 0 && work[i] != '=' && work[i] != '/' && work[i] != '>') {
      i++;
    }
    return new String(work, from, i - from);
  }

  private static boolean isSpace(char c) {
    return WS.indexOf(c) >= 0 || c == '\u000b' || c == '\f';
  }

  private static int indexOfIgnoreCase(String s, String what, int from) {
    int n = what.length();
    for (int i = Math.max(0, from); i + n <= s.length(); i++) {
      if (s.regionMatches(true, i, what, 0, n)) {
        return i;
      }
    }
    return -1;
  }

  private static String printable(char c) {
    return Character.isISOControl(c) ? String.format(Locale.ROOT, "\\u%04x", (int) c) : String.valueOf(c);
  }

  /** At most 40 characters, control characters replaced. */
  public static String excerpt(String s) {
    String clean = s.replaceAll("\\p{Cntrl}", "?");
    return clean.length() > 40 ? clean.substring(0, 37) + "..." : clean;
  }
}
