package org.xphonediag.stun.turn.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** ChannelData framing (RFC 8656 §12.4, §12.5). */
class ChannelDataTest {

  @Test
  void channelDataWhenPaddedThenHeaderLengthExcludesPaddingAndTotalIsMultipleOfFour() {
    byte[] data = {1, 2, 3, 4, 5};
    byte[] framed = ChannelData.frame(0x4000, data, true);
    assertEquals(12, framed.length);
    assertArrayEquals(new byte[] {0x40, 0x00, 0x00, 0x05, 1, 2, 3, 4, 5, 0, 0, 0}, framed);
    assertTrue(ChannelData.is(framed));
    assertTrue(ChannelData.carries(framed, 0x4000, data));
  }

  @Test
  void channelDataWhenUnpaddedOverUdpThenExactLength() {
    byte[] framed = ChannelData.frame(0x4001, new byte[] {9}, false);
    assertArrayEquals(new byte[] {0x40, 0x01, 0x00, 0x01, 9}, framed);
    assertFalse(ChannelData.carries(framed, 0x4000, new byte[] {9}), "another channel");
    assertFalse(ChannelData.carries(framed, 0x4001, new byte[] {8}), "other data");
  }

  @Test
  void stunMessageWhenCheckedThenNotChannelData() {
    assertFalse(ChannelData.is(new byte[] {0x01, 0x01, 0, 0}));
  }
}
