package org.xphonediag.core.config.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;
import org.xphonediag.core.Finding;
import org.xphonediag.core.FindingCatalog;
import org.xphonediag.core.FindingCode;
import org.xphonediag.core.SourceLocation;
import org.xphonediag.core.Status;
import org.xphonediag.core.config.ConfigScenario;
import org.xphonediag.core.config.ConfigSource;
import org.xphonediag.core.config.IisPlacement;

/**
 * The rules for {@code WebClientApi\appsettings.json} (docs/field-guide.md#appsettings-json, #proxies). Rules that fire on a
 * missing key only run when the whole file was read. The Secret's value never enters a finding.
 */
public final class AppSettingsRules {
  static final List<String> TOP_LEVEL = List.of("AppSettings", "FeatureManagement", "Logging", "AllowedHosts");
  static final List<String> APP_SETTINGS = List.of("Secret", "JwtTokenLifetimeInMinutes", "RefreshTokenLifetimeInHours",
      "SignalRLongPolling", "XPhoneServerHost", "XPhoneServerUnifiedPort");
  static final List<String> FEATURES = List.of("V9");
  static final List<String> LOGGING = List.of("LogLevel", "EventLog", "Console", "Debug", "EventSource");
  static final String SIGNALR = "Microsoft.AspNetCore.SignalR";
  static final String CONNECTIONS = "Microsoft.AspNetCore.Http.Connections";
  static final List<String> CATEGORIES = List.of("Default", "Microsoft", "Microsoft.AspNetCore", "Microsoft.Hosting",
      "Microsoft.Hosting.Lifetime", SIGNALR, CONNECTIONS);
  static final int MIN_JWT_MINUTES = 6;

  private final ConfigSource source;
  private final ConfigScenario scenario;
  private final boolean complete;
  private final Optional<String> wcfHost;
  private final List<Finding> out = new ArrayList<>();

  private AppSettingsRules(ConfigSource source, ConfigScenario scenario, boolean complete, Optional<String> wcfHost) {
    this.source = source;
    this.scenario = scenario;
    this.complete = complete;
    this.wcfHost = wcfHost;
  }

  /**
   * Applies the rules to a read file.
   *
   * @param wcfHost the host of web.config's effective {@code WcfIPEndPoint}, when known and not local
   */
  public static List<Finding> check(ConfigSource source, ConfigScenario scenario, JsonConfigReader.Result read,
      Optional<String> wcfHost) {
    AppSettingsRules r = new AppSettingsRules(source, scenario, read.complete(), wcfHost);
    r.run(read.root());
    return r.out;
  }

  private void run(JsonNode root) {
    unknownMembers(root, TOP_LEVEL, false);
    Optional<JsonNode> app = root.member("AppSettings").filter(n -> expectObject(n));
    app.ifPresent(a -> unknownMembers(a, APP_SETTINGS, true));
    secret(app.flatMap(a -> a.member("Secret")));
    jwt(app.flatMap(a -> a.member("JwtTokenLifetimeInMinutes")));
    app.flatMap(a -> a.member("RefreshTokenLifetimeInHours")).ifPresent(n -> wholeNumber(n, 1, Integer.MAX_VALUE));
    app.flatMap(a -> a.member("XPhoneServerUnifiedPort")).ifPresent(n -> {
      if (!n.configValue().orElse("x").isBlank()) {
        wholeNumber(n, 1, 65535);
      }
    });
    longPolling(app.flatMap(a -> a.member("SignalRLongPolling")));
    serverHost(app, app.flatMap(a -> a.member("XPhoneServerHost")));
    root.member("FeatureManagement").filter(this::expectObject).ifPresent(f -> {
      unknownMembers(f, FEATURES, false);
      f.member("V9").filter(JsonNode::isScalar).ifPresent(this::bool);
    });
    root.member("Logging").filter(this::expectObject).ifPresent(this::logging);
  }

  // ---- keys and types -------------------------------------------------------------------------

