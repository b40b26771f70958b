package org.xphonediag.core.config.internal;

import java.util.Arrays;

/** Converts between character offsets and 1-based line:column in a text (CR, LF and CRLF end lines). */
final class TextPositions {
  private final String text;
  private final int[] lineStarts;

  TextPositions(String text) {
    this.text = text;
    // Two passes, so that the index is allocated once at its size (4 bytes a line): a file of
    // millions of empty lines must not cost several copies of it.
    int lines = 1;
    for (int i = 0; i < text.length(); i++) {
      if (endsLine(text, i)) {
        lines++;
      }
    }
    int[] starts = new int[lines];
    int n = 1;
    for (int i = 0; i < text.length(); i++) {
      if (endsLine(text, i)) {
        starts[n++] = i + 1;
      }
    }
    this.lineStarts = starts;
  }

  private static boolean endsLine(String text, int i) {
    char c = text.charAt(i);
    return c == '\n' || c == '\r' && (i + 1 >= text.length() || text.charAt(i + 1) != '\n');
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
