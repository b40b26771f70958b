package org.xphonediag.trace.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class FlowTableTest {
  private static List<Long> key(long... k) {
    List<Long> out = new ArrayList<>();
    for (long v : k) {
      out.add(v);
    }
    return out;
  }

  @Test
  void storesAndFindsManyKeysAcrossGrowthInInsertionOrder() {
    FlowTable<String> t = new FlowTable<>(50_000);
    Map<List<Long>, String> reference = new HashMap<>();
    List<String> order = new ArrayList<>();
    Random r = new Random(1);
    for (int i = 0; i < 20_000; i++) {
      // narrow random values so that keys share words and collide in the low bits
      long[] k = {r.nextInt(64), r.nextInt(4), 0, r.nextInt(2), r.nextInt(1 << 16) << 16, r.nextBoolean() ? 4 : 16};
      if (reference.containsKey(key(k))) {
        continue;
      }
      String v = "v" + i;
      assertTrue(t.add(k[0], k[1], k[2], k[3], k[4], k[5], v));
      reference.put(key(k), v);
      order.add(v);
    }
    assertEquals(reference.size(), t.size());
    reference.forEach((k, v) -> assertEquals(v, t.get(k.get(0), k.get(1), k.get(2), k.get(3), k.get(4), k.get(5))));
    assertNull(t.get(64, 0, 0, 0, 0, 4), "a key never added");
    assertEquals(order, t.values());
  }

  @Test
  void keysDifferingInOneWordAreDifferent() {
    FlowTable<String> t = new FlowTable<>(10);
    t.add(1, 2, 3, 4, 5, 4, "v4");
    t.add(1, 2, 3, 4, 5, 16, "v6");
    assertEquals("v4", t.get(1, 2, 3, 4, 5, 4));
    assertEquals("v6", t.get(1, 2, 3, 4, 5, 16));
    assertNull(t.get(1, 2, 3, 4, 6, 4));
    assertNull(t.get(0, 2, 3, 4, 5, 4));
  }

  @Test
  void aFullTableStoresNoMoreAndADuplicateIsRefused() {
    FlowTable<String> t = new FlowTable<>(3);
    assertTrue(t.add(1, 0, 0, 0, 0, 0, "a"));
    assertTrue(t.add(2, 0, 0, 0, 0, 0, "b"));
    assertThrows(IllegalArgumentException.class, () -> t.add(2, 0, 0, 0, 0, 0, "again"));
    assertTrue(t.add(3, 0, 0, 0, 0, 0, "c"));
    assertFalse(t.add(4, 0, 0, 0, 0, 0, "d"));
    assertEquals(3, t.size());
    assertNull(t.get(4, 0, 0, 0, 0, 0));
    assertThrows(IllegalArgumentException.class, () -> new FlowTable<>(0));
    assertThrows(NullPointerException.class, () -> new FlowTable<String>(2).add(1, 0, 0, 0, 0, 0, null));
  }
}
