package org.xphonediag.core.acl;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.xphonediag.core.Finding;
import org.xphonediag.core.FindingCatalog;
import org.xphonediag.core.FindingCode;
import org.xphonediag.core.SourceLocation;
import org.xphonediag.core.Status;
import org.xphonediag.core.acl.internal.FsNet;
import org.xphonediag.core.acl.internal.FsXml;

/**
 * Loads the lists of an {@code acl.conf.xml} as FreeSWITCH's {@code switch_load_network_lists}
 * does, from XML read by {@link FsXml}: the first {@code <configuration name="acl.conf">}, its
 * first {@code <network-lists>}, each {@code <list>} with a non-empty name (a later one replaces an
 * earlier one of the same name), each {@code <node>} by {@code domain}, then {@code cidr}, then
 * {@code host} and {@code mask}. What FreeSWITCH refuses (a cidr without {@code /n}, a length out
 * of range) is a located {@code config.syntax} FAIL and is left out, as FreeSWITCH leaves it out;
 * what it accepts in a sloppy form is evaluated as FreeSWITCH evaluates it and reported as a
 * located {@code config.syntax} WARN; nodes whose addresses are unknown offline or undefined are
 * kept with {@code acl.not-evaluable} and {@code acl.undefined-node} findings.
 */
final class AclLoader {
  /** The remedy of {@code config.syntax} findings about {@code acl.conf.xml}. */
  static final String SYNTAX_REMEDY = "Fix acl.conf.xml at the given line and column, then run 'reloadacl' "
      + "on the XCC: FreeSWITCH logs an error for such a node or list and leaves it out.";
  /** The most nodes read from one file. */
  static final int MAX_NODES = 1_000_000;
  /** FreeSWITCH splits a comma-separated cidr into at most this many parts (the last keeps the rest). */
  static final int MAX_CIDR_PARTS = 32;

  private static final Pattern VARIABLE = Pattern.compile("\\$\\$\\{([^}]*)}");
  private static final Set<String> KEEP = Set.of("configuration", "network-lists", "list", "node");

  /** What was read. */
  record Result(List<AclList> lists, List<Finding> problems, boolean networkListsFound, String hiddenLists) {}

  private final String source;
  private final List<Finding> problems = new ArrayList<>();
  private Map<String, String> variables = Map.of();
  private int nodeCount;

  private AclLoader(String source) {
    this.source = source;
  }

  static Result load(String text, String source) throws AclParseException {
    return new AclLoader(source).read(text);
  }

  private Result read(String text) throws AclParseException {
    FsXml.Document doc = FsXml.parse(text, source, KEEP, MAX_NODES + 10_000);
    variables = doc.variables();
    for (FsXml.Note n : doc.notes()) {
      problem(FindingCatalog.CONFIG_SYNTAX, Status.WARN, at(n.line(), n.column()), n.message());
    }
    FsXml.Element cfg = doc.all().stream()
        .filter(e -> e.name().equals("configuration") && "acl.conf".equals(e.attr("name").orElse(null)))
        .findFirst()
        .or(() -> doc.all().stream().filter(e -> e.name().equals("configuration") && !e.elements("network-lists")
            .isEmpty()).findFirst())
        .orElse(null);
    List<FsXml.Element> candidates = cfg != null ? cfg.elements("network-lists")
        : doc.all().stream().filter(e -> e.name().equals("network-lists")).limit(1).toList();
    if (candidates.isEmpty()) {
      return new Result(List.of(), problems, false, null);
    }
    for (FsXml.Element extra : candidates.subList(1, candidates.size())) {
      problem(FindingCatalog.CONFIG_SYNTAX, Status.WARN, at(extra), "a second <network-lists> in the same "
          + "configuration: FreeSWITCH reads only the first one, so the lists in this one never load");
    }
    FsXml.Element lists = candidates.get(0);
    String hiddenLists = null;
    List<Object> outside = new ArrayList<>(lists.children());
    if (cfg != null) {
      outside.addAll(cfg.children());
    }
    for (Object o : outside) {
      if (o instanceof FsXml.Directive d && d.insertsText()) {
        String why = String.format(Locale.ROOT, "X-PRE-PROCESS %s '%s' (line %d) inserts text this file does not "
            + "hold: lists defined there are unknown here", d.cmd(), FsXml.excerpt(d.data()), d.line());
        hiddenLists = hiddenLists == null ? why : hiddenLists;
        problem(FindingCatalog.ACL_NOT_EVALUABLE, null, at(d.line(), d.column()), why);
      }
    }
    List<AclList> out = new ArrayList<>();
    for (FsXml.Element list : lists.elements("list")) {
      readList(list, out);
    }
    return new Result(out, problems, true, hiddenLists);
  }

