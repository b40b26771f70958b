package org.xphonediag.webapi.internal;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A SignalR hub's answer to {@code POST [hub]/negotiate} as ASP.NET Core's transport protocol
 * (TransportProtocols.md) defines it: version 0 ({@code connectionId}) or 1 (also {@code
 * connectionToken}), {@code availableTransports} with each transport's {@code transferFormats},
 * a redirect ({@code url} plus an optional {@code accessToken}) or an {@code error}. The
 * connection token and the access token are secrets: only their presence is kept. Immutable.
 *
 * @param version {@code negotiateVersion} (0 when absent, as the protocol says)
 * @param connectionId present for a connection answer
 * @param hasConnectionToken whether a {@code connectionToken} was sent
 * @param transports the transports offered, in the server's order, with their transfer formats
 * @param redirectUrl the {@code url} of a redirect answer
 * @param redirectHasToken whether the redirect brings its own {@code accessToken}
 * @param error the {@code error} of a refusal
 * @param problems what the answer lacks or holds wrongly for its version, empty when nothing
 */
public record NegotiateAnswer(int version, Optional<String> connectionId, boolean hasConnectionToken,
    Map<String, List<String>> transports, Optional<String> redirectUrl, boolean redirectHasToken,
    Optional<String> error, List<String> problems) {
  /** The transport names of the protocol. */
  public static final String WEB_SOCKETS = "WebSockets";
  public static final String LONG_POLLING = "LongPolling";

  /** Copies. */
  public NegotiateAnswer {
    transports = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(transports));
    problems = List.copyOf(problems);
  }

  /** Reads {@code json}, the parsed body of a 200 answer. */
  public static NegotiateAnswer parse(JsonNode json) {
    List<String> problems = new ArrayList<>();
    if (json == null || !json.isObject()) {
      problems.add("the answer must be a JSON object");
      return new NegotiateAnswer(0, Optional.empty(), false, Map.of(), Optional.empty(), false, Optional.empty(),
          problems);
    }
    Optional<String> error = text(json, "error");
    Optional<String> url = text(json, "url");
    int version = json.path("negotiateVersion").canConvertToInt() ? json.path("negotiateVersion").asInt() : 0;
    Optional<String> id = text(json, "connectionId");
    boolean token = text(json, "connectionToken").isPresent();
    Map<String, List<String>> transports = new LinkedHashMap<>();
    JsonNode list = json.get("availableTransports");
    if (error.isEmpty() && url.isEmpty()) {
      if (id.isEmpty()) {
        problems.add("no connectionId");
      }
      if (version >= 1 && !token) {
        problems.add("negotiateVersion " + version + " without a connectionToken");
      }
      if (list == null || !list.isArray()) {
        problems.add("no availableTransports list");
      }
    }
    if (list != null && list.isArray()) {
      for (JsonNode t : list) {
        Optional<String> name = text(t, "transport");
        if (name.isEmpty()) {
          problems.add("an availableTransports entry without a transport name");
          continue;
        }
        List<String> formats = new ArrayList<>();
        t.path("transferFormats").forEach(f -> formats.add(f.asText()));
        transports.put(name.get(), formats);
      }
    }
    return new NegotiateAnswer(version, id, token, transports, url, text(json, "accessToken").isPresent(), error,
        problems);
  }

  private static Optional<String> text(JsonNode node, String field) {
    JsonNode v = node == null ? null : node.get(field);
    return v != null && v.isTextual() && !v.asText().isEmpty() ? Optional.of(v.asText()) : Optional.empty();
  }

  /** True when the transports are known (a connection answer with its list). */
  public boolean transportsKnown() {
    return error.isEmpty() && redirectUrl.isEmpty() && !transports.isEmpty();
  }

  /** True when {@code transport} is offered (names compared case-insensitively). */
  public boolean offers(String transport) {
    return transports.keySet().stream().anyMatch(t -> t.toLowerCase(Locale.ROOT).equals(transport.toLowerCase(Locale.ROOT)));
  }

  /** The transport names offered, in order. */
  public List<String> transportNames() {
    return List.copyOf(transports.keySet());
  }

  /** The answer as report details (no tokens). */
  public Map<String, Object> details() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("negotiateVersion", version);
    m.put("transports", transportNames());
    m.put("transferFormats", transports);
    if (!problems.isEmpty()) {
      m.put("problems", problems);
    }
    return m;
  }
}
