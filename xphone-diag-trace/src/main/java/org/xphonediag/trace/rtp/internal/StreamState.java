package org.xphonediag.trace.rtp.internal;

/**
 * The running state of one RTP stream (RFC 3550 appendix A.1, A.8): extended sequence numbers
 * across wrap-around, a 1024-packet window that tells duplicates, reordering and loss bursts
 * apart exactly for packets at most 1024 late, and the §6.4.1 jitter estimate in arrival order.
 *
 * <p>Delta and jitter figures follow tshark 4.0's RTP analysis ({@code rtppacket_analyse} in
 * Wireshark's {@code ui/tap-rtp-analysis.c}, the release Debian 12 ships and the tests compare
 * with, {@code tshark -z rtp,streams}): a packet is "in time sequence" when its RTP timestamp is at
 * most 2^31 ahead of the stream's first packet's; the delta and the jitter's arrival difference are
 * measured from the last packet in time sequence; the maximum delta, the maximum jitter and the mean
 * jitter take only regular packets (neither the first, nor a marker-bit packet, nor comfort noise
 * (payload type 13 or 19) or the packet after it, nor one out of time sequence); the mean jitter is
 * tshark's running mean over the packets so far. Deliberate differences: milliseconds from the
 * exact clock rate (tshark divides by {@code clock_rate / 1000} in integers, off for 11025, 22050
 * and 44100 Hz), and RFC 4733 events (see {@link #add(int, long, long, boolean, boolean, int)})
 * leave the jitter's timing reference alone (tshark moves it to the event's arrival). Later
 * Wireshark releases take "in time sequence" against the last such packet instead of the first, so
 * a reordered packet no longer moves their reference.
 *
 * <p>For the evidence a loss or jitter verdict needs, {@link #inOrder()} counts the packets that
 * advanced the highest sequence number by 1 to {@link #MAX_DROPOUT} (RFC 3550 A.1's MAX_DROPOUT).
 * Not thread-safe; O(1) memory.
 */
public final class StreamState {
  static final int WINDOW = 1024;
  /** RFC 3550 appendix A.1: a jump ahead by more than this is not taken for loss. */
  public static final int MAX_DROPOUT = 3000;

  private final int clockRate;
  /** RTP timestamp units per nanosecond. */
  private final double unitsPerNano;
  private final long[] seen = new long[WINDOW / 64];
  private long packets;
  private long duplicates;
  private long reordered;
  private long inOrder;
  private long base;
  private long max;
  private long lossBursts;
  private long maxBurst;
  private long run;
  private long firstNanos;
  private long lastNanos;
  private long maxDeltaNanos;
  /** The extended RTP timestamp of the last packet (RFC 3550 A.1 style, across 32-bit wraps). */
  private long extTimestamp;
  /** The first packet's RTP timestamp. */
  private long firstTimestamp;
  /** Arrival of the last packet in time sequence (tshark's delta reference). */
  private long refNanos;
  /** Arrival and extended timestamp of the last timing (non-event) packet in time sequence. */
  private long timingNanos;
  private long timingTimestamp;
  private boolean timed;
  private int previousPayloadType = -1;
  private double jitter;
  private double maxJitter;
  private double meanJitter;

  /**
   * @param clockRate the RTP clock rate in Hz, or 0 when unknown (no jitter then)
   */
  public StreamState(int clockRate) {
    this.clockRate = clockRate;
    this.unitsPerNano = clockRate / 1e9;
  }

  /** Adds one packet: its 16-bit sequence number, 32-bit RTP timestamp, arrival in epoch nanos. */
  public void add(int sequence, long rtpTimestamp, long arrivalNanos) {
    add(sequence, rtpTimestamp, arrivalNanos, true, false, -1);
  }

  /**
   * Adds one packet; with {@code timing} false (an RFC 4733 event, whose timestamp is the event's
   * start) it counts for sequence, loss and gaps but not for the jitter estimate.
   */
  public void add(int sequence, long rtpTimestamp, long arrivalNanos, boolean timing) {
    add(sequence, rtpTimestamp, arrivalNanos, timing, false, -1);
  }

