package org.xphonediag.doctor.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class RedactorTest {
  /** The patterns applied with Matcher.find() at every offset: what the word-anchored scan must equal. */
  private static final List<Pattern> REFERENCE = List.of(
      Pattern.compile("(?i)a=ice-pwd:([^\\s]+)"),
      Pattern.compile("(?i)\"secret\"\\s*:\\s*\"([^\"]*)\""),
      Pattern.compile("(?i)authorization\\s*[:=]\\s*(?:bearer|basic)\\s+([^\\s\"]+)"),
      Pattern.compile("(?i)\"?(?:password|passwd|pwd|secret|access_?token|refresh_?token|api_?key)\"?\\s*[:=]\\s*"
          + "\"?([^\\s\"&,;]+)"),
      Pattern.compile("(eyJ[A-Za-z0-9_-]{5,}\\.[A-Za-z0-9_-]{5,}\\.[A-Za-z0-9_-]*)"));

  private static int reference(byte[] data) {
    int count = 0;
    String text = new String(data, StandardCharsets.ISO_8859_1);
    for (Pattern p : REFERENCE) {
      Matcher m = p.matcher(text);
      while (m.find()) {
        int from = m.start(1);
        int to = m.end(1);
        boolean all = true;
        for (int i = from; i < to; i++) {
          all &= data[i] == '*';
        }
        if (to > from && !all) {
          for (int i = from; i < to; i++) {
            data[i] = '*';
          }
          count++;
        }
      }
    }
    return count;
  }

  private static final String[] PIECES = {"a=ice-pwd:", "A=ICE-PWD:", "\"secret\"", "\"Secret\"", "Authorization",
      "authorization", ": ", "=", ":", " Bearer ", "basic ", "password", "PassWd", "pwd", "\"pwd\"", "secret",
      "access_token", "accesstoken", "Refresh_Token", "api_key", "APIKEY", "eyJhbGciOiJIUzI1NiJ9", ".", "eyJzdWIi",
      "\"", " ", "\n", "\t", "abc123", "s3cr3t-Value", "&", ",", ";", "*****", "x", "\u00e9", "\u00ff"};

  @Test
  void redactWhenAnyMixOfKeywordsThenSameAsMatchingAtEveryOffset() {
    SplittableRandom rnd = new SplittableRandom(20260);
    for (int round = 0; round < 20_000; round++) {
      StringBuilder sb = new StringBuilder();
      int n = rnd.nextInt(1, 14);
      for (int i = 0; i < n; i++) {
        sb.append(PIECES[rnd.nextInt(PIECES.length)]);
      }
      byte[] input = sb.toString().getBytes(StandardCharsets.ISO_8859_1);
      byte[] expected = input.clone();
      byte[] actual = input.clone();
      int want = reference(expected);
      int got = Redactor.of(List.of()).redact(actual);
      assertArrayEquals(expected, actual, () -> "input: " + sb);
      assertEquals(want, got, () -> "input: " + sb);
    }
  }

  @Test
  void redactWhenSecretsInBinaryThenMaskedKeepingLength() throws Exception {
    byte[] junk = new byte[1 << 20];
    new SplittableRandom(3).nextBytes(junk);
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    b.write(junk);
    b.write("\r\na=ice-pwd:BUmkOSgeYbP7L5rFqq1234\r\n".getBytes(StandardCharsets.US_ASCII));
    b.write(junk);
    byte[] data = b.toByteArray();
    byte[] expected = data.clone();
    reference(expected);
    Redactor.of(List.of()).redact(data);
    assertArrayEquals(expected, data);
    assertEquals(-1, new String(data, StandardCharsets.ISO_8859_1).indexOf("BUmkOSgeYbP7L5rFqq1234"));
  }
}
