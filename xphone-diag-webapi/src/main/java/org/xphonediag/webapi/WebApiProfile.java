package org.xphonediag.webapi;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.xphonediag.core.Options;
import org.xphonediag.core.io.InputFiles;
import org.xphonediag.core.io.ReadLimit;

/**
 * The WebClientApi's routes, methods, request bodies and response fields as one immutable value
 * (ARCHITECTURE.md "The WebClientApi's routes", docs/field-guide.md#connection-test).
 *
 * <p>The routes are not publicly documented, so no check hard-codes one: the default profile is
 * the resource {@code default-profile.json} next to this class; a deployment overrides it with a
 * file ({@link #load(Path)}) or in code ({@link #toBuilder()}). The format is described in the
 * README ("WebAPI profile"). Route keys: {@value #VERSION}, {@value #STUN_SERVERS}, {@value #LOGIN},
 * {@value #DEVICES}, {@value #SOFTPHONE_REINIT}, {@value #HUB}. Field keys: {@code version},
 * {@code token}, {@code refreshToken}, {@code devices}, {@code deviceName}, {@code stunServers},
 * {@code stunHost}, {@code stunPort}, and in the same answer the TURN entries in the WebRTC shape
 * {@code turnServers} (the list), {@code turnUrls}, {@code turnUsername}, {@code turnCredential}
 * (in each entry); a field value is a dotted path into the response JSON
 * (empty: the whole body). Request bodies are JSON templates in which the string values
 * {@code ${user}} and {@code ${password}} are replaced when the request is sent.
 *
 * <pre>{@code
 * WebApiProfile profile = WebApiProfile.defaults().toBuilder()
 *     .route(WebApiProfile.LOGIN, "POST", "/api/v2/login", false, "{\"user\":\"${user}\",\"pwd\":\"${password}\"}")
 *     .build();
 * }</pre>
 */
public final class WebApiProfile {
  /** Route key of the version-info call (no login). */
  public static final String VERSION = "version";
  /** Route key of the STUN/TURN server query (no login, once per 30 s). */
  public static final String STUN_SERVERS = "stunServers";
  /** Route key of the login that yields a JWT and a refresh token. */
  public static final String LOGIN = "login";
  /** Route key of the user's device list. */
  public static final String DEVICES = "devices";
  /** Route key of the softphone re-initialisation. */
  public static final String SOFTPHONE_REINIT = "softphoneReinit";
  /** Route key of the SignalR hub (the negotiate call goes to its path plus /negotiate). */
  public static final String HUB = "hub";

  static final Set<String> ROUTE_KEYS = Set.of(VERSION, STUN_SERVERS, LOGIN, DEVICES, SOFTPHONE_REINIT, HUB);
  static final Set<String> FIELD_KEYS = Set.of("version", "token", "refreshToken", "devices", "deviceName",
      "stunServers", "stunHost", "stunPort", "turnServers", "turnUrls", "turnUsername", "turnCredential");
  private static final Set<String> METHODS = Set.of("GET", "POST", "PUT", "DELETE");
  private static final String RESOURCE = "default-profile.json";
  private static final long MAX_PROFILE_BYTES = 256 * 1024;
  private static final ObjectMapper JSON = new ObjectMapper()
      .enable(JsonParser.Feature.ALLOW_COMMENTS)
      .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

  /**
   * One route.
   *
   * @param key the profile key, e.g. {@code login}
   * @param method GET, POST, PUT or DELETE
   * @param path the path below the WebAPI base URL, starting with {@code /}
   * @param auth whether the call carries the JWT as {@code Authorization: Bearer}
   * @param body the JSON body template, empty for none
   */
  public record Route(String key, String method, String path, boolean auth, Optional<String> body) {
    /** Validates the route. */
    public Route {
      Objects.requireNonNull(key, "key");
      Objects.requireNonNull(method, "method");
      Objects.requireNonNull(path, "path");
      Objects.requireNonNull(body, "body");
      if (!METHODS.contains(method)) {
        throw new IllegalArgumentException("route " + key + ": method must be GET, POST, PUT or DELETE but was '"
            + method + "'");
      }
      if (!path.startsWith("/")) {
        throw new IllegalArgumentException("route " + key + ": path must start with '/' but was '" + path + "'");
      }
    }
  }

  private final String source;
  private final String basePath;
  private final Map<String, Route> routes;
  private final Map<String, String> fields;

