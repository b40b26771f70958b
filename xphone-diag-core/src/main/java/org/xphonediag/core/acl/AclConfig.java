package org.xphonediag.core.acl;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.xphonediag.core.Finding;
import org.xphonediag.core.FindingCatalog;
import org.xphonediag.core.SourceLocation;
import org.xphonediag.core.acl.internal.AclXmlReader;
import org.xphonediag.core.io.InputFiles;
import org.xphonediag.core.io.ReadLimit;
import org.xphonediag.core.net.Cidr;

/**
 * A parsed {@code acl.conf.xml} (DOMAIN §3.4): the network lists it defines and the problems found
 * while reading it. Reading never resolves DTDs or external entities; a DOCTYPE is refused.
 * Problems inside a well-formed file (a cidr without {@code /n}, a {@code domain=} node, an
 * undefined FreeSWITCH form) are collected as located findings and the rest is still read.
 * Immutable and thread-safe.
 *
 * <p>Name resolution ({@link #list(String, List)}) follows FreeSWITCH: lists of the file first (a
 * later definition of a name replaces an earlier one, and may replace a built-in list), then the
 * built-in {@code .auto} lists, then a name containing {@code /} read as CIDR prefixes
 * (comma-separated) that are allowed while everything else is denied.
 */
public final class AclConfig {
  /** The largest file read, in bytes: 16 MiB ({@link ReadLimit#ACL}). */
  public static final long MAX_FILE_BYTES = ReadLimit.ACL.maxBytes();

  private final String source;
  private final Map<String, AclList> lists;
  private final List<Finding> problems;

  private AclConfig(String source, List<AclList> lists, List<Finding> problems) {
    this.source = Objects.requireNonNull(source, "source");
    Map<String, AclList> m = new LinkedHashMap<>();
    for (AclList l : lists) {
      m.remove(l.name());
      m.put(l.name(), l);
    }
    this.lists = java.util.Collections.unmodifiableMap(m);
    this.problems = List.copyOf(problems);
  }

  /** A configuration of the given lists, without problems; for tests and embedding. */
  public static AclConfig of(String source, List<AclList> lists) {
    return new AclConfig(source, lists, List.of());
  }

  /**
   * Reads {@code file} (a regular file of at most {@link #MAX_FILE_BYTES}, UTF-8 or UTF-16 with a
   * byte order mark, as {@link InputFiles#readText} reads text).
   *
   * @throws IOException when the file cannot be read, is not a regular file, is larger than the cap
   *     or is not text in those encodings ({@link org.xphonediag.core.io.InputFileException}, located)
   * @throws AclParseException when it is not well-formed XML or has a DOCTYPE
   */
  public static AclConfig parse(Path file) throws IOException, AclParseException {
    return parse(InputFiles.readText(file, ReadLimit.ACL), file.toString());
  }

  /**
   * Parses XML text, naming it {@code source} in locations.
   *
   * @throws AclParseException when it is not well-formed XML or has a DOCTYPE
   */
  public static AclConfig parse(String xml, String source) throws AclParseException {
    String text = xml.startsWith("\uFEFF") ? xml.substring(1) : xml;
    AclXmlReader.Result r = AclXmlReader.read(text, source);
    List<Finding> problems = new ArrayList<>(r.problems());
    if (r.networkListsElements() == 0) {
      problems.add(0, FindingCatalog.CONFIG_SYNTAX.finding(source
          + ": acl.conf.xml must hold <configuration name=\"acl.conf\"><network-lists>…, but has no <network-lists>")
          .location(SourceLocation.of(source)).remedy(AclXmlReader.SYNTAX_REMEDY).build());
    }
    return new AclConfig(source, r.lists(), problems);
  }

  /** The file name or label used in locations. */
  public String source() {
    return source;
  }

  /** The lists defined in the file, by name, in file order (a redefined name keeps its last place). */
  public Map<String, AclList> lists() {
    return lists;
  }

  /** The problems found while reading, in file order. */
  public List<Finding> problems() {
    return problems;
  }

  /** The number of nodes written in the file's lists. */
  public int nodeCount() {
    return lists.values().stream().mapToInt(l -> l.nodes().size()).sum();
  }

  /**
   * Resolves {@code name} as FreeSWITCH does: a list of the file, a built-in list (with the host's
   * {@code localNetworks} for {@code localnet.auto} and {@code nat.auto}), or CIDR prefixes.
   *
   * @return empty when the name is none of these (FreeSWITCH then denies every address)
   */
  public Optional<AclList> list(String name, List<Cidr> localNetworks) {
    AclList l = lists.get(name);
    if (l != null) {
      return Optional.of(l);
    }
    Optional<AclList> builtIn = BuiltInAclLists.get(name, localNetworks);
    if (builtIn.isPresent()) {
      return builtIn;
    }
    if (name.indexOf('/') >= 0) {
      List<AclNode> nodes = new ArrayList<>();
      for (String part : name.split(",")) {
        try {
          nodes.add(AclNode.of(AclType.ALLOW, Cidr.parse(part.strip())));
        } catch (IllegalArgumentException e) {
          return Optional.empty();
        }
      }
      return Optional.of(AclList.builtIn(name, AclType.DENY, nodes));
    }
    return Optional.empty();
  }

  /** Every name {@link #list} resolves without CIDR literals: the file's lists, then the built-in ones. */
  public List<String> knownNames() {
    List<String> names = new ArrayList<>(lists.keySet());
    for (String b : BuiltInAclLists.all(List.of()).keySet()) {
      if (!names.contains(b)) {
        names.add(b);
      }
    }
    return names;
  }

  @Override
  public String toString() {
    return "AclConfig[" + source + ", " + lists.size() + " lists, " + problems.size() + " problems]";
  }
}
