package org.xphonediag.core.config.internal;

import java.util.Arrays;

/** Converts between character offsets and 1-based line:column in a text (CR, LF and CRLF end lines). */
final class TextPositions {
  private final String text;
  private final int[] lineStarts;

  TextPositions(String text) {
    this.text = text;
    int[] starts = new int[16];
    int n = 0;
    starts[n++] = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '\n' || c == '\r' && (i + 1 >= text.length() || text.charAt(i + 1) != '\n')) {
        if (n == starts.length) {
          starts = Arrays.copyOf(starts, n * 2);
        }
        starts[n++] = i + 1;
      }
    }
    this.lineStarts = Arrays.copyOf(starts, n);
  }

  /** The offset of 1-based {@code line}:{@code column}, clamped to the text. */
  int offset(int line, int column) {
    int l = Math.min(Math.max(line, 1), lineStarts.length);
    return Math.min(text.length(), lineStarts[l - 1] + Math.max(column, 1) - 1);
  }

  /** The 1-based line of {@code offset}. */
  int line(int offset) {
    int i = Arrays.binarySearch(lineStarts, offset);
    return i >= 0 ? i + 1 : -i - 1;
  }

  /** The 1-based column of {@code offset}. */
  int column(int offset) {
    return offset - lineStarts[line(offset) - 1] + 1;
  }
}