  private void readList(FsXml.Element list, List<AclList> out) throws AclParseException {
    SourceLocation listAt = at(list);
    Optional<String> name = list.attr("name");
    if (name.isEmpty() || name.get().isEmpty()) {
      problem(FindingCatalog.CONFIG_SYNTAX, Status.WARN, listAt,
          "<list> needs a name attribute (FreeSWITCH skips a list without one)");
      return;
    }
    String listName = name.get();
    Optional<String> dflt = list.attr("default");
    AclType listDefault = dflt.map(AclType::fromAttribute).orElse(AclType.ALLOW);
    if (dflt.isPresent() && !AclType.isPlain(dflt.get())) {
      problem(FindingCatalog.CONFIG_SYNTAX, Status.WARN, listAt, String.format(Locale.ROOT,
          "list '%s': default must be allow or deny but was '%s' (FreeSWITCH reads it as %s)",
          listName, dflt.get(), listDefault.written()));
    }
    if (BuiltInAclLists.all(List.of()).containsKey(listName)) {
      problem(FindingCatalog.CONFIG_DUPLICATE_KEY, null, listAt, String.format(Locale.ROOT,
          "list '%s' replaces FreeSWITCH's built-in list of that name (switch_load_network_lists adds the file's "
              + "lists after the built-in ones): every profile that names %s now gets this list, default %s",
          listName, listName, listDefault.written()));
    }
    for (AclList earlier : out) {
      if (earlier.name().equals(listName)) {
        problem(FindingCatalog.CONFIG_DUPLICATE_KEY, null, listAt, String.format(Locale.ROOT,
            "list '%s' is defined again (first at line %d); FreeSWITCH keeps the last definition",
            listName, earlier.location().map(l -> l.line().orElse(0)).orElse(0)));
      }
    }
    List<AclNode> nodes = new ArrayList<>();
    for (Object child : list.children()) {
      if (child instanceof FsXml.Directive d) {
        if (d.insertsText()) {
          SourceLocation dat = at(d.line(), d.column());
          String why = String.format(Locale.ROOT, "X-PRE-PROCESS %s '%s' inserts nodes this file does not hold",
              d.cmd(), FsXml.excerpt(d.data()));
          nodes.add(AclNode.hidden(AclNode.Kind.INCLUDE, listDefault, "X-PRE-PROCESS " + d.cmd() + " " + d.data(), dat,
              why));
          problem(FindingCatalog.ACL_NOT_EVALUABLE, null, dat, String.format(Locale.ROOT, "list '%s': %s; decisions "
              + "they could change are reported as uncertain", listName, why));
        }
      } else if (child instanceof FsXml.Element e && e.name().equals("node")) {
        if (++nodeCount > MAX_NODES) {
          throw new AclParseException(String.format(Locale.ROOT, "%s:%d:%d: more than %d nodes: the file exceeds "
              + "the reading cap", source, e.line(), e.column(), MAX_NODES), at(e), null);
        }
        readNode(e, listName, listDefault, nodes);
      }
    }
    out.add(AclList.read(listName, listDefault, nodes, listAt));
  }