  private void unknownMembers(JsonNode obj, List<String> known, boolean warnAll) {
    for (JsonNode m : obj.members()) {
      if (known.stream().anyMatch(k -> k.equalsIgnoreCase(m.key()))) {
        continue;
      }
      Optional<String> s = Spelling.suggest(m.key(), known);
      if (s.isEmpty() && !warnAll) {
        continue;
      }
      String parent = obj.path().isEmpty() ? "the top level" : obj.path();
      String msg = s.map(k -> String.format(Locale.ROOT, "%s: unknown key '%s' in %s; did you mean '%s'?",
          m.path(), m.key(), parent, k))
          .orElse(String.format(Locale.ROOT, "%s: key '%s' is not one of the known keys of %s (%s)",
              m.path(), m.key(), parent, String.join(", ", known)));
      String change = s.map(k -> String.format(Locale.ROOT, "In %s line %d rename \"%s\" to \"%s\".",
          source.name(), m.line(), m.key(), k))
          .orElse(String.format(Locale.ROOT, "In %s line %d check the key \"%s\": the application ignores keys it does "
              + "not know.", source.name(), m.line(), m.key()));
      add(FindingCatalog.CONFIG_INVALID_ENTRY, null, Problems.atKey(source, m), msg, change);
    }
  }

  private boolean expectObject(JsonNode n) {
    if (n.kind() == JsonNode.Kind.OBJECT) {
      return true;
    }
    add(FindingCatalog.CONFIG_INVALID_ENTRY, Status.FAIL, Problems.at(source, n),
        String.format(Locale.ROOT, "%s must be an object ({ ... }) but is %s", n.path(), kindName(n)),
        String.format(Locale.ROOT, "In %s line %d make \"%s\" an object holding its settings.", source.name(),
            n.valueLine(), n.key()));
    return false;
  }

  private Optional<String> scalar(JsonNode n, String accepted) {
    if (n.isScalar()) {
      return n.configValue();
    }
    add(FindingCatalog.CONFIG_INVALID_ENTRY, Status.FAIL, Problems.at(source, n),
        String.format(Locale.ROOT, "%s must be a single value (%s) but is %s", n.path(), accepted, kindName(n)),
        String.format(Locale.ROOT, "In %s line %d give \"%s\" a single value: %s.", source.name(), n.valueLine(),
            n.key(), accepted));
    return Optional.empty();
  }

  private void wholeNumber(JsonNode n, int min, int max) {
    String accepted = max == Integer.MAX_VALUE ? "a whole number of at least " + min
        : "a whole number from " + min + " to " + max;
    scalar(n, accepted).ifPresent(v -> {
      OptionalInt i = AspNetValues.parseInt(v);
      if (i.isEmpty() || i.getAsInt() < min || i.getAsInt() > max) {
        add(FindingCatalog.CONFIG_INVALID_ENTRY, Status.FAIL, Problems.at(source, n),
            String.format(Locale.ROOT, "%s must be %s but is %s", n.path(), accepted, AspNetValues.quote(v)),
            String.format(Locale.ROOT, "In %s line %d set \"%s\" to %s.", source.name(), n.valueLine(), n.key(),
                accepted));
      }
    });
  }

  private Optional<Boolean> bool(JsonNode n) {
    Optional<String> v = scalar(n, "true or false");
    if (v.isEmpty()) {
      return Optional.empty();
    }
    Optional<Boolean> b = AspNetValues.parseBool(v.get());
    if (b.isEmpty()) {
      add(FindingCatalog.CONFIG_INVALID_ENTRY, Status.FAIL, Problems.at(source, n),
          String.format(Locale.ROOT, "%s is %s, which ASP.NET cannot read as a boolean; accepted values: true, false",
              n.path(), AspNetValues.quote(v.get())),
          String.format(Locale.ROOT, "In %s line %d write \"%s\": true or \"%s\": false.", source.name(),
              n.valueLine(), n.key(), n.key()));
    }
    return b;
  }

  // ---- AppSettings rules ----------------------------------------------------------------------

