package org.xphonediag.trace.internal;

import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reassembles IPv4 and IPv6 fragments (RFC 791 §3.2, RFC 8200 §4.5), keyed by addresses,
 * identification and (IPv4) protocol. Bounded: at most {@link #MAX_PENDING} datagrams in progress
 * and {@link #MAX_BYTES} bytes buffered over all of them (the oldest datagram is dropped to make
 * room), each datagram at most 65,535 bytes; a datagram still incomplete {@link #TIMEOUT_NANOS}
 * of capture time after its first fragment is dropped (RFC 8200 §4.5: 60 seconds). Overlapping
 * fragments abandon the whole datagram, and later fragments of it are dropped too (RFC 5722 §4);
 * exact duplicates (same offset, length and bytes) are ignored, as RFC 5722 allows. A fragment
 * with the "more" flag whose length is not a multiple of 8, or one that ends past 65,535 bytes
 * or past the datagram's known end, is invalid and dropped. An atomic fragment (offset 0, no more
 * fragments; RFC 6946) is passed through at once. Not thread-safe.
 */
public final class FragmentReassembler {
  /** Datagrams in progress at once (abandoned ones included until they time out). */
  public static final int MAX_PENDING = 256;
  /** Bytes buffered over all datagrams in progress. */
  public static final int MAX_BYTES = 4 << 20;
  /** Capture time after a datagram's first fragment when an incomplete datagram is dropped. */
  public static final long TIMEOUT_NANOS = 60_000_000_000L;
  /** Protocol value to pass for IPv6: the protocol is taken from the first fragment. */
  public static final int FROM_FIRST_FRAGMENT = -1;
  private static final int MAX_DATAGRAM = 65_535;
  private static final byte[] NONE = new byte[0];

  /** A reassembled datagram: its upper-layer bytes and protocol (next header). */
  public record Datagram(byte[] data, int protocol) {}

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
    final long firstNanos;
    byte[] data = NONE;
    int[] ranges = new int[8];
    int rangeCount;
    int total = -1;
    int proto;
    boolean abandoned;

    Pending(long firstNanos, int proto) {
      this.firstNanos = firstNanos;
      this.proto = proto;
    }
  }

  private final Map<Key, Pending> pending = new LinkedHashMap<>();
  private long buffered;
  private long completed;
  private long duplicates;
  private long overlapping;
  private long timedOut;
  private long evicted;
  private long invalid;

  /**
   * Adds a fragment; returns the whole datagram once every byte has arrived, else null.
   *
   * @param proto the protocol for IPv4, {@link #FROM_FIRST_FRAGMENT} for IPv6
   * @param fragmentProto the next header this fragment names (used from the offset-0 fragment)
   * @param offset the fragment's byte offset in the datagram
   * @param more the "more fragments" flag
   * @param nanos the fragment's capture time
   */
  public Datagram add(byte[] src, byte[] dst, long id, int proto, int fragmentProto, int offset, boolean more,
      byte[] buf, int from, int len, long nanos) {
    expire(nanos);
    if (len < 0 || offset + len > MAX_DATAGRAM || more && (len == 0 || len % 8 != 0)) {
      invalid++;
      return null;
    }
    if (offset == 0 && !more) {
      completed++;
      return new Datagram(Arrays.copyOfRange(buf, from, from + len), fragmentProto);
    }
    Key key = new Key(src, dst, id, proto);
    Pending p = pending.get(key);
    if (p == null) {
      if (pending.size() >= MAX_PENDING) {
        evictOldest();
      }
      p = new Pending(nanos, fragmentProto);
      pending.put(key, p);
    }
    if (p.abandoned) {
      return null;
    }
    int end = offset + len;
    if (p.total >= 0 && (end > p.total || !more && end != p.total)) {
      invalid++;
      abandon(p);
      return null;
    }
    for (int i = 0; i < p.rangeCount; i++) {
      int s = p.ranges[2 * i];
      int e = p.ranges[2 * i + 1];
      if (offset < e && s < end) {
        if (s == offset && e == end && Arrays.equals(p.data, s, e, buf, from, from + len)) {
          duplicates++;
          return null;
        }
        abandon(p);
        return null;
      }
    }
    if (end > p.data.length && !grow(key, p, end)) {
      return null;
    }
    System.arraycopy(buf, from, p.data, offset, len);
    if (p.rangeCount * 2 == p.ranges.length) {
      p.ranges = Arrays.copyOf(p.ranges, p.ranges.length * 2);
    }
    p.ranges[2 * p.rangeCount] = offset;
    p.ranges[2 * p.rangeCount + 1] = end;
    p.rangeCount++;
    if (offset == 0) {
      p.proto = fragmentProto;
    }
    if (!more) {
      p.total = end;
    }
    if (p.total < 0 || covered(p) < p.total) {
      return null;
    }
    pending.remove(key);
    buffered -= p.data.length;
    completed++;
    return new Datagram(Arrays.copyOf(p.data, p.total), p.proto);
  }

  /** Bytes covered from offset 0 without a hole (ranges never overlap: overlaps abandon the datagram). */
  private static int covered(Pending p) {
    long[] ranges = new long[p.rangeCount];
    for (int i = 0; i < p.rangeCount; i++) {
      ranges[i] = (long) p.ranges[2 * i] << 32 | p.ranges[2 * i + 1];
    }
    Arrays.sort(ranges);
    int covered = 0;
    for (long r : ranges) {
      if ((int) (r >>> 32) != covered) {
        break;
      }
      covered = (int) r;
    }
    return covered;
  }

  private boolean grow(Key key, Pending p, int end) {
    int size = Math.min(MAX_DATAGRAM, Math.max(end, Math.max(2048, p.data.length * 2)));
    int more = size - p.data.length;
    while (buffered + more > MAX_BYTES && pending.size() > 1) {
      Key oldest = pending.keySet().iterator().next();
      if (oldest.equals(key)) {
        break;
      }
      evictOldest();
    }
    if (buffered + more > MAX_BYTES) {
      evicted++;
      abandonQuietly(p);
      return false;
    }
    p.data = Arrays.copyOf(p.data, size);
    buffered += more;
    return true;
  }

  private void abandon(Pending p) {
    overlapping++;
    abandonQuietly(p);
  }

  private void abandonQuietly(Pending p) {
    p.abandoned = true;
    buffered -= p.data.length;
    p.data = NONE;
    p.rangeCount = 0;
  }

  private void evictOldest() {
    Iterator<Pending> it = pending.values().iterator();
    Pending p = it.next();
    it.remove();
    buffered -= p.data.length;
    if (!p.abandoned) {
      evicted++;
    }
  }

  /** Drops datagrams whose first fragment is older than the timeout at capture time {@code nanos}. */
  private void expire(long nanos) {
    Iterator<Pending> it = pending.values().iterator();
    while (it.hasNext()) {
      Pending p = it.next();
      if (nanos - p.firstNanos <= TIMEOUT_NANOS) {
        return;
      }
      it.remove();
      buffered -= p.data.length;
      if (!p.abandoned) {
        timedOut++;
      }
    }
  }

  /** Datagrams reassembled (atomic fragments included). */
  public long completed() {
    return completed;
  }

  /** Exact duplicate fragments ignored. */
  public long duplicates() {
    return duplicates;
  }

  /** Datagrams abandoned because fragments overlapped or contradicted the datagram's end (RFC 5722). */
  public long overlapping() {
    return overlapping;
  }

  /** Fragments dropped as invalid (length not a multiple of 8 with more to come, past 65,535 bytes). */
  public long invalid() {
    return invalid;
  }

  /**
   * Datagrams that never became complete: still waiting, timed out, or dropped to stay within
   * the bounds (abandoned overlapping datagrams are counted by {@link #overlapping()} instead).
   */
  public long incomplete() {
    long waiting = pending.values().stream().filter(p -> !p.abandoned).count();
    return waiting + timedOut + evicted;
  }

  /** Datagrams still in the table (waiting or abandoned). */
  public int pending() {
    return pending.size();
  }

  /** Bytes buffered now. */
  public long bufferedBytes() {
    return buffered;
  }
}
