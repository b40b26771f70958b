package org.xphonediag.trace.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reassembles IPv4 and IPv6 fragments (RFC 791 §3.2, RFC 8200 §4.5), keyed by addresses,
 * identification and protocol. Bounded: at most {@link #MAX_PENDING} datagrams in progress (the
 * oldest is dropped), each at most 65,535 bytes; overlapping fragments keep the first copy. Not
 * thread-safe.
 */
public final class FragmentReassembler {
  /** Datagrams in progress at once. */
  public static final int MAX_PENDING = 256;
  private static final int MAX_DATAGRAM = 65_535;

  private record Key(byte[] src, byte[] dst, long id, int proto) {
    @Override
    public boolean equals(Object o) {
      return o instanceof Key k && k.id == id && k.proto == proto && Arrays.equals(k.src, src)
          && Arrays.equals(k.dst, dst);
    }

    @Override
    public int hashCode() {
      return Arrays.hashCode(src) * 31 + Arrays.hashCode(dst) * 17 + Long.hashCode(id) + proto;
    }
  }

  private static final class Pending {
    final byte[] data = new byte[MAX_DATAGRAM];
    final List<int[]> ranges = new ArrayList<>();
    int total = -1;
  }

  private final Map<Key, Pending> pending = new LinkedHashMap<>();
  private long dropped;

  /**
   * Adds a fragment; returns the whole upper-layer payload once every byte has arrived, else null.
   *
   * @param offset the fragment's byte offset in the datagram
   * @param more the "more fragments" flag
   */
  public byte[] add(byte[] src, byte[] dst, long id, int proto, int offset, boolean more, byte[] buf, int from,
      int len) {
    if (offset + len > MAX_DATAGRAM) {
      dropped++;
      return null;
    }
    Key key = new Key(src, dst, id, proto);
    Pending p = pending.get(key);
    if (p == null) {
      if (pending.size() >= MAX_PENDING) {
        Iterator<Key> it = pending.keySet().iterator();
        it.next();
        it.remove();
        dropped++;
      }
      p = new Pending();
      pending.put(key, p);
    }
    System.arraycopy(buf, from, p.data, offset, len);
    p.ranges.add(new int[] {offset, offset + len});
    if (!more) {
      p.total = offset + len;
    }
    if (p.total < 0) {
      return null;
    }
    p.ranges.sort((a, b) -> Integer.compare(a[0], b[0]));
    int covered = 0;
    for (int[] r : p.ranges) {
      if (r[0] > covered) {
        return null;
      }
      covered = Math.max(covered, r[1]);
    }
    if (covered < p.total) {
      return null;
    }
    pending.remove(key);
    return Arrays.copyOf(p.data, p.total);
  }

  /** Datagrams dropped because the table was full or a fragment was impossible. */
  public long dropped() {
    return dropped;
  }

  /** Datagrams still waiting for fragments. */
  public int pending() {
    return pending.size();
  }
}
