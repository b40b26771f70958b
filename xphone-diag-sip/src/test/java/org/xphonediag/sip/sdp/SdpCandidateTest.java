package org.xphonediag.sip.sdp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.xphonediag.core.net.AddressClass;

class SdpCandidateTest {

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      a=candidate:1 1 UDP 2130706431 192.168.1.20 50000 typ host generation 0 | 1 | 1 | udp | 2130706431 | 192.168.1.20 | 50000 | host | private
      candidate:2 1 udp 1694498815 203.0.113.7 50000 typ srflx raddr 192.168.1.20 rport 50000 | 2 | 1 | udp | 1694498815 | 203.0.113.7 | 50000 | srflx | documentation
      3 2 UDP 1 2001:db8::7 9 typ relay raddr 198.51.100.1 rport 3478 | 3 | 2 | udp | 1 | 2001:db8::7 | 9 | relay | documentation
      A=CANDIDATE:ab+/Z 256 TCP 2147483647 10.0.0.1 9 TYP HOST tcptype ACTIVE | ab+/Z | 256 | tcp | 2147483647 | 10.0.0.1 | 9 | host | private
      a=candidate:4 1 udp 2113937151 3b4d9c1e-5f6a-4d2b-8c7e-1a2b3c4d5e6f.local 54321 typ host | 4 | 1 | udp | 2113937151 | 3b4d9c1e-5f6a-4d2b-8c7e-1a2b3c4d5e6f.local | 54321 | host | mdns
      a=candidate:5 1 udp 100 turn.example.com 3478 typ relay raddr 0.0.0.0 rport 0 | 5 | 1 | udp | 100 | turn.example.com | 3478 | relay | fqdn
      a=candidate:6 1 udp 100 FE80::1 0 typ host | 6 | 1 | udp | 100 | fe80::1 | 0 | host | link-local
      a=candidate:7   1  udp  100  100.64.1.2  65535  typ  prflx  raddr 10.1.1.1  rport 1 | 7 | 1 | udp | 100 | 100.64.1.2 | 65535 | prflx | cgnat
      a=candidate:8 1 sctp-x 100 127.0.0.1 1 typ host | 8 | 1 | sctp-x | 100 | 127.0.0.1 | 1 | host | loopback
      """)
  void parseWhenValidThenReadsEveryField(String line, String foundation, int component, String transport,
      long priority, String address, int port, String type, String addressClass) throws Exception {
    SdpCandidate c = SdpCandidate.parse(line);
    assertEquals(foundation, c.foundation());
    assertEquals(component, c.component());
    assertEquals(transport, c.transport());
    assertEquals(priority, c.priority());
    assertEquals(address, c.address());
    assertEquals(port, c.port());
    assertEquals(type, c.type().jsonName());
    assertEquals(addressClass, c.addressClass().jsonName());
  }

  @Test
  void parseWhenExtensionsInAnyOrderThenKeepsThemAndRelatedAddress() throws Exception {
    SdpCandidate c = SdpCandidate.parse("a=candidate:9 1 udp 1677729535 198.51.100.4 61000 typ srflx"
        + " generation 2 raddr 10.0.0.5 ufrag Ab12 rport 50001 network-id 3 network-cost 10 x-foo bar");
    assertEquals("10.0.0.5", c.relatedAddress().orElseThrow());
    assertEquals(50001, c.relatedPort().getAsInt());
    assertEquals(2, c.generation().getAsLong());
    assertEquals("Ab12", c.ufrag().orElseThrow());
    assertEquals(3, c.networkId().getAsLong());
    assertEquals(10, c.networkCost().getAsLong());
    assertEquals(List.of("generation", "ufrag", "network-id", "network-cost", "x-foo"), List.copyOf(c.extensions().keySet()));
    assertEquals("bar", c.extensions().get("x-foo"));
    assertTrue(c.warnings().isEmpty());
  }

  @Test
  void parseWhenTcpTypeThenLowerCasesIt() throws Exception {
    SdpCandidate c = SdpCandidate.parse("candidate:1 1 TCP 100 10.0.0.1 9 typ host tcptype Passive");
    assertEquals("passive", c.tcpType().orElseThrow());
    assertEquals(Map.of("tcptype", "passive"), c.extensions());
  }

  @Test
  void parseWhenUnknownTypeThenKeepsTokenAsUnknownWithWarning() throws Exception {
    SdpCandidate c = SdpCandidate.parse("a=candidate:1 1 udp 100 10.0.0.1 5000 typ x-relay2");
    assertEquals(CandidateType.UNKNOWN, c.type());
    assertEquals("x-relay2", c.typeToken());
    assertEquals(1, c.warnings().size());
    assertTrue(c.warnings().get(0).contains("x-relay2"), c.warnings().toString());
  }

  @Test
  void parseWhenSrflxWithoutRaddrThenAcceptsWithWarning() throws Exception {
    SdpCandidate c = SdpCandidate.parse("a=candidate:2 1 udp 100 203.0.113.9 5000 typ srflx");
    assertEquals(CandidateType.SRFLX, c.type());
    assertTrue(c.relatedAddress().isEmpty());
    assertEquals(1, c.warnings().size());
    assertTrue(c.warnings().get(0).contains("raddr"));
  }

  @Test
  void parseWhenHostWithoutRaddrThenNoWarning() throws Exception {
    assertTrue(SdpCandidate.parse("a=candidate:2 1 udp 100 10.0.0.9 5000 typ host").warnings().isEmpty());
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      a=candidate:1 0 udp 100 10.0.0.1 5000 typ host | 15 | component must be 1..256 but was 0
      a=candidate:1 257 udp 100 10.0.0.1 5000 typ host | 15 | component must be 1..256 but was 257
      a=candidate:1 1 udp 0 10.0.0.1 5000 typ host | 21 | priority must be 1..2147483647 but was 0
      a=candidate:1 1 udp 2147483648 10.0.0.1 5000 typ host | 21 | priority must be 1..2147483647 but was 2147483648
      a=candidate:1 1 udp 100 10.0.0.1 65536 typ host | 34 | port must be 0..65535 but was 65536
      a=candidate:1 1 udp 100 10.0.0.1 -1 typ host | 34 | port must be a number
      a=candidate:1 1 udp 100 10.0.0.1 5000 type host | 39 | expected 'typ' but found 'type'
      a=candidate:1 1 udp 100 10.0.0.1 5000 typ | 39 | expected at least 8 fields
      a=candidate:1 1 udp 100 300.1.1.1 5000 typ host | 25 | address must be an IPv4 or IPv6 address or a host name
      a=candidate:1 1 udp 100 fe80::1%eth0 5000 typ host | 25 | address must be an IPv4 or IPv6 address
      a=candidate:1 1 udp 100 10.0.0.1 5000 typ host generation | 48 | expected a value after extension 'generation'
      a=candidate:1 1 udp 100 10.0.0.1 5000 typ srflx raddr 10.0.0.2 raddr 10.0.0.3 | 64 | expected one raddr
      a=candidate:1 1 udp 100 10.0.0.1 5000 typ srflx raddr 10.0.0.2 rport 70000 | 70 | rport must be 0..65535 but was 70000
      a=candidate:1 1 udp 100 10.0.0.1 5000 typ host tcptype sideways | 56 | tcptype must be active, passive or so
      a=candidate:a_b 1 udp 100 10.0.0.1 5000 typ host | 13 | foundation must be 1 to 32 of ALPHA, DIGIT
      a=candidate:123456789012345678901234567890123 1 udp 100 10.0.0.1 5000 typ host | 13 | foundation must be 1 to 32
      a=candidate:1 1 u/dp 100 10.0.0.1 5000 typ host | 17 | transport must be a token
      a=rtpmap:1 1 udp 100 10.0.0.1 5000 typ host | 3 | expected 'candidate:' after 'a='
      a=candidate:1 1 udp 100 10.0.0.1 5000 typ host generation 0 generation 1 | 61 | expected each extension once
      """)
  void parseWhenMalformedThenRejectsWithColumnAndExpectation(String line, int column, String expected) throws Exception {
    SdpFormatException e = assertThrows(SdpFormatException.class, () -> SdpCandidate.parse(line));
    assertEquals(1, e.location().line().getAsInt());
    assertEquals(column, e.location().column().getAsInt(), e.getMessage());
    assertTrue(e.reason().contains(expected), e.reason());
    assertTrue(e.reason().startsWith("sdp line 1 (a=candidate): "), e.reason());
  }

  @Test
  void parseWhenLineTooLongThenRejects() throws Exception {
    String line = "a=candidate:1 1 udp 100 10.0.0.1 5000 typ host x " + "y".repeat(5000);
    SdpFormatException e = assertThrows(SdpFormatException.class, () -> SdpCandidate.parse(line));
    assertTrue(e.reason().contains("at most 4096"), e.reason());
  }

  @Test
  void endpointWritesIpv6InBrackets() throws Exception {
    assertEquals("[2001:db8::7]:9", SdpCandidate.parse("3 1 UDP 1 2001:db8::7 9 typ host").endpoint());
    assertEquals(AddressClass.DOCUMENTATION, SdpCandidate.parse("3 1 UDP 1 2001:db8::7 9 typ host").addressClass());
  }
}