  private void secret(Optional<JsonNode> node) {
    String change = "replace the value of \"Secret\" under \"AppSettings\" with a random string of at least 32 "
        + "characters (e.g. the output of 'openssl rand -base64 48'), then restart the IIS default web site";
    if (node.isEmpty()) {
      if (complete) {
        add(FindingCatalog.CONFIG_DEFAULT_SECRET, null, SourceLocation.of(source.name()).withPath("AppSettings.Secret"),
            "AppSettings.Secret is missing, so the WebClientApi has no key to sign its tokens",
            "In " + source.name() + " add \"Secret\" under \"AppSettings\": " + change.substring(change.indexOf("a random")) + ".");
      }
      return;
    }
    JsonNode n = node.get();
    if (!n.isScalar()) {
      add(FindingCatalog.CONFIG_DEFAULT_SECRET, null, Problems.at(source, n),
          "AppSettings.Secret must be a string but is " + kindName(n),
          String.format(Locale.ROOT, "In %s line %d %s.", source.name(), n.valueLine(), change));
      return;
    }
    SecretStrength.weakness(n.configValue().orElse("")).ifPresent(why -> add(FindingCatalog.CONFIG_DEFAULT_SECRET,
        null, Problems.at(source, n),
        "AppSettings.Secret " + why + "; anyone who guesses it can sign tokens (the value is not shown)",
        String.format(Locale.ROOT, "In %s line %d %s.", source.name(), n.valueLine(), change)));
  }

  private void jwt(Optional<JsonNode> node) {
    if (node.isEmpty()) {
      return;
    }
    JsonNode n = node.get();
    String change = String.format(Locale.ROOT, "In %s line %d set \"JwtTokenLifetimeInMinutes\": 30 (the shipped "
        + "value; at least %d), then restart the IIS default web site.", source.name(), n.valueLine(), MIN_JWT_MINUTES);
    if (!n.isScalar()) {
      add(FindingCatalog.CONFIG_JWT_LIFETIME_TOO_SHORT, null, Problems.at(source, n),
          n.path() + " must be a whole number of minutes but is " + kindName(n), change);
      return;
    }
    String v = n.configValue().orElse("");
    OptionalInt minutes = AspNetValues.parseInt(v);
    if (minutes.isEmpty()) {
      add(FindingCatalog.CONFIG_JWT_LIFETIME_TOO_SHORT, null, Problems.at(source, n),
          String.format(Locale.ROOT, "%s is %s, which ASP.NET cannot read as a whole number of minutes "
              + "(accepted: a whole number, %d or more)", n.path(), AspNetValues.quote(v), MIN_JWT_MINUTES), change);
    } else if (minutes.getAsInt() < MIN_JWT_MINUTES) {
      add(FindingCatalog.CONFIG_JWT_LIFETIME_TOO_SHORT, null, Problems.at(source, n),
          String.format(Locale.ROOT, "%s is %d minutes but must be at least %d", n.path(), minutes.getAsInt(),
              MIN_JWT_MINUTES), change);
    }
  }

  private void longPolling(Optional<JsonNode> node) {
    Optional<Boolean> on = node.flatMap(this::bool);
    if (!scenario.proxyBlocksWebSockets() || on.orElse(false)) {
      return;
    }
    String proxy = scenario.proxy().orElse("");
    String actual = node.isEmpty() ? "not set (default false)" : on.map(b -> "false").orElse("not a boolean");
    SourceLocation loc = node.map(n -> Problems.at(source, n))
        .orElse(SourceLocation.of(source.name()).withPath("AppSettings.SignalRLongPolling"));
    String where = node.map(n -> " line " + n.valueLine()).orElse("");
    add(FindingCatalog.CONFIG_SIGNALR_LONGPOLLING_ADVISED, null, loc,
        String.format(Locale.ROOT, "AppSettings.SignalRLongPolling is %s, but the proxy '%s' does not pass WebSockets",
            actual, proxy),
        String.format(Locale.ROOT, "In %s%s set \"SignalRLongPolling\": true under \"AppSettings\", then restart the "
            + "IIS default web site.", source.name(), where));
  }