  private void readNode(FsXml.Element e, String listName, AclType listDefault, List<AclNode> nodes) {
    SourceLocation at = at(e);
    String where = "list '" + listName + "' node";
    Optional<String> typeText = e.attr("type");
    AclType type = typeText.map(AclType::fromAttribute).orElse(listDefault);
    if (typeText.isPresent() && !AclType.isPlain(typeText.get())) {
      problem(FindingCatalog.CONFIG_SYNTAX, Status.WARN, at, String.format(Locale.ROOT,
          "%s: type must be allow or deny but was '%s' (FreeSWITCH reads it as %s)", where, typeText.get(),
          type.written()));
    }
    for (String portAttr : List.of("port", "ports", "port-min", "port-max")) {
      if (e.attr(portAttr).isPresent()) {
        problem(FindingCatalog.ACL_NOT_EVALUABLE, null, at, String.format(Locale.ROOT,
            "%s: the %s restriction counts only where the SIP profile sets use-port-for-acl-check (candidates are "
                + "checked without a port); it is not evaluated here, the node is applied to every port",
            where, portAttr));
      }
    }
    Optional<String> domain = e.attr("domain");
    Optional<String> cidr = e.attr("cidr");
    Optional<String> host = e.attr("host");
    Optional<String> mask = e.attr("mask");
    if (domain.isPresent()) {
      String why = String.format(Locale.ROOT, "domain='%s' takes the cidr attributes of that directory's users, "
          + "which are not known offline", domain.get());
      nodes.add(AclNode.hidden(AclNode.Kind.DOMAIN, type, "domain=" + domain.get(), at, why));
      problem(FindingCatalog.ACL_NOT_EVALUABLE, null, at, where + ": " + why);
    } else if (cidr.isPresent()) {
      readCidr(type, cidr.get(), at, where, nodes);
    } else if (host.isPresent() && mask.isPresent()) {
      readHostMask(type, host.get(), mask.get(), at, where, nodes);
    } else {
      nodes.add(AclNode.ignored(type, at));
      String hint = e.attrs().stream().map(FsXml.Attr::name)
          .filter(n -> List.of("cidr", "host", "mask", "domain").contains(n.toLowerCase(Locale.ROOT)))
          .findFirst().map(n -> " (attribute names are case-sensitive: '" + n + "' is not read)").orElse("");
      problem(FindingCatalog.CONFIG_SYNTAX, Status.WARN, at, where
          + ": needs cidr, host and mask, or domain (FreeSWITCH ignores this node)" + hint);
    }
  }

  private void readCidr(AclType type, String value, SourceLocation at, String where, List<AclNode> nodes) {
    Matcher m = VARIABLE.matcher(value);
    StringBuilder expanded = new StringBuilder();
    List<String> unknown = new ArrayList<>();
    while (m.find()) {
      String v = variables.get(m.group(1));
      if (v == null) {
        unknown.add(m.group(1));
      }
      m.appendReplacement(expanded, Matcher.quoteReplacement(v == null ? "" : v));
    }
    m.appendTail(expanded);
    if (!unknown.isEmpty()) {
      String why = String.format(Locale.ROOT, "cidr '%s' holds the preprocessor variable%s %s, set outside this "
          + "file and known only on the XCC", value, unknown.size() > 1 ? "s" : "", unknown);
      nodes.add(AclNode.hidden(AclNode.Kind.CIDR, type, value, at, why));
      problem(FindingCatalog.ACL_NOT_EVALUABLE, null, at, where + ": " + why);
      return;
    }
    String text = expanded.toString();
    if (text.indexOf(',') < 0) {
      readCidrPart(type, text, at, where, nodes);
      return;
    }
    List<String> parts = splitLikeFreeSwitch(text);
    if (parts.size() == MAX_CIDR_PARTS && text.split(",", -1).length > MAX_CIDR_PARTS) {
      problem(FindingCatalog.CONFIG_SYNTAX, Status.WARN, at, String.format(Locale.ROOT, "%s: FreeSWITCH reads at "
          + "most %d comma-separated prefixes per node; prefix %d is read together with the rest of the text and "
          + "the ones after it are ignored: split the node", where, MAX_CIDR_PARTS, MAX_CIDR_PARTS));
    }
    for (String part : parts) {
      readCidrPart(type, part, at, where, nodes);
    }
  }