  /**
   * Adds one packet with its marker bit and payload type (-1 when unknown), which decide whether it
   * counts for the maximum delta and the jitter figures (see the class description).
   */
  public void add(int sequence, long rtpTimestamp, long arrivalNanos, boolean timing, boolean marker,
      int payloadType) {
    if (packets == 0) {
      base = sequence;
      max = sequence;
      setSeen(sequence);
      firstNanos = arrivalNanos;
      extTimestamp = rtpTimestamp;
      firstTimestamp = rtpTimestamp;
      refNanos = arrivalNanos;
      if (timing) {
        timed = true;
        timingNanos = arrivalNanos;
        timingTimestamp = rtpTimestamp;
      }
      previousPayloadType = payloadType;
      packets = 1;
      lastNanos = arrivalNanos;
      return;
    }
    long ext = max + (short) (sequence - (int) (max & 0xffff));
    if (ext > max) {
      if (ext - max <= MAX_DROPOUT) {
        inOrder++;
      }
      advance(ext);
    } else if (ext <= max - WINDOW || ext < base) {
      reordered++;
      if (ext < base) {
        base = ext;
      }
    } else if (isSeen(ext)) {
      duplicates++;
    } else {
      reordered++;
      setSeen(ext);
    }
    extTimestamp += (int) (rtpTimestamp - (extTimestamp & 0xffffffffL));
    boolean inTime = ((rtpTimestamp - firstTimestamp) & 0xffffffffL) < 0x80000000L;
    long delta = arrivalNanos - refNanos;
    boolean jitterKnown = clockRate > 0 && timing && timed && inTime;
    if (jitterKnown) {
      double arrivalDiff = (arrivalNanos - timingNanos) * unitsPerNano;
      double d = Math.abs(arrivalDiff - (extTimestamp - timingTimestamp));
      jitter += (d - jitter) / 16.0;
    }
    boolean regular = inTime && !marker && !comfortNoise(payloadType) && !comfortNoise(previousPayloadType);
    if (regular) {
      if (delta > maxDeltaNanos) {
        maxDeltaNanos = delta;
      }
      if (jitterKnown) {
        maxJitter = Math.max(maxJitter, jitter);
        meanJitter = (meanJitter * (packets - 1) + jitter) / packets;
      }
    }
    if (inTime) {
      refNanos = arrivalNanos;
      if (timing) {
        timed = true;
        timingNanos = arrivalNanos;
        timingTimestamp = extTimestamp;
      }
    }
    previousPayloadType = payloadType;
    packets++;
    lastNanos = arrivalNanos;
  }

  private static boolean comfortNoise(int payloadType) {
    return payloadType == 13 || payloadType == 19;
  }

  private void advance(long ext) {
    for (long k = max + 1; k <= ext; k++) {
      long leaving = k - WINDOW;
      if (leaving >= base) {
        account(isSeen(leaving));
      }
      clearSeen(k);
    }
    max = ext;
    setSeen(ext);
  }

  private void account(boolean received) {
    if (received) {
      closeRun();
    } else {
      run++;
    }
  }

  private void closeRun() {
    if (run > 0) {
      lossBursts++;
      maxBurst = Math.max(maxBurst, run);
      run = 0;
    }
  }

  /** Ends the stream: accounts for the sequence numbers still in the window. */
  public void finish() {
    for (long k = Math.max(base, max - WINDOW + 1); k <= max; k++) {
      account(isSeen(k));
    }
    closeRun();
  }

  private boolean isSeen(long ext) {
    int i = (int) Math.floorMod(ext, (long) WINDOW);
    return (seen[i >>> 6] & (1L << (i & 63))) != 0;
  }

  private void setSeen(long ext) {
    int i = (int) Math.floorMod(ext, (long) WINDOW);
    seen[i >>> 6] |= 1L << (i & 63);
  }

  private void clearSeen(long ext) {
    int i = (int) Math.floorMod(ext, (long) WINDOW);
    seen[i >>> 6] &= ~(1L << (i & 63));
  }

  public long packets() {
    return packets;
  }

  /** Highest extended sequence number minus the first plus one. */
  public long expected() {
    return packets == 0 ? 0 : max - base + 1;
  }

  /** Expected minus unique received, never negative. */
  public long lost() {
    return Math.max(0, expected() - (packets - duplicates));
  }

  public long duplicates() {
    return duplicates;
  }

  public long reordered() {
    return reordered;
  }

  /** Packets that advanced the highest sequence number by 1 to {@link #MAX_DROPOUT}. */
  public long inOrder() {
    return inOrder;
  }

  public long lossBursts() {
    return lossBursts;
  }

  public long maxBurst() {
    return maxBurst;
  }

  public long firstNanos() {
    return firstNanos;
  }

  public long lastNanos() {
    return lastNanos;
  }

  public double maxDeltaMs() {
    return maxDeltaNanos / 1e6;
  }

  /** The current jitter estimate in timestamp units. */
  public double jitterUnits() {
    return jitter;
  }

  /** Largest jitter estimate of a regular packet in ms, or -1 when the clock rate is unknown. */
  public double maxJitterMs() {
    return clockRate > 0 ? maxJitter * 1000.0 / clockRate : -1;
  }

  /** tshark's mean jitter in ms (see the class description), or -1 when the clock rate is unknown. */
  public double meanJitterMs() {
    return clockRate > 0 && packets > 0 ? meanJitter * 1000.0 / clockRate : -1;
  }

  public int clockRate() {
    return clockRate;
  }
}
