package org.xphonediag.core.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PortRangeTest {

  @Test
  void parseWhenRangeOrSinglePortThenBoundsAndSize() {
    PortRange r = PortRange.parse("30000-33000");
    assertEquals(PortRange.XCC_MEDIA_DEFAULT, r);
    assertEquals(3001, r.size());
    assertTrue(r.contains(30000) && r.contains(33000));
    assertFalse(r.contains(29999));
    assertEquals("5060", PortRange.parse(" 5060 ").toString());
  }

  @ParameterizedTest
  @ValueSource(strings = {"33000-30000", "0-10", "1-65536", "a-b", "1-2-3", ""})
  void parseWhenMalformedThenTypedErrorWithForm(String text) {
    AddressFormatException e = assertThrows(AddressFormatException.class, () -> PortRange.parse(text));
    assertTrue(e.getMessage().contains("a port range A-B"), e.getMessage());
  }
}
