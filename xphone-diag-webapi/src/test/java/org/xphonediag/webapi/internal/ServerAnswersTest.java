package org.xphonediag.webapi.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.xphonediag.core.Secret;
import org.xphonediag.webapi.ConfiguredServers;
import org.xphonediag.webapi.ConfiguredServers.State;
import org.xphonediag.webapi.TurnServerEntry;
import org.xphonediag.webapi.WebApiProfile;

class ServerAnswersTest {
  private static final WebApiProfile DEFAULTS = WebApiProfile.defaults();

  private static HttpResult answer(int status, String body, Map<String, List<String>> headers) {
    return new HttpResult("https://x.example.com/api/info/stunservers", status, headers,
        body.getBytes(StandardCharsets.UTF_8), false, Optional.empty(), "", null, List.of(), Map.of(), "127.0.0.1:1");
  }

  private static HttpResult answer(int status, String body) {
    return answer(status, body, Map.of());
  }

  @Test
  void readWhenWebRtcShapeThenTurnEntriesWithSecretCredentials() {
    ConfiguredServers s = ServerAnswers.read(answer(200, "{\"servers\":[{\"host\":\"stun.example.com\",\"port\":3479}],"
        + "\"iceServers\":[{\"urls\":[\"stun:stun.example.com\",\"turn:turn.example.com?transport=tcp\"],"
        + "\"username\":\"u1\",\"credential\":\"pw-one\"},{\"urls\":\"turns:turn.example.com\"}]}"), DEFAULTS);
    assertEquals(State.ANSWERED, s.state());
    assertEquals(List.of("stun.example.com:3479"), s.stunServers());
    assertEquals(2, s.turnServers().size());
    TurnServerEntry first = s.turnServers().get(0);
    assertEquals(List.of("turn:turn.example.com?transport=tcp"), first.turnUrls());
    assertEquals("u1", first.username().orElseThrow());
    assertEquals("pw-one", new String(first.credential().orElseThrow().reveal()));
    assertEquals(List.of("turns:turn.example.com"), s.turnServers().get(1).urls());
    assertEquals(List.of(first), s.usableTurnServers(), "the second entry has no credentials");
    assertFalse(s.toString().contains("pw-one"), s.toString());
    assertTrue(s.toString().contains(Secret.MASK), s.toString());
  }

  @Test
  void readWhenProfileRenamesTurnFieldsThenThoseAreRead() {
    WebApiProfile p = DEFAULTS.toBuilder().field("turnServers", "data.turn").field("turnUrls", "uris")
        .field("turnUsername", "user").field("turnCredential", "password").build();
    ConfiguredServers s = ServerAnswers.read(answer(200,
        "{\"data\":{\"turn\":[{\"uris\":[\"turn:10.0.0.9\"],\"user\":\"x\",\"password\":\"y\"}]}}"), p);
    assertEquals(List.of("turn:10.0.0.9"), s.usableTurnServers().get(0).turnUrls());
  }

  @Test
  void readWhen429ThenRateLimitedWithoutLists() {
    ConfiguredServers s = ServerAnswers.read(answer(429, "{\"error\":\"slow down\"}"), DEFAULTS);
    assertEquals(State.RATE_LIMITED, s.state());
    assertEquals(Optional.of(429), s.httpStatus());
    assertTrue(s.reason().orElseThrow().contains("one STUN-server query per 30 s"), s.reason().toString());
  }

  @Test
  void readWhenVendorErrorSaysOncePer30sThenRateLimited() {
    assertEquals(State.RATE_LIMITED, ServerAnswers.read(answer(400,
        "{\"message\":\"This request is only allowed once every 30 seconds\"}"), DEFAULTS).state());
    assertEquals(State.RATE_LIMITED, ServerAnswers.read(answer(200, "{\"error\":\"Too many requests\"}"), DEFAULTS)
        .state());
    assertEquals(State.RATE_LIMITED, ServerAnswers.read(answer(503, "busy", Map.of("retry-after", List.of("30"))),
        DEFAULTS).state());
  }

  @Test
  void readWhenServerErrorWithoutLimitWordsThenFailed() {
    assertEquals(State.FAILED, ServerAnswers.read(answer(500, "internal error"), DEFAULTS).state());
    assertEquals(State.FAILED, ServerAnswers.read(answer(504, "gateway timeout after 30 s"), DEFAULTS).state());
    assertEquals(State.ROUTE_UNKNOWN, ServerAnswers.read(answer(404, "Not Found"), DEFAULTS).state());
    assertEquals(State.FAILED, ServerAnswers.read(answer(200, "<html>"), DEFAULTS).state());
  }

  @Test
  void readWhenListHugeThenCapped() {
    StringBuilder b = new StringBuilder("{\"iceServers\":[");
    for (int i = 0; i < 100; i++) {
      b.append(i == 0 ? "" : ",").append("{\"urls\":\"turn:h").append(i).append("\",\"username\":\"u\",\"credential\":\"c\"}");
    }
    ConfiguredServers s = ServerAnswers.read(answer(200, b.append("]}").toString()), DEFAULTS);
    assertEquals(ServerAnswers.MAX_ENTRIES, s.turnServers().size());
  }
}
