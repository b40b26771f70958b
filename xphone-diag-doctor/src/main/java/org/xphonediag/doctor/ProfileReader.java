package org.xphonediag.doctor;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.xphonediag.core.InputException.Problem;
import org.xphonediag.core.SourceLocation;
import org.xphonediag.core.io.InputFiles;
import org.xphonediag.core.io.ReadLimit;
import org.xphonediag.core.net.Cidr;
import org.xphonediag.core.json.JsonTree;
import org.xphonediag.core.json.JsonTree.Arr;
import org.xphonediag.core.json.JsonTree.Node;
import org.xphonediag.core.json.JsonTree.Obj;
import org.xphonediag.core.json.JsonTree.Scalar;
import org.xphonediag.core.net.HostAndPort;
import org.xphonediag.core.net.PortRange;
import org.xphonediag.doctor.DeploymentProfile.Placement;
import org.xphonediag.doctor.internal.Suggestions;
import org.xphonediag.sip.SipUri;
import org.xphonediag.stun.turn.TurnUri;

/**
 * Reads a deployment profile: JSON with {@code //} and {@code /* *}{@code /} comments and trailing
 * commas, as written by {@code xphone-diag doctor --init} ({@link #template()}). Every problem is
 * collected and reported with its line and column; unknown keys get a "did you mean" suggestion.
 * Relative file paths are resolved against the profile's folder. The file is read as
 * {@link InputFiles#readText} reads text: a regular file of at most {@link #MAX_BYTES} bytes (1 MiB),
 * UTF-8, or UTF-16 with a byte order mark.
 */
public final class ProfileReader {
  /** The largest profile read: 1 MiB ({@link ReadLimit#CONFIG_TEXT}). */
  public static final int MAX_BYTES = (int) ReadLimit.CONFIG_TEXT.maxBytes();

