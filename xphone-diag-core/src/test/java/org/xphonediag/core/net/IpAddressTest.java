package org.xphonediag.core.net;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class IpAddressTest {

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
      "192.168.1.1, 192.168.1.1",
      "0.0.0.0, 0.0.0.0",
      "2001:DB8:0:0:0:0:0:1, 2001:db8::1",
      "2001:db8:0:0:1:0:0:1, 2001:db8::1:0:0:1",
      "2001:0db8:0000:0000:0000:ff00:0042:8329, 2001:db8::ff00:42:8329",
      "0:0:0:0:0:0:0:1, ::1",
      "::, ::",
      "1::, 1::",
      "::2:3:4:5:6:7:8, 0:2:3:4:5:6:7:8",
      "1:0:1:0:1:0:1:0, 1:0:1:0:1:0:1:0",
      "::ffff:10.0.50.118, ::ffff:10.0.50.118",
      "::ffff:a00:3276, ::ffff:10.0.50.118",
      "64:ff9b::192.0.2.33, 64:ff9b::c000:221",
  })
  void toStringWhenParsedThenCanonical(String text, String canonical) {
    assertEquals(canonical, IpAddress.parse(text).toString());
  }

  @Test
  void parseWhenHostNameThenNoLookupAndEmpty() {
    assertTrue(IpAddress.tryParse("xcc.example.com").isEmpty());
    assertThrows(AddressFormatException.class, () -> IpAddress.parse("xcc.example.com"));
  }

  @Test
  void toInetAddressWhenIpv6ThenSameBytesWithoutLookup() throws Exception {
    IpAddress a = IpAddress.parse("2001:db8::1");
    assertArrayEquals(InetAddress.getByName("2001:db8::1").getAddress(), a.toInetAddress().getAddress());
    assertEquals(a, IpAddress.of(a.toInetAddress()));
  }

  @Test
  void unmappedWhenMappedThenIpv4() {
    IpAddress mapped = IpAddress.parse("::ffff:192.0.2.1");
    assertTrue(mapped.isIpv4Mapped());
    assertEquals(IpAddress.parse("192.0.2.1"), mapped.unmapped());
    assertFalse(IpAddress.parse("2001:db8::1").isIpv4Mapped());
  }

  @Test
  void compareWhenMixedFamiliesThenIpv4First() {
    assertTrue(IpAddress.parse("255.255.255.255").compareTo(IpAddress.parse("::")) < 0);
    assertTrue(IpAddress.parse("10.0.0.2").compareTo(IpAddress.parse("10.0.0.10")) < 0);
  }

  @Test
  void parseWhenIpv4HasLeadingZeroThenMessageSaysWhy() {
    AddressFormatException e = assertThrows(AddressFormatException.class, () -> IpAddress.parse("010.0.0.1"));
    assertEquals("'010.0.0.1' is not an IPv4 address (dotted quad of decimal octets 0-255, no leading zeros)",
        e.getMessage());
  }

  @Test
  void ofBytesWhenSliceOfHeaderThenCopiedAndEqualToParsed() {
    byte[] header = {9, 9, (byte) 203, 0, 113, 7, 9};
    IpAddress a = IpAddress.ofBytes(header, 2, 4);
    header[2] = 1;
    assertEquals(IpAddress.parse("203.0.113.7"), a);
    assertEquals(IpAddress.parse("203.0.113.7").hashCode(), a.hashCode());
    assertThrows(IllegalArgumentException.class, () -> IpAddress.ofBytes(header, 0, 5));
    assertThrows(IndexOutOfBoundsException.class, () -> IpAddress.ofBytes(header, 4, 4));
  }
}
