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
  private final int bits;
  private int[] zero = new int[64];
  private int[] one = new int[64];
  private int[] value = new int[64];
  private int[] count = new int[64];
  private boolean[] below;
  private int size;

  /** An empty trie for addresses of {@code bits} bits (32 or 128). */
  public PrefixTrie(int bits) {
    if (bits != 32 && bits != 128) {
      throw new IllegalArgumentException("address length must be 32 or 128 bits but was " + bits);
    }
    this.bits = bits;
    size = 1;
    value[0] = -1;
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
    int t = 0;
    for (int d = 0; d < length; d++) {
      int[] next = address.bit(d) == 0 ? zero : one;
      int c = next[t];
      if (c == 0) {
        c = newNode();
        next = address.bit(d) == 0 ? zero : one; // arrays may have grown
        next[t] = c;
      }
      t = c;
    }
    count[t]++;
    if (value[t] < 0) {
      value[t] = index;
    }
    return value[t];
  }

  private int newNode() {
    if (size == value.length) {
      int n = size * 2;
      zero = Arrays.copyOf(zero, n);
      one = Arrays.copyOf(one, n);
      value = Arrays.copyOf(value, n);
      count = Arrays.copyOf(count, n);
    }
    value[size] = -1;
    return size++;
  }

  /** Ends building: computes which trie nodes have values below them. */
  public void freeze() {
    boolean[] b = new boolean[size];
    // Children always have larger ids than their parent: a reverse scan is a post-order walk.
    for (int t = size - 1; t >= 0; t--) {
      int z = zero[t];
      int o = one[t];
      b[t] = z != 0 && (b[z] || value[z] >= 0) || o != 0 && (b[o] || value[o] >= 0);
    }
    below = b;
  }

  /** The trie node of the longest prefix with a value that contains {@code address}, or -1. */
  public int longestMatch(IpAddress address) {
    int best = value[0] >= 0 ? 0 : -1;
    int t = 0;
    for (int d = 0; d < bits; d++) {
      t = address.bit(d) == 0 ? zero[t] : one[t];
      if (t == 0) {
        break;
      }
      if (value[t] >= 0) {
        best = t;
      }
    }
    return best;
  }

  /** The trie node of exactly this prefix, or -1 when it was never inserted. */
  public int find(IpAddress address, int length) {
    int t = 0;
    for (int d = 0; d < length; d++) {
      t = address.bit(d) == 0 ? zero[t] : one[t];
      if (t == 0) {
        return -1;
      }
    }
    return t;
  }

  /**
   * The trie node of the longest prefix with a value that strictly contains the prefix of
   * {@code length} bits of {@code address} (its nearest enclosing prefix), or -1.
   */
  public int nearestAncestor(IpAddress address, int length) {
    int best = length > 0 && value[0] >= 0 ? 0 : -1;
    int t = 0;
    for (int d = 0; d < length - 1; d++) {
      t = address.bit(d) == 0 ? zero[t] : one[t];
      if (t == 0) {
        break;
      }
      if (value[t] >= 0) {
        best = t;
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
    int n = 0;
    int t = 0;
    for (int d = 0; ; d++) {
      if (value[t] >= 0) {
        if (n == out.length) {
          out = Arrays.copyOf(out, n * 2);
        }
        out[n++] = value[t];
      }
      if (d == length) {
        break;
      }
      t = address.bit(d) == 0 ? zero[t] : one[t];
      if (t == 0) {
        break;
      }
    }
    return Arrays.copyOf(out, n);
  }

  /** The value (first written node index) of trie node {@code t}. */
  public int value(int t) {
    return value[t];
  }

  /** How many nodes were written with the prefix of trie node {@code t}. */
  public int count(int t) {
    return count[t];
  }

  /** True when some longer prefix inside trie node {@code t} has a value; needs {@link #freeze()}. */
  public boolean hasValueBelow(int t) {
    if (below == null) {
      throw new IllegalStateException("freeze() the trie first");
    }
    return below[t];
  }

  /** The number of trie nodes, for sizing. */
  public int size() {
    return size;
  }
}
