package org.xphonediag.core.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class AddressClassTest {

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
      // IPv4: every class, with both edges of each range
      "127.0.0.1, loopback",
      "127.255.255.255, loopback",
      "10.0.0.0, private",
      "10.255.255.255, private",
      "172.16.0.1, private",
      "172.31.255.255, private",
      "172.15.255.255, public",
      "172.32.0.0, public",
      "192.168.101.12, private",
      "192.169.0.1, public",
      "100.64.0.1, cgnat",
      "100.127.255.255, cgnat",
      "100.63.255.255, public",
      "100.128.0.0, public",
      "169.254.1.1, link-local",
      "192.0.2.7, documentation",
      "198.51.100.1, documentation",
      "203.0.113.5, documentation",
      "224.0.0.1, multicast",
      "239.255.255.250, multicast",
      "0.0.0.0, unspecified",
      "8.8.8.8, public",
      "172.20.10.2, private",
      // IPv6
      "::1, loopback",
      "::, unspecified",
      "fe80::1, link-local",
      "febf:ffff::1, link-local",
      "fec0::1, public",
      "fc00::1, unique-local",
      "fd12:3456:789a::1, unique-local",
      "ff02::1, multicast",
      "2001:db8::1, documentation",
      "3fff::1, documentation",
      "2a00:1450:4001:82a::200e, public",
      // IPv4-mapped IPv6 is classified as its IPv4 address
      "::ffff:192.168.1.1, private",
      "::ffff:127.0.0.1, loopback",
      "::ffff:8.8.8.8, public",
      // names: never resolved
      "a1b2c3d4-1234-5678-9abc-def012345678.local, mdns",
      "Host.LOCAL, mdns",
      "xcc.example.com, fqdn",
      "localhost, fqdn",
  })
  void classifyWhenTextGivenThenClassAsDocumented(String text, String expected) {
    assertEquals(expected, AddressClass.classify(text).jsonName());
  }

  @ParameterizedTest
  @ValueSource(strings = {"256.1.1.1", "1.2.3", "1.2.3.4.5", "01.2.3.4", "1.2.3.-4", "1..2.3", "",
      "1:2:3:4:5:6:7:8:9", "1::2::3", "gggg::1", "12345::1", ":1::", "fe80::1%eth0", "[::1]",
      "bad host name", "-leading.example.com", "a..b", "300.1.1.1"})
  void classifyWhenMalformedThenTypedErrorNamingText(String text) {
    AddressFormatException e = assertThrows(AddressFormatException.class, () -> AddressClass.classify(text));
    assertTrue(e.getMessage().startsWith("'" + text + "' is not "), e.getMessage());
    assertEquals(text, e.input());
  }

  @ParameterizedTest
  @CsvSource({"PUBLIC, true", "DOCUMENTATION, true", "PRIVATE, false", "CGNAT, false", "LOOPBACK, false",
      "LINK_LOCAL, false", "UNIQUE_LOCAL, false", "MULTICAST, false", "UNSPECIFIED, false", "MDNS, false",
      "FQDN, false"})
  void isPublicWhenClassGivenThenAsArchitectureDefines(AddressClass c, boolean expected) {
    assertEquals(expected, c.isPublic());
  }
}
