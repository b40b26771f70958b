package org.xphonediag.stun.turn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.xphonediag.core.net.HostAndPort;
import org.xphonediag.core.net.Transport;

class TurnUriTest {

  @Test
  void parseTurnWithoutPortThenDefault3478OverUdp() {
    TurnUri u = TurnUri.parse("turn:turn.example.com");
    assertEquals(new HostAndPort("turn.example.com", 3478), u.server());
    assertEquals(Transport.UDP, u.transport());
    assertEquals("turn:turn.example.com:3478?transport=udp", u.toString());
  }

  @Test
  void parseTurnsWithoutPortThenDefault5349OverTls() {
    TurnUri u = TurnUri.parse("turns:turn.example.com");
    assertEquals(5349, u.server().port());
    assertEquals(Transport.TLS, u.transport());
    assertEquals(Transport.TLS, TurnUri.parse("TURNS:turn.example.com?transport=tcp").transport());
  }

  @Test
  void parseTransportTcpAndIpv6ThenBoth() {
    TurnUri u = TurnUri.parse("turn:[2001:db8::1]:3479?transport=tcp");
    assertEquals(Transport.TCP, u.transport());
    assertEquals(3479, u.server().port());
    assertEquals("2001:db8::1", u.server().host());
  }

  @Test
  void parseWhenSchemeWrongThenRejectedNamingColumn() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TurnUri.parse("stun:x"));
    assertTrue(e.getMessage().contains("column 1"), e.getMessage());
  }

  @Test
  void parseWhenTurnsOverUdpThenRejected() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> TurnUri.parse("turns:x?transport=udp"));
    assertTrue(e.getMessage().contains("column 19") && e.getMessage().contains("'udp'"), e.getMessage());
  }

  @Test
  void parseWhenQueryOrHostBadThenRejected() {
    assertThrows(IllegalArgumentException.class, () -> TurnUri.parse("turn:x?foo=bar"));
    assertThrows(IllegalArgumentException.class, () -> TurnUri.parse("turn:x?transport=sctp"));
    assertThrows(IllegalArgumentException.class, () -> TurnUri.parse("turn:"));
    assertThrows(IllegalArgumentException.class, () -> TurnUri.parse("turn://x"));
    assertThrows(IllegalArgumentException.class, () -> TurnUri.parse("turn:x:99999"));
  }
}
