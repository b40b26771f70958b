package org.xphonediag.sip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.xphonediag.core.net.Transport;

class SipUriTest {

  @Test
  void parseReadsUserHostPortAndTransport() {
    SipUri u = SipUri.parse("sip:xcc@127.0.0.1:4900;transport=TCP;lr");
    assertEquals(Optional.of("xcc"), u.user());
    assertEquals("127.0.0.1:4900", u.target().toString());
    assertEquals(Optional.of(Transport.TCP), u.transport());
    assertEquals("sip:xcc@127.0.0.1:4900;transport=tcp", u.toString());
  }

  @Test
  void parseDefaultsPortTo5060AndReadsIpv6() {
    assertEquals(5060, SipUri.parse("SIP:10.0.0.5").target().port());
    assertEquals("[::1]:5070", SipUri.parse("sip:[::1]:5070").target().toString());
  }

  @ParameterizedTest
  @ValueSource(strings = {"sips:10.0.0.1", "http://x", "10.0.0.1:5060", "sip:", "sip:10.0.0.1:99999",
      "sip:10.0.0.1;transport=sctp", "sip:user:pw@10.0.0.1", "sip:[::1"})
  void parseWhenMalformedThenRejectsNamingTheText(String text) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SipUri.parse(text));
    assertTrue(e.getMessage().contains("SIP"), e.getMessage());
  }

  @Test
  void probeBuilderRejectsHostNamesAndConflicts() {
    assertThrows(IllegalArgumentException.class, () -> SipClient.builder(SipUri.parse("sip:xcc.example.com")));
    SipClient.Builder b = SipClient.builder(SipUri.parse("sip:10.0.0.1"));
    assertThrows(IllegalArgumentException.class, () -> b.timeout(Duration.ZERO));
    assertThrows(IllegalArgumentException.class, () -> b.sdp(new byte[0]));
    b.sdp("v=0\r\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    assertThrows(IllegalStateException.class, () -> b.build());
    assertEquals(Transport.TCP, SipClient.builder(SipUri.parse("sip:10.0.0.1;transport=tcp")).build().transport());
    assertEquals(Duration.ofSeconds(5), SipClient.builder(SipUri.parse("sip:10.0.0.1")).build().timeout());
  }
}
