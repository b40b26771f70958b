package org.xphonediag.webapi.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;

/** Small JSON helpers for response fields (dotted paths) and request templates. */
public final class Json {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private Json() {}

  /** Parses {@code bytes}, empty when they are not JSON. */
  public static Optional<JsonNode> parse(byte[] bytes) {
    try {
      return Optional.ofNullable(MAPPER.readTree(bytes));
    } catch (java.io.IOException e) {
      return Optional.empty();
    }
  }

  /** The node at the dotted {@code path} (empty path: the node itself). */
  public static Optional<JsonNode> at(JsonNode node, String path) {
    JsonNode cur = node;
    if (!path.isEmpty()) {
      for (String part : path.split("\\.")) {
        if (cur == null || !cur.isObject()) {
          return Optional.empty();
        }
        cur = cur.get(part);
      }
    }
    return cur == null || cur.isNull() || cur.isMissingNode() ? Optional.empty() : Optional.of(cur);
  }

  /**
   * Fills a body template: every string value equal to {@code ${name}} becomes the given value.
   * Returns UTF-8 bytes; the caller wipes them after sending.
   */
  public static byte[] fill(String template, Map<String, char[]> values) {
    try {
      JsonNode t = MAPPER.readTree(template);
      replace(t, values);
      return MAPPER.writeValueAsBytes(t);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("body template is not JSON: " + e.getOriginalMessage(), e);
    }
  }

  private static void replace(JsonNode node, Map<String, char[]> values) {
    if (node instanceof ObjectNode o) {
      for (Iterator<Map.Entry<String, JsonNode>> it = o.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        JsonNode v = e.getValue();
        if (v.isTextual() && v.asText().startsWith("${") && v.asText().endsWith("}")) {
          char[] value = values.get(v.asText().substring(2, v.asText().length() - 1));
          if (value != null) {
            e.setValue(new TextNode(new String(value)));
          }
        } else {
          replace(v, values);
        }
      }
    } else if (node != null && node.isArray()) {
      node.forEach(n -> replace(n, values));
    }
  }

  /** The claims of a JWT (RFC 7519 §3: the second base64url part), empty when it is not a JWT. */
  public static Optional<JsonNode> jwtClaims(char[] token) {
    String t = new String(token);
    String[] parts = t.split("\\.");
    if (parts.length < 2) {
      return Optional.empty();
    }
    try {
      byte[] payload = Base64.getUrlDecoder().decode(parts[1]);
      return parse(payload).filter(JsonNode::isObject);
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  /** UTF-8 bytes of {@code s}. */
  public static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