  private void serverHost(Optional<JsonNode> app, Optional<JsonNode> node) {
    Optional<String> value = node.flatMap(n -> scalar(n, "a host name or IP address"));
    if (node.isPresent() && value.isEmpty()) {
      return;
    }
    String v = value.orElse("").strip();
    Optional<String> host = Hosts.hostOf(v);
    JsonNode n = node.orElse(null);
    if (!v.isEmpty() && (host.isEmpty() || v.contains("/"))) {
      add(FindingCatalog.CONFIG_INVALID_ENTRY, host.isEmpty() ? Status.FAIL : Status.WARN, Problems.at(source, n),
          String.format(Locale.ROOT, "%s is %s, which is not a plain host name or IP address", n.path(),
              AspNetValues.quote(v)),
          String.format(Locale.ROOT, "In %s line %d set \"XPhoneServerHost\" to the XPhone Server's host name or IP "
              + "only (no scheme, path or port).", source.name(), n.valueLine()));
    }
    if (scenario.iis() != IisPlacement.DMZ) {
      return;
    }
    String fix = "set \"XPhoneServerHost\" under \"AppSettings\" to the XPhone Server's host name or IP"
        + scenario.server().map(s -> " (e.g. \"" + s + "\")").orElse("") + ", then restart the IIS default web site";
    if (n == null) {
      if (complete) {
        SourceLocation loc = app.map(a -> Problems.atKey(source, a)).orElse(SourceLocation.of(source.name()))
            .withPath("AppSettings.XPhoneServerHost");
        add(FindingCatalog.CONFIG_SERVER_HOST_MISSING, null, loc,
            "AppSettings.XPhoneServerHost is missing, but IIS runs in the DMZ and must be told where the XPhone "
                + "Server is", "In " + source.name() + " " + fix + ".");
      }
      return;
    }
    if (Hosts.isLocal(v)) {
      add(FindingCatalog.CONFIG_SERVER_HOST_MISSING, null, Problems.at(source, n),
          String.format(Locale.ROOT, "%s is %s, but IIS runs in the DMZ, so it must name the XPhone Server", n.path(),
              v.isEmpty() ? "empty" : AspNetValues.quote(v) + " (this machine)"),
          String.format(Locale.ROOT, "In %s line %d %s.", source.name(), n.valueLine(), fix));
      return;
    }
    host.ifPresent(h -> {
      compare(n, h, wcfHost, "WcfIPEndPoint in web.config");
      compare(n, h, scenario.server().flatMap(Hosts::hostOf), "the XPhone Server given for this check");
    });
  }

  private void compare(JsonNode n, String host, Optional<String> other, String what) {
    if (other.isEmpty() || Hosts.same(host, other.get()).orElse(true)) {
      return;
    }
    add(FindingCatalog.CONFIG_SERVER_HOST_MISSING, Status.WARN, Problems.at(source, n),
        String.format(Locale.ROOT, "%s names '%s' but %s is '%s'; both must name the same XPhone Server",
            n.path(), host, what, other.get()),
        String.format(Locale.ROOT, "Make %s line %d (\"XPhoneServerHost\") and %s name the same XPhone Server.",
            source.name(), n.valueLine(), what));
  }

  // ---- Logging --------------------------------------------------------------------------------

  private void logging(JsonNode logging) {
    unknownMembers(logging, LOGGING, false);
    for (JsonNode m : logging.members()) {
      if (m.key().equalsIgnoreCase("LogLevel") && expectObject(m)) {
        levels(m);
      } else if (m.kind() == JsonNode.Kind.OBJECT) {
        m.member("LogLevel").filter(this::expectObject).ifPresent(this::levels);
      }
    }
    logging.member("EventLog").flatMap(e -> e.member("LogLevel")).filter(l -> l.kind() == JsonNode.Kind.OBJECT)
        .ifPresent(this::signalRDebug);
  }

