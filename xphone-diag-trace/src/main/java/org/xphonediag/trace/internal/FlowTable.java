package org.xphonediag.trace.internal;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A hash table from a key of six longs (e.g. two IPv6 addresses, ports, an SSRC and the address
 * length, read straight from a frame's bytes) to a value, with at most {@code capacity} entries.
 * Open addressing with linear probing; a lookup allocates nothing, which is what a per-packet
 * lookup on the media majority of a capture needs. Values are also kept in insertion order. Not
 * thread-safe.
 *
 * @param <V> the value type
 */
public final class FlowTable<V> {
  private static final int WIDTH = 6;
  private final int capacity;
  private long[] keys;
  private Object[] slots;
  private int mask;
  private final List<V> values = new ArrayList<>();

  /** A table for at most {@code capacity} entries (at least 1). */
  public FlowTable(int capacity) {
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity must be at least 1 but was " + capacity);
    }
    this.capacity = capacity;
    allocate(Math.min(1024, Integer.highestOneBit(Math.max(1, capacity - 1)) << 2));
  }

  private void allocate(int slotCount) {
    keys = new long[slotCount * WIDTH];
    slots = new Object[slotCount];
    mask = slotCount - 1;
  }

  /** The value stored under the key, or null. */
  @SuppressWarnings("unchecked")
  public V get(long a, long b, long c, long d, long e, long f) {
    int i = index(a, b, c, d, e, f);
    while (true) {
      Object v = slots[i];
      if (v == null) {
        return null;
      }
      int k = i * WIDTH;
      if (keys[k] == a && keys[k + 1] == b && keys[k + 2] == c && keys[k + 3] == d && keys[k + 4] == e
          && keys[k + 5] == f) {
        return (V) v;
      }
      i = (i + 1) & mask;
    }
  }

  /**
   * Stores {@code value} under a key not yet present; false (nothing stored) when the table is full.
   *
   * @throws IllegalArgumentException when the key is present
   */
  public boolean add(long a, long b, long c, long d, long e, long f, V value) {
    if (value == null) {
      throw new NullPointerException("value");
    }
    if (values.size() >= capacity) {
      return false;
    }
    if (get(a, b, c, d, e, f) != null) {
      throw new IllegalArgumentException("key already present");
    }
    if ((values.size() + 1) * 2 > slots.length) {
      long[] oldKeys = keys;
      Object[] oldSlots = slots;
      allocate(slots.length * 2);
      for (int s = 0; s < oldSlots.length; s++) {
        if (oldSlots[s] != null) {
          int k = s * WIDTH;
          place(oldKeys[k], oldKeys[k + 1], oldKeys[k + 2], oldKeys[k + 3], oldKeys[k + 4], oldKeys[k + 5],
              oldSlots[s]);
        }
      }
    }
    place(a, b, c, d, e, f, value);
    values.add(value);
    return true;
  }

  private void place(long a, long b, long c, long d, long e, long f, Object value) {
    int i = index(a, b, c, d, e, f);
    while (slots[i] != null) {
      i = (i + 1) & mask;
    }
    int k = i * WIDTH;
    keys[k] = a;
    keys[k + 1] = b;
    keys[k + 2] = c;
    keys[k + 3] = d;
    keys[k + 4] = e;
    keys[k + 5] = f;
    slots[i] = value;
  }

  private int index(long a, long b, long c, long d, long e, long f) {
    long h = a;
    h = h * 0x9E3779B97F4A7C15L + b;
    h = h * 0x9E3779B97F4A7C15L + c;
    h = h * 0x9E3779B97F4A7C15L + d;
    h = h * 0x9E3779B97F4A7C15L + e;
    h = h * 0x9E3779B97F4A7C15L + f;
    h *= 0x9E3779B97F4A7C15L;
    return (int) (h ^ (h >>> 32) ^ (h >>> 17)) & mask;
  }

  /** How many entries the table holds. */
  public int size() {
    return values.size();
  }

  /** The values in insertion order (a read-only view). */
  public List<V> values() {
    return Collections.unmodifiableList(values);
  }

  /** Reads 8 bytes big-endian at {@code off}. */
  public static long u64(byte[] b, int off) {
    return ByteInput.u32(b, off, false) << 32 | ByteInput.u32(b, off + 4, false);
  }

  @Override
  public String toString() {
    return "FlowTable[" + values.size() + "/" + capacity + ", " + slots.length + " slots]";
  }
}