  /** The deepest nesting of objects and lists a profile may have. */
  private static final int MAX_DEPTH = 32;
  private static final Pattern ENV_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,127}");
  private static final Set<String> TOP = Set.of("name", "mobileUrl", "webApiUrl", "user", "passwordEnv", "trust",
      "insecure", "stunServers", "turnServers", "turnUser", "turnPasswordEnv", "iis", "proxy", "server", "xcc", "files", "acl");
  private static final Set<String> SERVER = Set.of("address");
  private static final Set<String> XCC = Set.of("address", "mediaPorts", "placement", "sipUri");
  private static final Set<String> FILES = Set.of("webConfig", "appSettings", "acl", "capture", "fsLog");
  private static final Set<String> ACL = Set.of("inboundLists", "candidateLists", "localNetworks");

  private ProfileReader() {}

  /**
   * Reads the profile at {@code file}.
   *
   * @throws IOException when the file cannot be read at all (missing, not a regular file, too large,
   *     not text: {@link org.xphonediag.core.io.InputFileException}, located where it has a place)
   * @throws ProfileException when it is readable but wrong, with every problem located
   */
  public static DeploymentProfile read(Path file) throws IOException, ProfileException {
    String text = InputFiles.readText(file, ReadLimit.CONFIG_TEXT);
    Path base = file.toAbsolutePath().getParent();
    return parse(text, file.getFileName().toString(), base);
  }

  /**
   * Parses profile text; {@code source} names it in messages and {@code base} resolves relative paths.
   *
   * @throws ProfileException with every problem located
   */
  public static DeploymentProfile parse(String text, String source, Path base) throws ProfileException {
    List<Problem> problems = new ArrayList<>();
    Node root;
    try {
      root = JsonTree.parse(text.startsWith("\uFEFF") ? text.substring(1) : text, source, MAX_DEPTH);
    } catch (JsonTree.SyntaxException e) {
      throw new ProfileException(new Problem(e.location(), e.reason()), e);
    }
    repeats(root, problems);
    DeploymentProfile.Builder b = DeploymentProfile.builder();
    Binder in = new Binder(problems, base);
    if (!(root instanceof Obj obj)) {
      throw new ProfileException(List.of(new Problem(root.location(), "a profile must be a JSON object but was "
          + root.kind())));
    }
    in.keys(obj, TOP, "");
    in.string(obj, "name", b::name);
    in.url(obj, "mobileUrl", "/xphoneconnect/mobile", b::mobileUrl);
    in.url(obj, "webApiUrl", "/xphoneconnect/webclientapi", b::webApiUrl);
    in.string(obj, "user", b::user);
    in.checked(obj, "passwordEnv", "an environment variable name such as XPHONE_PASSWORD",
        s -> {
          if (!ENV_NAME.matcher(s).matches()) {
            throw new IllegalArgumentException("not a variable name");
          }
          return s;
        }, b::passwordEnv);
    in.path(obj, "trust", b::trust);
    in.bool(obj, "insecure", b::insecure);
    in.list(obj, "stunServers", "host[:port] (default port 3478)", s -> HostAndPort.parse(s, 3478), b::stunServer);
    in.list(obj, "turnServers", "a turn: or turns: URI (RFC 7065)", TurnUri::parse,
        (TurnUri u) -> b.turnServer(u));
    in.string(obj, "turnUser", b::turnUser);
    in.checked(obj, "turnPasswordEnv", "an environment variable name such as TURN_PASSWORD",
        s -> {
          if (!ENV_NAME.matcher(s).matches()) {
            throw new IllegalArgumentException("not a variable name");
          }
          return s;
        }, b::turnPasswordEnv);
    in.placement(obj, "iis", Set.of(Placement.LOCAL, Placement.DMZ), b::iis);
    in.string(obj, "proxy", s -> b.proxy(s.toLowerCase(Locale.ROOT)));
    in.object(obj, "server", SERVER, o -> in.string(o, "address", b::serverAddress));
    in.object(obj, "xcc", XCC, o -> {
      in.string(o, "address", b::xccAddress);
      in.checked(o, "mediaPorts", "a port range such as 30000-33000", PortRange::parse, b::xccMediaPorts);
      in.placement(o, "placement", Set.of(Placement.LOCAL, Placement.OUTSOURCED), b::xccPlacement);
      in.checked(o, "sipUri", "a sip: URI such as sip:203.0.113.10:5060", SipUri::parse,
          (SipUri u) -> b.xccSipUri(u));
    });
    in.object(obj, "files", FILES, o -> {
      in.path(o, "webConfig", b::webConfig);
      in.path(o, "appSettings", b::appSettings);
      in.path(o, "acl", b::aclFile);
      in.path(o, "capture", b::capture);
      in.path(o, "fsLog", b::fsLog);
    });
    in.object(obj, "acl", ACL, o -> {
      in.list(o, "inboundLists", "a list name", s -> s, b::inboundList);
      in.list(o, "candidateLists", "a list name", s -> s, b::candidateList);
      in.list(o, "localNetworks", "a CIDR prefix such as 10.0.0.0/8", Cidr::parse, b::localNetwork);
    });
    if (!problems.isEmpty()) {
      problems.sort(Comparator.comparingInt((Problem p) -> p.location().line().orElse(Integer.MAX_VALUE))
          .thenComparingInt(p -> p.location().column().orElse(Integer.MAX_VALUE)));
      throw new ProfileException(problems);
    }
    return b.build();
  }

  /** A member name written twice in one object, everywhere in the document: the last one wins. */
  private static void repeats(Node node, List<Problem> problems) {
    if (node instanceof Obj o) {
      Map<String, SourceLocation> seen = new HashMap<>();
      for (JsonTree.Member m : o.entries()) {
        repeats(m.value(), problems);
        SourceLocation before = seen.put(m.name(), m.nameLocation());
        if (before != null) {
          problems.add(new Problem(m.nameLocation(), "key '" + m.name() + "' repeats the one at line "
              + before.line().orElse(0) + "; the last one wins"));
        }
      }
    } else if (node instanceof Arr a) {
      a.items().forEach(i -> repeats(i, problems));
    }
  }

  /** The commented template that {@code doctor --init} writes. */
  public static String template() {
    try (InputStream in = ProfileReader.class.getResourceAsStream("profile-template.jsonc")) {
      if (in == null) {
        throw new IllegalStateException("profile-template.jsonc is missing from the jar");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalStateException("cannot read the bundled profile template", e);
    }
  }

  /** Binds located JSON values, collecting problems. */
  private static final class Binder {
    private final List<Problem> problems;
    private final Path base;

    Binder(List<Problem> problems, Path base) {
      this.problems = problems;
      this.base = base;
    }

    void keys(Obj o, Set<String> known, String prefix) {
      for (Map.Entry<String, SourceLocation> e : o.keyLocations().entrySet()) {
        if (!known.contains(e.getKey())) {
          String hint = Suggestions.closest(e.getKey(), known).map(s -> " (did you mean '" + prefix + s + "'?)")
              .orElse(" (known keys: " + String.join(", ", new java.util.TreeSet<>(known)) + ")");
          problems.add(new Problem(e.getValue(), "unknown key '" + prefix + e.getKey() + "'" + hint));
        }
      }
    }

    void object(Obj parent, String key, Set<String> known, Consumer<Obj> body) {
      Node n = parent.members().get(key);
      if (n == null || n instanceof Scalar s && s.value() == null) {
        return;
      }
      if (n instanceof Obj o) {
        keys(o, known, key + ".");
        body.accept(o);
      } else {
        problems.add(new Problem(n.location(), "'" + key + "' must be an object but was " + n.kind()));
      }
    }

    void string(Obj o, String key, Consumer<String> sink) {
      checked(o, key, "text", s -> s, sink);
    }

    void bool(Obj o, String key, Consumer<Boolean> sink) {
      Node n = o.members().get(key);
      if (n == null) {
        return;
      }
      if (n instanceof Scalar s && s.value() instanceof Boolean v) {
        sink.accept(v);
      } else {
        problems.add(new Problem(n.location(), "'" + key + "' must be true or false but was " + n.kind()));
      }
    }

    <T> void checked(Obj o, String key, String expected, Function<String, T> parse, Consumer<T> sink) {
      Node n = o.members().get(key);
      if (n == null || n instanceof Scalar s0 && s0.value() == null) {
        return;
      }
      if (!(n instanceof Scalar s) || !(s.value() instanceof String text)) {
        problems.add(new Problem(n.location(), "'" + key + "' must be " + article(expected) + " string but was "
            + n.kind()));
        return;
      }
      if (text.isBlank()) {
        problems.add(new Problem(n.location(), "'" + key + "' is empty; remove it or give " + expected));
        return;
      }
      try {
        sink.accept(parse.apply(text.strip()));
      } catch (IllegalArgumentException e) {
        problems.add(new Problem(n.location(), "'" + key + "' must be " + expected + " but was '" + text + "'"));
      }
    }

    <T> void list(Obj o, String key, String expected, Function<String, T> parse, Consumer<T> sink) {
      Node n = o.members().get(key);
      if (n == null) {
        return;
      }
      if (!(n instanceof Arr a)) {
        problems.add(new Problem(n.location(), "'" + key + "' must be a list but was " + n.kind()));
        return;
      }
      for (int i = 0; i < a.items().size(); i++) {
        Node item = a.items().get(i);
        if (item instanceof Scalar s && s.value() instanceof String text) {
          try {
            sink.accept(parse.apply(text.strip()));
          } catch (IllegalArgumentException e) {
            problems.add(new Problem(item.location(), "'" + key + "[" + i + "]' must be " + expected + " but was '"
                + text + "'"));
          }
        } else {
          problems.add(new Problem(item.location(), "'" + key + "[" + i + "]' must be a string but was "
              + item.kind()));
        }
      }
    }

    void url(Obj o, String key, String suffix, Consumer<URI> sink) {
      checked(o, key, "an https URL ending in " + suffix, s -> {
        try {
          URI u = new URI(s);
          if (!"https".equalsIgnoreCase(u.getScheme()) || u.getHost() == null) {
            throw new IllegalArgumentException("not https");
          }
          return u;
        } catch (URISyntaxException e) {
          throw new IllegalArgumentException(e.getMessage(), e);
        }
      }, sink);
    }

    void path(Obj o, String key, Consumer<Path> sink) {
      checked(o, key, "a file path", s -> {
        Path p = Path.of(s);
        return p.isAbsolute() || base == null ? p : base.resolve(p).normalize();
      }, sink);
    }

    void placement(Obj o, String key, Set<Placement> allowed, Consumer<Placement> sink) {
      List<String> names = allowed.stream().map(Placement::jsonName).sorted().toList();
      checked(o, key, "one of " + String.join(", ", names), s -> {
        for (Placement p : allowed) {
          if (p.jsonName().equalsIgnoreCase(s)) {
            return p;
          }
        }
        throw new IllegalArgumentException(s);
      }, sink);
    }

    private static String article(String expected) {
      return expected.startsWith("a ") || expected.startsWith("an ") ? expected.substring(0, expected.indexOf(' '))
          : "a";
    }
  }
}
