package org.xphonediag.trace.internal;

import java.util.ArrayList;
import java.util.List;
import org.xphonediag.trace.InvalidTimestamp;

/**
 * The frames of a capture whose record header held an impossible time stamp: how many, and the
 * first {@link #MAX_KEPT}. Not thread-safe.
 */
public final class InvalidTimestamps {
  /** Frames kept as evidence. */
  public static final int MAX_KEPT = 10;
  /** The empty record of a source that has none. */
  static final InvalidTimestamps NONE = new InvalidTimestamps(false);

  private final boolean nanos;
  private final List<InvalidTimestamp> first = new ArrayList<>();
  private long count;

  InvalidTimestamps(boolean nanos) {
    this.nanos = nanos;
  }

  void add(long frame, long byteOffset, long subSecond) {
    count++;
    if (first.size() < MAX_KEPT) {
      first.add(new InvalidTimestamp(frame, byteOffset, subSecond, nanos));
    }
  }

  /** How many frames had one. */
  public long count() {
    return count;
  }

  /** The first flagged frames (at most {@link #MAX_KEPT}). */
  public List<InvalidTimestamp> first() {
    return List.copyOf(first);
  }
}
