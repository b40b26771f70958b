package org.xphonediag.webapi.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonTest {

  @Test
  void fillWhenTemplateHasPlaceholdersThenValuesInsertedAndOthersKept() {
    byte[] body = Json.fill("{\"userName\":\"${user}\",\"password\":\"${password}\",\"app\":\"mobile\"}",
        Map.of("user", "alice".toCharArray(), "password", "p\"w".toCharArray()));
    assertEquals("{\"userName\":\"alice\",\"password\":\"p\\\"w\",\"app\":\"mobile\"}",
        new String(body, StandardCharsets.UTF_8));
  }

  @Test
  void atWhenDottedPathThenNestedValue() {
    var node = Json.parse("{\"data\":{\"accessToken\":\"t\"}}".getBytes(StandardCharsets.UTF_8)).orElseThrow();
    assertEquals("t", Json.at(node, "data.accessToken").orElseThrow().asText());
    assertTrue(Json.at(node, "data.missing").isEmpty());
    assertTrue(Json.at(node, "").isPresent());
  }

  @Test
  void jwtClaimsWhenTokenWellFormedThenExpRead() {
    Base64.Encoder e = Base64.getUrlEncoder().withoutPadding();
    String jwt = e.encodeToString("{\"alg\":\"HS256\"}".getBytes(StandardCharsets.UTF_8)) + "."
        + e.encodeToString("{\"exp\":1800,\"iat\":0}".getBytes(StandardCharsets.UTF_8)) + ".sig";
    assertEquals(1800, Json.jwtClaims(jwt.toCharArray()).orElseThrow().get("exp").asLong());
  }

  @Test
  void jwtClaimsWhenNotJwtThenEmpty() {
    assertTrue(Json.jwtClaims("opaque-token".toCharArray()).isEmpty());
    assertTrue(Json.jwtClaims("a.!!!.c".toCharArray()).isEmpty());
  }
}
