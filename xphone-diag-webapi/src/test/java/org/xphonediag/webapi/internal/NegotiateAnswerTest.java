package org.xphonediag.webapi.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Negotiate answers in the shapes of ASP.NET Core's TransportProtocols.md. */
class NegotiateAnswerTest {
  private static NegotiateAnswer parse(String json) throws Exception {
    return NegotiateAnswer.parse(new ObjectMapper().readTree(json));
  }

  @Test
  void parseWhenVersion1ThenTransportsWithFormatsAndNoTokenKept() throws Exception {
    NegotiateAnswer a = parse("{\"connectionToken\":\"05265228-1e2c-46c5-82a1-6a5bcc3f0143\","
        + "\"connectionId\":\"807809a5-31bf-470d-9e23-afaee35d8a0d\",\"negotiateVersion\":1,\"availableTransports\":["
        + "{\"transport\":\"WebSockets\",\"transferFormats\":[\"Text\",\"Binary\"]},"
        + "{\"transport\":\"ServerSentEvents\",\"transferFormats\":[\"Text\"]},"
        + "{\"transport\":\"LongPolling\",\"transferFormats\":[\"Text\",\"Binary\"]}]}");
    assertEquals(1, a.version());
    assertTrue(a.hasConnectionToken());
    assertEquals(List.of("WebSockets", "ServerSentEvents", "LongPolling"), a.transportNames());
    assertEquals(List.of("Text"), a.transports().get("ServerSentEvents"));
    assertTrue(a.transportsKnown() && a.offers("websockets") && a.offers(NegotiateAnswer.LONG_POLLING));
    assertEquals(List.of(), a.problems());
    assertFalse(a.toString().contains("05265228") || a.details().toString().contains("05265228"),
        "the connection token is a secret");
  }

  @Test
  void parseWhenVersion0WithoutWebSocketsThenLongPollingOnly() throws Exception {
    NegotiateAnswer a = parse("{\"connectionId\":\"807809a5\",\"availableTransports\":["
        + "{\"transport\":\"LongPolling\",\"transferFormats\":[\"Text\",\"Binary\"]}]}");
    assertEquals(0, a.version(), "no negotiateVersion means version 0");
    assertFalse(a.offers(NegotiateAnswer.WEB_SOCKETS));
    assertTrue(a.offers(NegotiateAnswer.LONG_POLLING));
    assertEquals(List.of(), a.problems());
  }

  @Test
  void parseWhenRedirectOrErrorThenTransportsUnknown() throws Exception {
    NegotiateAnswer redirect = parse("{\"url\":\"https://signalr.example.net/client/?hub=client\",\"accessToken\":\"eyJ\"}");
    assertEquals(Optional.of("https://signalr.example.net/client/?hub=client"), redirect.redirectUrl());
    assertTrue(redirect.redirectHasToken());
    assertFalse(redirect.transportsKnown());
    NegotiateAnswer error = parse("{\"error\":\"This connection is not allowed.\"}");
    assertEquals(Optional.of("This connection is not allowed."), error.error());
    assertFalse(error.transportsKnown());
  }

  @Test
  void parseWhenVersion1LacksTokenOrListThenProblemsNamed() throws Exception {
    NegotiateAnswer a = parse("{\"negotiateVersion\":1,\"connectionId\":\"x\"}");
    assertEquals(List.of("negotiateVersion 1 without a connectionToken", "no availableTransports list"), a.problems());
    assertFalse(a.transportsKnown());
  }
}
