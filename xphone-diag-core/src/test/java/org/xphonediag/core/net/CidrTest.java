package org.xphonediag.core.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class CidrTest {

  @ParameterizedTest(name = "{0} contains {1}: {2}")
  @CsvSource({
      "192.168.0.0/16, 192.168.1.20, true",
      "192.168.1.0/24, 192.168.2.1, false",
      "10.0.0.0/8, 11.0.0.0, false",
      "0.0.0.0/0, 203.0.113.5, true",
      "172.16.0.0/12, 172.31.255.255, true",
      "172.16.0.0/12, 172.32.0.0, false",
      "10.0.50.118/32, 10.0.50.118, true",
      "10.0.50.118/32, 10.0.50.119, false",
      "fe80::/10, fe80::1, true",
      "fe80::/10, fec0::1, false",
      "2001:db8::/32, 2001:db8:ffff::1, true",
      "::/0, ::1, true",
      "192.168.0.0/16, ::ffff:192.168.1.1, false",
  })
  void containsWhenAddressGivenThenPlainCidrArithmetic(String cidr, String ip, boolean expected) {
    assertEquals(expected, Cidr.parse(cidr).contains(IpAddress.parse(ip)));
  }

  @Test
  void networkWhenHostBitsSetThenClearedAndFlagged() {
    Cidr c = Cidr.parse("10.1.2.3/8");
    assertTrue(c.hasHostBits());
    assertEquals("10.0.0.0", c.network().toString());
    assertEquals("10.1.2.3/8", c.toString());
    assertFalse(Cidr.parse("10.0.0.0/8").hasHostBits());
  }

  @Test
  void containsCidrWhenNestedThenTrue() {
    assertTrue(Cidr.parse("192.168.0.0/16").contains(Cidr.parse("192.168.1.0/24")));
    assertFalse(Cidr.parse("192.168.1.0/24").contains(Cidr.parse("192.168.0.0/16")));
  }

  @ParameterizedTest
  @ValueSource(strings = {"192.168.1.0", "192.168.1.0/33", "192.168.1.0/", "192.168.1.0/-1", "fe80::/129",
      "host/24", "10.0.0.0/08", "10.0.0.0/2a"})
  void parseWhenMalformedThenTypedErrorSayingWhatWasExpected(String text) {
    AddressFormatException e = assertThrows(AddressFormatException.class, () -> Cidr.parse(text));
    assertTrue(e.getMessage().contains("CIDR prefix"), e.getMessage());
  }

  @Test
  void parseWhenLengthMissingThenMessageShowsForm() {
    AddressFormatException e = assertThrows(AddressFormatException.class, () -> Cidr.parse("192.168.1.0"));
    assertEquals("'192.168.1.0' is not a CIDR prefix (address/length, e.g. 192.168.1.0/24)", e.getMessage());
  }
}
