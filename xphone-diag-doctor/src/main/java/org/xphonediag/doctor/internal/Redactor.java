package org.xphonediag.doctor.internal;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
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
  private static final List<Pattern> PATTERNS = List.of(
      // a=ice-pwd:VALUE in SDP (RFC 8839)
      Pattern.compile("(?i)a=ice-pwd:([^\\s]+)"),
      // "Secret": "VALUE" in appsettings.json (docs/field-guide.md#appsettings-json)
      Pattern.compile("(?i)\"secret\"\\s*:\\s*\"([^\"]*)\""),
      // Authorization: Bearer VALUE / Basic VALUE
      Pattern.compile("(?i)authorization\\s*[:=]\\s*(?:bearer|basic)\\s+([^\\s\"]+)"),
      // password=VALUE, "password": "VALUE", token: VALUE ...
      Pattern.compile("(?i)\"?(?:password|passwd|pwd|secret|access_?token|refresh_?token|api_?key)\"?\\s*[:=]\\s*"
          + "\"?([^\\s\"&,;]+)"),
      // a JWT anywhere
      Pattern.compile("(eyJ[A-Za-z0-9_-]{5,}\\.[A-Za-z0-9_-]{5,}\\.[A-Za-z0-9_-]*)"));

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
    // ISO-8859-1 maps each byte to one char, so indexes are byte offsets.
    String text = new String(data, StandardCharsets.ISO_8859_1);
    for (Pattern p : PATTERNS) {
      Matcher m = p.matcher(text);
      while (m.find()) {
        int from = m.start(1);
        int to = m.end(1);
        if (to > from && !allMasked(data, from, to)) {
          for (int i = from; i < to; i++) {
            data[i] = '*';
          }
          count++;
        }
      }
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

  private static boolean allMasked(byte[] d, int from, int to) {
    for (int i = from; i < to; i++) {
      if (d[i] != '*') {
        return false;
      }
    }
    return true;
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