  private void levels(JsonNode logLevel) {
    unknownMembers(logLevel, CATEGORIES, false);
    String accepted = String.join(", ", AspNetValues.LOG_LEVELS);
    for (JsonNode c : logLevel.members()) {
      scalar(c, accepted).ifPresent(v -> {
        if (AspNetValues.logLevel(v) < 0) {
          add(FindingCatalog.CONFIG_INVALID_ENTRY, Status.FAIL, Problems.at(source, c),
              String.format(Locale.ROOT, "%s is %s, which is no log level, and ASP.NET refuses to start with it; "
                  + "accepted values: %s", c.path(), AspNetValues.quote(v), accepted),
              String.format(Locale.ROOT, "In %s line %d set \"%s\" to one of %s.", source.name(), c.valueLine(),
                  c.key(), accepted));
        }
      });
    }
  }

  private void signalRDebug(JsonNode logLevel) {
    List<String> three = List.of("Default", SIGNALR, CONNECTIONS);
    boolean anyExplicit = false;
    List<String> lacking = new ArrayList<>();
    int debug = AspNetValues.LOG_LEVELS.indexOf("Debug");
    for (String category : three) {
      Optional<JsonNode> own = logLevel.member(category);
      if (own.flatMap(JsonNode::configValue).map(AspNetValues::logLevel).filter(l -> l >= 0 && l <= debug).isPresent()) {
        anyExplicit = true;
      }
      Effective e = effective(logLevel, category);
      if (e.level > debug) {
        lacking.add(String.format(Locale.ROOT, "%s is effectively %s (%s)", category,
            AspNetValues.LOG_LEVELS.get(e.level), e.from));
      }
    }
    if (!anyExplicit || lacking.isEmpty()) {
      return;
    }
    add(FindingCatalog.CONFIG_SIGNALR_DEBUG_INCOMPLETE, null, Problems.atKey(source, logLevel),
        String.format(Locale.ROOT, "%s sets some SignalR debug logging, but %s; SignalR debugging needs Default, %s "
            + "and %s at Debug", logLevel.path(), String.join("; ", lacking), SIGNALR, CONNECTIONS),
        String.format(Locale.ROOT, "In %s under \"Logging\" > \"EventLog\" > \"LogLevel\" (line %d) set \"Default\": "
            + "\"Debug\", \"%s\": \"Debug\" and \"%s\": \"Debug\" (or set all three back when done).",
            source.name(), logLevel.line(), SIGNALR, CONNECTIONS));
  }

  private record Effective(int level, String from) {}

  /** The EventLog provider's level for {@code category}: the longest matching prefix, else Warning. */
  private static Effective effective(JsonNode logLevel, String category) {
    JsonNode best = null;
    for (JsonNode m : logLevel.members()) {
      String k = m.key();
      boolean matches = k.equalsIgnoreCase(category) || k.equalsIgnoreCase("Default")
          || category.toLowerCase(Locale.ROOT).startsWith(k.toLowerCase(Locale.ROOT) + ".");
      if (!matches || AspNetValues.logLevel(m.configValue().orElse("")) < 0) {
        continue;
      }
      if (best == null || best.key().equalsIgnoreCase("Default")
          || !k.equalsIgnoreCase("Default") && k.length() > best.key().length()) {
        best = m;
      }
    }
    if (best == null) {
      return new Effective(AspNetValues.LOG_LEVELS.indexOf("Warning"), "the EventLog default, nothing set");
    }
    String from = best.key().equalsIgnoreCase(category) ? "line " + best.valueLine()
        : "from \"" + best.key() + "\" at line " + best.valueLine();
    return new Effective(AspNetValues.logLevel(best.configValue().orElse("")), from);
  }

  // ---- helpers --------------------------------------------------------------------------------

  private static String kindName(JsonNode n) {
    return switch (n.kind()) {
      case OBJECT -> "an object";
      case ARRAY -> "an array";
      case STRING -> "a string";
      case NUMBER -> "a number";
      case TRUE, FALSE -> "a boolean";
      case NULL -> "null";
    };
  }

  private void add(FindingCode code, Status severity, SourceLocation loc, String message, String change) {
    var b = code.finding(message).location(loc).remedy(change);
    if (severity != null) {
      b.severity(severity);
    }
    out.add(b.build());
  }
}
