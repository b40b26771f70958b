package org.xphonediag.webapi.internal;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import org.xphonediag.core.Secret;
import org.xphonediag.webapi.ConfiguredServers;
import org.xphonediag.webapi.ConfiguredServers.State;
import org.xphonediag.webapi.TurnServerEntry;
import org.xphonediag.webapi.WebApiProfile;

/**
 * Reads the STUN/TURN-server route's answer (docs/field-guide.md#stun-server-settings, #connection-test) into {@link ConfiguredServers}: the
 * STUN list at field {@code stunServers}, the TURN list at {@code turnServers} in the WebRTC shape
 * ({@code urls} a list or one string, {@code username}, {@code credential}). A refusal for asking
 * too often is HTTP 429, or another status (or a 200 without a list) whose body says so, or an
 * error status with {@code Retry-After}. Lists are capped at {@value #MAX_ENTRIES} entries.
 */
public final class ServerAnswers {
  /** At most this many STUN or TURN entries, and URLs per entry, are read. */
  static final int MAX_ENTRIES = 32;
  private static final Pattern LIMIT_TEXT = Pattern.compile(
      "too many|rate.?limit|once (per|every|in)", Pattern.CASE_INSENSITIVE);

  private ServerAnswers() {}

  /** The answer {@code r} of the route, read with the field names of {@code p}. */
  public static ConfiguredServers read(HttpResult r, WebApiProfile p) {
    Optional<Integer> status = r.answered() ? Optional.of(r.status()) : Optional.empty();
    if (!r.answered()) {
      return ConfiguredServers.without(State.FAILED, status, "STUN-server route " + r.url() + " failed: "
          + r.describe());
    }
    if (r.status() == 404) {
      return ConfiguredServers.without(State.ROUTE_UNKNOWN, status, "STUN-server route " + r.url()
          + " answered HTTP 404; set profile key routes." + WebApiProfile.STUN_SERVERS);
    }
    Optional<JsonNode> body = Json.parse(r.body());
    Optional<JsonNode> stun = body.flatMap(j -> Json.at(j, p.field("stunServers"))).filter(JsonNode::isArray);
    Optional<JsonNode> turn = body.flatMap(j -> Json.at(j, p.field("turnServers"))).filter(JsonNode::isArray);
    boolean limitSaid = LIMIT_TEXT.matcher(r.text()).find();
    if (r.status() == 429 || (!r.ok() && (limitSaid || r.header("Retry-After").isPresent()))
        || (r.ok() && stun.isEmpty() && turn.isEmpty() && limitSaid)) {
      return ConfiguredServers.without(State.RATE_LIMITED, status, String.format(Locale.ROOT,
          "the server allows one STUN-server query per 30 s and refused this one (HTTP %d at %s)", r.status(),
          r.url()));
    }
    if (!r.ok()) {
      return ConfiguredServers.without(State.FAILED, status, "STUN-server route " + r.url() + " failed: "
          + r.describe());
    }
    if (body.isEmpty()) {
      return ConfiguredServers.without(State.FAILED, status, "STUN-server route " + r.url()
          + " must answer JSON but the body is not JSON");
    }
    List<String> stunServers = new ArrayList<>();
    stun.ifPresent(a -> {
      for (int i = 0; i < Math.min(MAX_ENTRIES, a.size()); i++) {
        JsonNode s = a.get(i);
        String host = Json.at(s, p.field("stunHost")).map(JsonNode::asText).orElse("?");
        String port = Json.at(s, p.field("stunPort")).map(JsonNode::asText).orElse("3478");
        stunServers.add(host + ":" + port);
      }
    });
    List<TurnServerEntry> turnServers = new ArrayList<>();
    turn.ifPresent(a -> {
      for (int i = 0; i < Math.min(MAX_ENTRIES, a.size()); i++) {
        turnEntry(a.get(i), p).ifPresent(turnServers::add);
      }
    });
    return new ConfiguredServers(State.ANSWERED, stunServers, turnServers, status, Optional.empty());
  }

  private static Optional<TurnServerEntry> turnEntry(JsonNode e, WebApiProfile p) {
    if (e == null || !e.isObject()) {
      return Optional.empty();
    }
    List<String> urls = new ArrayList<>();
    Json.at(e, p.field("turnUrls")).ifPresent(u -> {
      if (u.isTextual()) {
        urls.add(u.asText());
      } else if (u.isArray()) {
        for (int i = 0; i < Math.min(MAX_ENTRIES, u.size()); i++) {
          if (u.get(i).isTextual()) {
            urls.add(u.get(i).asText());
          }
        }
      }
    });
    if (urls.isEmpty()) {
      return Optional.empty();
    }
    Optional<String> user = Json.at(e, p.field("turnUsername")).filter(JsonNode::isTextual).map(JsonNode::asText);
    Optional<Secret> credential = Json.at(e, p.field("turnCredential")).filter(JsonNode::isTextual)
        .map(c -> Secret.of(c.asText()));
    return Optional.of(new TurnServerEntry(urls, user, credential));
  }
}
