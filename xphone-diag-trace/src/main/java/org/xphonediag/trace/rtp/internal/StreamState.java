package org.xphonediag.trace.rtp.internal;

/**
 * The running state of one RTP stream (RFC 3550 appendix A.1, A.8): extended sequence numbers
 * across wrap-around, a 1024-packet window that tells duplicates, reordering and loss bursts
 * apart exactly for packets at most 1024 late, and the §6.4.1 jitter estimate in arrival order.
 * Not thread-safe; O(1) memory.
 */
public final class StreamState {
  static final int WINDOW = 1024;

  private final int clockRate;
  private final long[] seen = new long[WINDOW / 64];
  private long packets;
  private long duplicates;
  private long reordered;
  private long base;
  private long max;
  private long lossBursts;
  private long maxBurst;
  private long run;
  private long firstNanos;
  private long lastNanos;
  private double maxDeltaMs;
  private long prevTimestamp;
  private long timingNanos;
  private boolean timed;
  private double jitter;
  private double maxJitter;
  private double jitterSum;

  /**
   * @param clockRate the RTP clock rate in Hz, or 0 when unknown (no jitter then)
   */
  public StreamState(int clockRate) {
    this.clockRate = clockRate;
  }

  /** Adds one packet: its 16-bit sequence number, 32-bit RTP timestamp, arrival in epoch nanos. */
  public void add(int sequence, long rtpTimestamp, long arrivalNanos) {
    add(sequence, rtpTimestamp, arrivalNanos, true);
  }

  /**
   * Adds one packet; with {@code timing} false (an RFC 4733 event, whose timestamp is the event's
   * start) it counts for sequence, loss and gaps but not for the jitter estimate.
   */
  public void add(int sequence, long rtpTimestamp, long arrivalNanos, boolean timing) {
    if (packets == 0) {
      base = sequence;
      max = sequence;
      setSeen(sequence);
      firstNanos = arrivalNanos;
    } else {
      long ext = max + (short) (sequence - (int) (max & 0xffff));
      if (ext > max) {
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
      maxDeltaMs = Math.max(maxDeltaMs, (arrivalNanos - lastNanos) / 1e6);
      if (clockRate > 0 && timing && timed) {
        double arrivalDiff = (arrivalNanos - timingNanos) * (double) clockRate / 1e9;
        int tsDiff = (int) (rtpTimestamp - prevTimestamp);
        double d = Math.abs(arrivalDiff - tsDiff);
        jitter += (d - jitter) / 16.0;
        maxJitter = Math.max(maxJitter, jitter);
      }
    }
    jitterSum += jitter;
    packets++;
    lastNanos = arrivalNanos;
    if (timing) {
      timed = true;
      timingNanos = arrivalNanos;
      prevTimestamp = rtpTimestamp;
    }
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
    return maxDeltaMs;
  }

  /** The current jitter estimate in timestamp units. */
  public double jitterUnits() {
    return jitter;
  }

  /** Largest jitter estimate in ms, or -1 when the clock rate is unknown. */
  public double maxJitterMs() {
    return clockRate > 0 ? maxJitter * 1000.0 / clockRate : -1;
  }

  /** Mean jitter estimate over all packets in ms, or -1 when the clock rate is unknown. */
  public double meanJitterMs() {
    return clockRate > 0 && packets > 0 ? jitterSum / packets * 1000.0 / clockRate : -1;
  }

  public int clockRate() {
    return clockRate;
  }
}
