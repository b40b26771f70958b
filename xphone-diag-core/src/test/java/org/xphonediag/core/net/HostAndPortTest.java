package org.xphonediag.core.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.InetSocketAddress;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class HostAndPortTest {

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
      "stun.example.com, stun.example.com:3478",
      "stun.example.com:3479, stun.example.com:3479",
      "203.0.113.5, 203.0.113.5:3478",
      "203.0.113.5:30000, 203.0.113.5:30000",
      "[2001:db8::1]:5060, [2001:db8::1]:5060",
      "[2001:DB8::1], [2001:db8::1]:3478",
      "2001:db8::1, [2001:db8::1]:3478",
  })
  void parseWhenTextGivenThenDefaultPortAndCanonicalForm(String text, String expected) {
    assertEquals(expected, HostAndPort.parse(text, 3478).toString());
  }

  @ParameterizedTest
  @ValueSource(strings = {"host:0", "host:65536", "host:", "host:x", "[::1", "[example.com]:80", "[::1]x", ":80",
      "bad host:80"})
  void parseWhenMalformedThenTypedError(String text) {
    assertThrows(AddressFormatException.class, () -> HostAndPort.parse(text, 3478));
  }

  @Test
  void ofWhenSocketAddressThenIpPortText() {
    assertEquals("127.0.0.1:4900", HostAndPort.of(new InetSocketAddress("127.0.0.1", 4900)).toString());
    assertEquals("[::1]:4901", HostAndPort.of(new InetSocketAddress("::1", 4901)).toString());
  }
}
