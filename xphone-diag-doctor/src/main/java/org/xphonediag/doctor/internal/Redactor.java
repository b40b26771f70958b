package org.xphonediag.doctor.internal;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Masks secrets in files bound for a support ticket: ICE passwords in SDP, the appsettings
 * {@code Secret}, passwords and tokens in logs and HTTP headers, JWTs, plus any explicitly known
 * secret values. Works on bytes and keeps every length, so a pcap stays a valid pcap: each masked
 * byte becomes {@code *}.
 */
public final class Redactor {
  private static final List<Rule> RULES = List.of(
      // a=ice-pwd:VALUE in SDP (RFC 8839)
      new Rule(Pattern.compile("(?i)a=ice-pwd:([^\\s]+)"), true, 0, "a=ice-pwd:"),
      // "Secret": "VALUE" in appsettings.json (docs/field-guide.md#appsettings-json)
      new Rule(Pattern.compile("(?i)\"secret\"\\s*:\\s*\"([^\"]*)\""), true, 0, "\"secret\""),
      // Authorization: Bearer VALUE / Basic VALUE
      new Rule(Pattern.compile("(?i)authorization\\s*[:=]\\s*(?:bearer|basic)\\s+([^\\s\"]+)"), true, 0,
          "authorization"),
      // password=VALUE, "password": "VALUE", token: VALUE ...
      new Rule(Pattern.compile("(?i)\"?(?:password|passwd|pwd|secret|access_?token|refresh_?token|api_?key)\"?"
          + "\\s*[:=]\\s*\"?([^\\s\"&,;]+)"), true, 1, "passw", "pwd", "secret", "access", "refresh", "api"),
      // a JWT anywhere
      new Rule(Pattern.compile("(eyJ[A-Za-z0-9_-]{5,}\\.[A-Za-z0-9_-]{5,}\\.[A-Za-z0-9_-]*)"), false, 0, "eyJ"));

  /**
   * A pattern and the words every match of it begins with ({@code lead} characters after the
   * match's start at most): the regular expression runs only where a word occurs, so a large binary
   * attachment (a capture) is scanned once, byte by byte, instead of matched at every offset.
   */
  private static final class Rule {
    final Pattern pattern;
    final boolean ignoreCase;
    final int lead;
    final byte[][] words;
    final boolean[] first = new boolean[256];

    Rule(Pattern pattern, boolean ignoreCase, int lead, String... words) {
      this.pattern = pattern;
      this.ignoreCase = ignoreCase;
      this.lead = lead;
      this.words = new byte[words.length][];
      for (int i = 0; i < words.length; i++) {
        this.words[i] = words[i].getBytes(StandardCharsets.US_ASCII);
        int c = this.words[i][0] & 0xff;
        first[c] = true;
        if (ignoreCase && c >= 'a' && c <= 'z') {
          first[c - 32] = true;
        }
      }
    }

    /**
     * The first offset at or after {@code from} where one of the words begins in {@code t} (the
     * original bytes as ISO-8859-1 text: masking earlier rules did must not hide a word), or -1.
     */
    int nextWord(CharSequence t, int from) {
      for (int i = from; i < t.length(); i++) {
        if (first[t.charAt(i) & 0xff]) {
          for (byte[] w : words) {
            if (startsAt(t, i, w)) {
              return i;
            }
          }
        }
      }
      return -1;
    }

    private boolean startsAt(CharSequence t, int at, byte[] w) {
      if (at + w.length > t.length()) {
        return false;
      }
      for (int j = 0; j < w.length; j++) {
        int x = t.charAt(at + j);
        byte k = w[j];
        boolean same = ignoreCase && k >= 'a' && k <= 'z' ? (x | 0x20) == k : x == k;
        if (!same) {
          return false;
        }
      }
      return true;
    }
  }

  private final List<byte[]> known;

  private Redactor(List<byte[]> known) {
    this.known = known;
  }

  /** A redactor that also masks each of {@code knownSecrets} wherever it occurs. */
  public static Redactor of(List<char[]> knownSecrets) {
    List<byte[]> k = new ArrayList<>();
    for (char[] s : knownSecrets) {
      if (s.length >= 4) {
        k.add(new String(s).getBytes(StandardCharsets.UTF_8));
      }
    }
    return new Redactor(k);
  }

  /** Masks secrets in place; returns how many were masked. */
  public int redact(byte[] data) {
    int count = 0;
    // Every rule reads the bytes as they came (ISO-8859-1: one char per byte, indexes are byte
    // offsets, no copy); what the rules mask is collected and written at the end.
    CharSequence text = new Latin1(data, 0, data.length);
    BitSet masked = new BitSet();
    for (Rule r : RULES) {
      Matcher m = r.pattern.matcher(text);
      int next = 0; // matches do not overlap: the next one starts after the last one ended
      for (int w = r.nextWord(text, 0); w >= 0; w = r.nextWord(text, w + 1)) {
        for (int start = Math.max(next, w - r.lead); start <= w; start++) {
          m.region(start, data.length);
          if (m.lookingAt()) {
            next = m.end();
            int from = m.start(1);
            int to = m.end(1);
            if (to > from && !allMasked(data, masked, from, to)) {
              masked.set(from, to);
              count++;
            }
            break;
          }
        }
      }
    }
    for (int i = masked.nextSetBit(0); i >= 0; i = masked.nextSetBit(i + 1)) {
      data[i] = '*';
    }
    for (byte[] secret : known) {
      for (int i = indexOf(data, secret, 0); i >= 0; i = indexOf(data, secret, i + secret.length)) {
        for (int j = 0; j < secret.length; j++) {
          data[i + j] = '*';
        }
        count++;
      }
    }
    return count;
  }

  /** Masks secrets in text; the result has the same length. */
  public String redact(String text) {
    byte[] b = text.getBytes(StandardCharsets.UTF_8);
    redact(b);
    return new String(b, StandardCharsets.UTF_8);
  }

  private static boolean allMasked(byte[] d, BitSet masked, int from, int to) {
    for (int i = from; i < to; i++) {
      if (d[i] != '*' && !masked.get(i)) {
        return false;
      }
    }
    return true;
  }

  /** Bytes as ISO-8859-1 characters, without copying them. */
  private static final class Latin1 implements CharSequence {
    private final byte[] b;
    private final int off;
    private final int len;

    Latin1(byte[] b, int off, int len) {
      this.b = b;
      this.off = off;
      this.len = len;
    }

    @Override
    public int length() {
      return len;
    }

    @Override
    public char charAt(int index) {
      if (index < 0 || index >= len) {
        throw new IndexOutOfBoundsException("index " + index + " of " + len);
      }
      return (char) (b[off + index] & 0xff);
    }

    @Override
    public CharSequence subSequence(int start, int end) {
      if (start < 0 || end > len || start > end) {
        throw new IndexOutOfBoundsException("range " + start + ".." + end + " of " + len);
      }
      return new Latin1(b, off + start, end - start);
    }

    @Override
    public String toString() {
      return new String(b, off, len, StandardCharsets.ISO_8859_1);
    }
  }

  private static int indexOf(byte[] data, byte[] needle, int from) {
    outer:
    for (int i = from; i <= data.length - needle.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (data[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }
}