  /** {@code switch_separate_string} on ',': at most 32 parts, each trimmed of spaces; no trailing empty part. */
  private static List<String> splitLikeFreeSwitch(String text) {
    List<String> parts = new ArrayList<>();
    int start = 0;
    while (start < text.length() && parts.size() < MAX_CIDR_PARTS) {
      int comma = parts.size() == MAX_CIDR_PARTS - 1 ? -1 : text.indexOf(',', start);
      String part = comma < 0 ? text.substring(start) : text.substring(start, comma);
      parts.add(strip(part));
      if (comma < 0) {
        break;
      }
      start = comma + 1;
    }
    return parts;
  }

  private static String strip(String s) {
    int a = 0;
    int b = s.length();
    while (a < b && s.charAt(a) == ' ') {
      a++;
    }
    while (b > a && s.charAt(b - 1) == ' ') {
      b--;
    }
    return s.substring(a, b);
  }

  private void readCidrPart(AclType type, String part, SourceLocation at, String where, List<AclNode> nodes) {
    FsNet.Parsed p = FsNet.cidr(part);
    for (String note : p.notes()) {
      problem(FindingCatalog.CONFIG_SYNTAX, Status.WARN, at, where + ": " + note);
    }
    if (p.refused().isPresent()) {
      problem(FindingCatalog.CONFIG_SYNTAX, null, at, where + ": " + p.refused().get());
      return;
    }
    FsNet net = p.net().orElseThrow();
    nodes.add(AclNode.freeswitch(AclNode.Kind.CIDR, type, net, part, at));
    if (net.undefined().isPresent()) {
      problem(FindingCatalog.ACL_UNDEFINED_NODE, null, at, String.format(Locale.ROOT, "%s: '%s': %s; decisions it "
          + "could change are reported as uncertain", where, FsXml.excerpt(part), net.undefined().get()));
    } else if (net.prefix().isEmpty()) {
      problem(FindingCatalog.CONFIG_SYNTAX, Status.WARN, at, String.format(Locale.ROOT, "%s: '%s' has length /0 with "
          + "a network other than %s: FreeSWITCH matches only that single address, at the lowest rank; write /0 "
          + "with %s to cover the whole family, or /%d for the one address", where, FsXml.excerpt(part),
          net.family() == FsNet.Family.IPV6 ? "::" : "0.0.0.0", net.family() == FsNet.Family.IPV6 ? "::" : "0.0.0.0",
          net.family() == FsNet.Family.IPV6 ? 128 : 32));
    }
  }

  private void readHostMask(AclType type, String host, String mask, SourceLocation at, String where,
      List<AclNode> nodes) {
    FsNet.Parsed p = FsNet.hostMask(host, mask);
    FsNet net = p.net().orElseThrow();
    for (String note : p.notes()) {
      problem(FindingCatalog.CONFIG_SYNTAX, Status.WARN, at, where + ": " + note);
    }
    nodes.add(AclNode.freeswitch(AclNode.Kind.HOST_MASK, type, net, host + "/" + mask, at));
    if (net.undefined().isPresent()) {
      problem(FindingCatalog.ACL_UNDEFINED_NODE, null, at, String.format(Locale.ROOT, "%s: host='%s' mask='%s': %s; "
          + "write cidr='…/n' instead", where, FsXml.excerpt(host), FsXml.excerpt(mask), net.undefined().get()));
    }
  }

  private void problem(FindingCode code, Status severity, SourceLocation at, String message) {
    Finding.Builder b = code.finding(message).location(at);
    if (code == FindingCatalog.CONFIG_SYNTAX) {
      b.remedy(SYNTAX_REMEDY);
    }
    if (severity != null) {
      b.severity(severity);
    }
    problems.add(b.build());
  }

  private SourceLocation at(FsXml.Element e) {
    return at(e.line(), e.column());
  }

  private SourceLocation at(int line, int column) {
    return SourceLocation.of(source, line, column);
  }
}
