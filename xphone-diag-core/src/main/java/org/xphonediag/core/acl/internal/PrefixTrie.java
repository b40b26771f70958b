package org.xphonediag.core.acl.internal;

import java.util.Arrays;
import org.xphonediag.core.net.IpAddress;

/**
 * A binary trie over the prefixes of one address family: each trie node at depth {@code d} stands
 * for one prefix of length {@code d} and may carry a value (the index of the first node written
 * with that prefix) and the number of nodes written with it. A lookup walks at most 32 or 128
 * bits, whatever the number of prefixes, and returns the deepest trie node with a value on the
 * address's path: the longest matching prefix.
 *
 * <p>Arrays instead of objects keep a 10,000-prefix list compact. Not thread-safe while being
 * built; after {@link #freeze()} it is read-only and safe to share.
 */
public final class PrefixTrie {
  // One trie node = 4 ints in one array: child for bit 0, child for bit 1, value, count. Keeping a
  // node's fields together costs one cache line per step of a lookup.
  private static final int STRIDE = 4;
  private static final int VALUE = 2;
  private static final int COUNT = 3;

  private final int bits;
  private int[] t = new int[64 * STRIDE];
  private boolean[] below;
  private int size;

  /** An empty trie for addresses of {@code bits} bits (32 or 128). */
  public PrefixTrie(int bits) {
    if (bits != 32 && bits != 128) {
      throw new IllegalArgumentException("address length must be 32 or 128 bits but was " + bits);
    }
    this.bits = bits;
    size = 1;
    t[VALUE] = -1;
  }

  /**
   * Adds a prefix of {@code address} with {@code length} bits carrying {@code index}; an existing
   * value is kept (the first written wins) and the count raised.
   *
   * @return the index now stored for the prefix: {@code index}, or the earlier twin's
   */
  public int insert(IpAddress address, int length, int index) {
    if (address.bitLength() != bits || length < 0 || length > bits) {
      throw new IllegalArgumentException("prefix /" + length + " of " + address + " does not fit a " + bits + "-bit trie");
    }
    if (below != null) {
      throw new IllegalStateException("trie is frozen");
    }
    int n = 0;
    for (int d = 0; d < length; d++) {
      int slot = n * STRIDE + address.bit(d);
      int c = t[slot];
      if (c == 0) {
        c = newNode();
        t[slot] = c;
      }
      n = c;
    }
    t[n * STRIDE + COUNT]++;
    if (t[n * STRIDE + VALUE] < 0) {
      t[n * STRIDE + VALUE] = index;
    }
    return t[n * STRIDE + VALUE];
  }

  private int newNode() {
    if ((size + 1) * STRIDE > t.length) {
      t = Arrays.copyOf(t, t.length * 2);
    }
    t[size * STRIDE + VALUE] = -1;
    return size++;
  }

  /** Ends building: computes which trie nodes have values below them. */
  public void freeze() {
    boolean[] b = new boolean[size];
    // Children always have larger ids than their parent: a reverse scan is a post-order walk.
    for (int n = size - 1; n >= 0; n--) {
      int z = t[n * STRIDE];
      int o = t[n * STRIDE + 1];
      b[n] = z != 0 && (b[z] || t[z * STRIDE + VALUE] >= 0) || o != 0 && (b[o] || t[o * STRIDE + VALUE] >= 0);
    }
    below = b;
    t = Arrays.copyOf(t, size * STRIDE);
  }

  /** The trie node of the longest prefix with a value that contains {@code address}, or -1. */
  public int longestMatch(IpAddress address) {
    final int[] a = t;
    int best = a[VALUE] >= 0 ? 0 : -1;
    int n = 0;
    for (int d = 0; d < bits; d++) {
      n = a[n * STRIDE + address.bit(d)];
      if (n == 0) {
        break;
      }
      if (a[n * STRIDE + VALUE] >= 0) {
        best = n;
      }
    }
    return best;
  }

  /** The trie node of exactly this prefix, or -1 when it was never inserted. */
  public int find(IpAddress address, int length) {
    int n = 0;
    for (int d = 0; d < length; d++) {
      n = t[n * STRIDE + address.bit(d)];
      if (n == 0) {
        return -1;
      }
    }
    return n;
  }

  /**
   * The trie node of the longest prefix with a value that strictly contains the prefix of
   * {@code length} bits of {@code address} (its nearest enclosing prefix), or -1.
   */
  public int nearestAncestor(IpAddress address, int length) {
    int best = length > 0 && t[VALUE] >= 0 ? 0 : -1;
    int n = 0;
    for (int d = 0; d < length - 1; d++) {
      n = t[n * STRIDE + address.bit(d)];
      if (n == 0) {
        break;
      }
      if (t[n * STRIDE + VALUE] >= 0) {
        best = n;
      }
    }
    return best;
  }

  /**
   * The values on the path to the prefix of {@code length} bits of {@code address}, the prefix
   * itself included, shortest first: every stored prefix that contains it.
   */
  public int[] containing(IpAddress address, int length) {
    int[] out = new int[8];
    int k = 0;
    int n = 0;
    for (int d = 0; ; d++) {
      int v = t[n * STRIDE + VALUE];
      if (v >= 0) {
        if (k == out.length) {
          out = Arrays.copyOf(out, k * 2);
        }
        out[k++] = v;
      }
      if (d == length) {
        break;
      }
      n = t[n * STRIDE + address.bit(d)];
      if (n == 0) {
        break;
      }
    }
    return Arrays.copyOf(out, k);
  }

  /** The value (first written node index) of trie node {@code n}. */
  public int value(int n) {
    return t[n * STRIDE + VALUE];
  }

  /** How many nodes were written with the prefix of trie node {@code n}. */
  public int count(int n) {
    return t[n * STRIDE + COUNT];
  }

  /** True when some longer prefix inside trie node {@code n} has a value; needs {@link #freeze()}. */
  public boolean hasValueBelow(int n) {
    if (below == null) {
      throw new IllegalStateException("freeze() the trie first");
    }
    return below[n];
  }

  /** The number of trie nodes, for sizing. */
  public int size() {
    return size;
  }
}