  private WebApiProfile(Builder b) {
    this.source = b.source;
    this.basePath = b.basePath;
    this.routes = Map.copyOf(b.routes);
    this.fields = Map.copyOf(b.fields);
    List<String> missing = new ArrayList<>();
    for (String k : ROUTE_KEYS) {
      if (!routes.containsKey(k)) {
        missing.add("routes." + k);
      }
    }
    for (String k : FIELD_KEYS) {
      if (!fields.containsKey(k)) {
        missing.add("fields." + k);
      }
    }
    if (!missing.isEmpty()) {
      throw new IllegalArgumentException("WebAPI profile " + source + " lacks " + String.join(", ", missing));
    }
  }

  /** The built-in default profile. */
  public static WebApiProfile defaults() {
    try (InputStream in = WebApiProfile.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("resource " + RESOURCE + " missing from the xphone-diag-webapi jar");
      }
      return parse(new String(in.readNBytes((int) MAX_PROFILE_BYTES), StandardCharsets.UTF_8), "default profile");
    } catch (IOException | WebApiProfileException e) {
      throw new IllegalStateException("built-in WebAPI profile unreadable: " + e.getMessage(), e);
    }
  }

  /**
   * Reads a profile file. Keys it does not set keep their default, so a file may hold only the
   * routes that differ.
   *
   * @throws WebApiProfileException for JSON that is malformed or holds bad keys
   * @throws IOException when the file cannot be read
   */
  public static WebApiProfile load(Path file) throws IOException, WebApiProfileException {
    return parse(InputFiles.readText(file, ReadLimit.CONFIG_TEXT), file.toString());
  }

  /**
   * Parses profile JSON; keys it does not set keep their default.
   *
   * @throws WebApiProfileException naming every problem with its key path
   */
  public static WebApiProfile parse(String json, String source) throws WebApiProfileException {
    JsonNode root;
    try {
      root = JSON.readTree(json);
    } catch (JsonProcessingException e) {
      String where = e.getLocation() == null ? ""
          : " at line " + e.getLocation().getLineNr() + ":" + e.getLocation().getColumnNr();
      throw new WebApiProfileException(source, List.of("not JSON" + where + ": " + e.getOriginalMessage()), e);
    }
    if (root == null || !root.isObject()) {
      throw new WebApiProfileException(source, List.of("top level must be a JSON object"), null);
    }
    Builder b = "default profile".equals(source) ? new Builder() : defaults().toBuilder();
    b.source = source;
    List<String> problems = new ArrayList<>();
    JsonNode base = root.get("basePath");
    if (base != null) {
      if (!base.isTextual() || !base.asText().startsWith("/")) {
        problems.add("basePath: must be text starting with '/' but was " + base);
      } else {
        b.basePath = base.asText();
      }
    }
    readRoutes(root.get("routes"), b, problems);
    readFields(root.get("fields"), b, problems);
    for (Iterator<String> it = root.fieldNames(); it.hasNext(); ) {
      String k = it.next();
      if (!Set.of("schema", "basePath", "routes", "fields").contains(k)) {
        problems.add(k + ": unknown key (expected schema, basePath, routes, fields)");
      }
    }
    if (!problems.isEmpty()) {
      throw new WebApiProfileException(source, problems, null);
    }
    try {
      return b.build();
    } catch (IllegalArgumentException e) {
      throw new WebApiProfileException(source, List.of(e.getMessage()), e);
    }
  }

  private static void readRoutes(JsonNode routes, Builder b, List<String> problems) {
    if (routes == null) {
      return;
    }
    if (!routes.isObject()) {
      problems.add("routes: must be an object but was " + routes.getNodeType().name().toLowerCase(Locale.ROOT));
      return;
    }
    routes.fields().forEachRemaining(e -> {
      String key = e.getKey();
      JsonNode r = e.getValue();
      if (!ROUTE_KEYS.contains(key)) {
        problems.add("routes." + key + ": unknown route key (expected one of " + sorted(ROUTE_KEYS) + ")");
        return;
      }
      Route old = b.routes.get(key);
      String method = text(r, "method", old == null ? null : old.method());
      String path = text(r, "path", old == null ? null : old.path());
      JsonNode auth = r.get("auth");
      boolean needsAuth = auth == null ? old != null && old.auth() : auth.asBoolean();
      Optional<String> body = r.has("body") ? Optional.of(r.get("body").toString())
          : old == null ? Optional.empty() : old.body();
      if (method == null || path == null) {
        problems.add("routes." + key + ": needs 'method' and 'path'");
        return;
      }
      try {
        b.routes.put(key, new Route(key, method.toUpperCase(Locale.ROOT), path, needsAuth, body));
      } catch (IllegalArgumentException ex) {
        problems.add("routes." + key + ": " + ex.getMessage());
      }
    });
  }

  private static void readFields(JsonNode fields, Builder b, List<String> problems) {
    if (fields == null) {
      return;
    }
    if (!fields.isObject()) {
      problems.add("fields: must be an object");
      return;
    }
    fields.fields().forEachRemaining(e -> {
      if (!FIELD_KEYS.contains(e.getKey())) {
        problems.add("fields." + e.getKey() + ": unknown field key (expected one of " + sorted(FIELD_KEYS) + ")");
      } else if (!e.getValue().isTextual()) {
        problems.add("fields." + e.getKey() + ": must be a dotted path text but was " + e.getValue());
      } else {
        b.fields.put(e.getKey(), e.getValue().asText());
      }
    });
  }

  private static String text(JsonNode node, String key, String fallback) {
    JsonNode v = node.get(key);
    return v != null && v.isTextual() ? v.asText() : fallback;
  }

  private static String sorted(Set<String> keys) {
    return String.join(", ", keys.stream().sorted().toList());
  }

  /** Where the profile came from: {@code default profile}, a file name, or {@code builder}. */
  public String source() {
    return source;
  }

  /** The path of the WebAPI below the host, e.g. {@code /xphoneconnect/webclientapi}. */
  public String basePath() {
    return basePath;
  }

  /** The route for {@code key}; see the class comment for the keys. */
  public Route route(String key) {
    Route r = routes.get(key);
    if (r == null) {
      throw new IllegalArgumentException("unknown route key '" + key + "' (expected one of " + sorted(ROUTE_KEYS) + ")");
    }
    return r;
  }

  /** The dotted response path for field {@code key}. */
  public String field(String key) {
    String f = fields.get(key);
    if (f == null) {
      throw new IllegalArgumentException("unknown field key '" + key + "' (expected one of " + sorted(FIELD_KEYS) + ")");
    }
    return f;
  }

  /** A builder holding this profile's values. */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.source = "builder";
    b.basePath = basePath;
    b.routes.putAll(routes);
    b.fields.putAll(fields);
    return b;
  }

  @Override
  public String toString() {
    return "WebApiProfile[" + source + ", " + basePath + "]";
  }

  /** Builds a {@link WebApiProfile}; not thread-safe. */
  public static final class Builder {
    private String source = "builder";
    private String basePath = "/xphoneconnect/webclientapi";
    private final Map<String, Route> routes = new LinkedHashMap<>();
    private final Map<String, String> fields = new LinkedHashMap<>();
    /** The options set on this builder (a route or field key each, and basePath), each at most once. */
    private final Set<String> set = new HashSet<>();

    private Builder() {}

    private void once(String name) {
      Options.requireUnset(name, set.contains(name) ? Boolean.TRUE : null, "WebApiProfile");
      set.add(name);
    }

    /** Sets the WebAPI's base path, once. */
    public Builder basePath(String basePath) {
      if (!basePath.startsWith("/")) {
        throw new IllegalArgumentException("basePath must start with '/' but was '" + basePath + "'");
      }
      once("basePath");
      this.basePath = basePath;
      return this;
    }

    /**
     * Sets a route, once per key on this builder (replacing the route of the profile it started from);
     * {@code body} may be null for none.
     */
    public Builder route(String key, String method, String path, boolean auth, String body) {
      if (!ROUTE_KEYS.contains(key)) {
        throw new IllegalArgumentException("unknown route key '" + key + "' (expected one of " + sorted(ROUTE_KEYS) + ")");
      }
      once("route " + key);
      routes.put(key, new Route(key, method, path, auth, Optional.ofNullable(body)));
      return this;
    }

    /** Sets a response field's dotted path, once per key on this builder (replacing the profile's it started from). */
    public Builder field(String key, String path) {
      if (!FIELD_KEYS.contains(key)) {
        throw new IllegalArgumentException("unknown field key '" + key + "' (expected one of " + sorted(FIELD_KEYS) + ")");
      }
      Objects.requireNonNull(path, "path");
      once("field " + key);
      fields.put(key, path);
      return this;
    }

    /** Builds the profile; every route and field key must be set. */
    public WebApiProfile build() {
      return new WebApiProfile(this);
    }
  }
}
