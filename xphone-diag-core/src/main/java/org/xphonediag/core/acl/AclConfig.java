package org.xphonediag.core.acl;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.xphonediag.core.Finding;
import org.xphonediag.core.FindingCatalog;
import org.xphonediag.core.SourceLocation;
import org.xphonediag.core.acl.internal.FsNet;
import org.xphonediag.core.net.Cidr;

/**
 * A parsed {@code acl.conf.xml} (docs/field-guide.md#xcc-acls): the network lists it defines and the problems found
 * while reading it. The file is read as FreeSWITCH reads it (its preprocessor and lenient XML
 * parser, then {@code switch_load_network_lists}): what FreeSWITCH loads is evaluated the same
 * way, sloppy forms it accepts are located {@code config.syntax} WARNs, and only what FreeSWITCH
 * itself refuses is an {@link AclParseException} (the whole file) or a located FAIL (one node).
 * DTDs and external entities are never read; a DOCTYPE is refused. Immutable and thread-safe.
 *
 * <p>Name resolution ({@link #list(String, List)}) follows FreeSWITCH: lists of the file first (a
 * later definition of a name replaces an earlier one, and may replace a built-in list), then the
 * built-in {@code .auto} lists, then a name containing {@code /} read as CIDR prefixes
 * (comma-separated) that are allowed while everything else is denied. Any other name denies every
 * address ({@link #resolve(String, List)}).
 */
public final class AclConfig {
  /** The largest file read, in bytes. */
  public static final long MAX_FILE_BYTES = 16L * 1024 * 1024;
  /** FreeSWITCH reads at most this many comma-separated prefixes of a list name. */
  private static final int MAX_LITERAL_PARTS = 100;

  private final String source;
  private final Map<String, AclList> lists;
  private final List<Finding> problems;
  private final String hiddenLists;

  private AclConfig(String source, List<AclList> lists, List<Finding> problems, String hiddenLists) {
    this.source = Objects.requireNonNull(source, "source");
    Map<String, AclList> m = new LinkedHashMap<>();
    for (AclList l : lists) {
      m.remove(l.name());
      m.put(l.name(), l);
    }
    this.lists = java.util.Collections.unmodifiableMap(m);
    List<Finding> sorted = new ArrayList<>(problems);
    sorted.sort(java.util.Comparator.comparingInt((Finding f) -> f.location().flatMap(l -> l.line().isPresent()
            ? Optional.of(l.line().getAsInt()) : Optional.empty()).orElse(0))
        .thenComparingInt(f -> f.location().flatMap(l -> l.column().isPresent()
            ? Optional.of(l.column().getAsInt()) : Optional.empty()).orElse(0)));
    this.problems = List.copyOf(sorted);
    this.hiddenLists = hiddenLists;
  }

  /** A configuration of the given lists, without problems; for tests and embedding. */
  public static AclConfig of(String source, List<AclList> lists) {
    return new AclConfig(source, lists, List.of(), null);
  }

  /**
   * Reads {@code file} (at most {@link #MAX_FILE_BYTES}).
   *
   * @throws IOException when the file cannot be read
   * @throws AclParseException when FreeSWITCH could not read it as XML, it has a DOCTYPE, or it is too large
   */
  public static AclConfig parse(Path file) throws IOException, AclParseException {
    String name = file.toString();
    byte[] bytes;
    try (InputStream in = Files.newInputStream(file)) {
      bytes = in.readNBytes((int) MAX_FILE_BYTES + 1);
    }
    if (bytes.length > MAX_FILE_BYTES) {
      throw new AclParseException(String.format(Locale.ROOT, "%s: acl.conf.xml must be at most %d bytes but is larger",
          name, MAX_FILE_BYTES), SourceLocation.atOffset(name, MAX_FILE_BYTES), null);
    }
    return parse(new String(bytes, StandardCharsets.UTF_8), name);
  }

  /**
   * Parses XML text, naming it {@code source} in locations.
   *
   * @throws AclParseException when FreeSWITCH could not read it as XML, or it has a DOCTYPE
   */
  public static AclConfig parse(String xml, String source) throws AclParseException {
    String text = xml.startsWith("\uFEFF") ? xml.substring(1) : xml;
    AclLoader.Result r = AclLoader.load(text, source);
    List<Finding> problems = new ArrayList<>(r.problems());
    if (!r.networkListsFound()) {
      problems.add(0, FindingCatalog.CONFIG_SYNTAX.finding(source
          + ": acl.conf.xml must hold <configuration name=\"acl.conf\"><network-lists>…, but has no <network-lists>")
          .location(SourceLocation.of(source)).remedy(AclLoader.SYNTAX_REMEDY).build());
    }
    return new AclConfig(source, r.lists(), problems, r.hiddenLists());
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
      String[] parts = name.indexOf(',') < 0 ? new String[] {name} : name.split(",", MAX_LITERAL_PARTS);
      for (String part : parts) {
        String p = part.strip();
        if (!p.isEmpty()) {
          nodes.add(AclNode.freeswitch(AclNode.Kind.CIDR, AclType.ALLOW, FsNet.literal(p), p, null));
        }
      }
      return Optional.of(AclList.literal(name, nodes));
    }
    return Optional.empty();
  }

  /**
   * Resolves {@code name} as the running XCC does: like {@link #list(String, List)}, and a name that
   * is none of those becomes a list that denies every address, as FreeSWITCH answers for it. When
   * this file includes other files where lists could be defined, such a decision carries a caveat.
   */
  public AclList resolve(String name, List<Cidr> localNetworks) {
    return list(name, localNetworks).orElseGet(() -> AclList.missing(name, hiddenLists));
  }

  /**
   * Why lists named in a profile may exist on the XCC although this file does not define them
   * (an {@code X-PRE-PROCESS include} outside the lists); empty when the file holds every list.
   */
  public Optional<String> hiddenLists() {
    return Optional.ofNullable(hiddenLists);
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
