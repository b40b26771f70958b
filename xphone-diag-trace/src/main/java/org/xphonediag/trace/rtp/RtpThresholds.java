package org.xphonediag.trace.rtp;

import java.util.Locale;

/**
 * When a stream's loss or jitter becomes a finding (docs/field-guide.md#media). Defaults follow common VoIP
 * planning figures (ITU-T G.114/G.1020 guidance as used by monitoring tools): loss above 1 % is a
 * WARN and above 5 % a FAIL; jitter above 30 ms a WARN and above 60 ms a FAIL. Jitter is the
 * largest RFC 3550 §6.4.1 estimate seen (already smoothed by 1/16). Streams with fewer than
 * {@link #minPackets()} expected packets are not judged (too short to say).
 *
 * @param lossWarnPercent loss percentage above which {@code media.packet-loss} is a WARN
 * @param lossFailPercent loss percentage above which it is a FAIL
 * @param jitterWarnMs jitter in milliseconds above which {@code media.high-jitter} is a WARN
 * @param jitterFailMs jitter above which it is a FAIL
 * @param minPackets streams with fewer expected packets get no loss or jitter finding
 */
public record RtpThresholds(double lossWarnPercent, double lossFailPercent, double jitterWarnMs,
    double jitterFailMs, int minPackets) {
  public RtpThresholds {
    check("lossWarnPercent", lossWarnPercent);
    check("lossFailPercent", lossFailPercent);
    check("jitterWarnMs", jitterWarnMs);
    check("jitterFailMs", jitterFailMs);
    if (lossFailPercent < lossWarnPercent) {
      throw new IllegalArgumentException(String.format(Locale.ROOT,
          "lossFailPercent (%s) must not be below lossWarnPercent (%s)", lossFailPercent, lossWarnPercent));
    }
    if (jitterFailMs < jitterWarnMs) {
      throw new IllegalArgumentException(String.format(Locale.ROOT,
          "jitterFailMs (%s) must not be below jitterWarnMs (%s)", jitterFailMs, jitterWarnMs));
    }
    if (minPackets < 1) {
      throw new IllegalArgumentException("minPackets must be at least 1 but was " + minPackets);
    }
  }

  private static void check(String name, double v) {
    if (!(v >= 0) || Double.isInfinite(v)) {
      throw new IllegalArgumentException(name + " must be a finite number >= 0 but was " + v);
    }
  }

  /** The defaults: loss 1 % / 5 %, jitter 30 ms / 60 ms, at least 50 packets. */
  public static RtpThresholds defaults() {
    return new RtpThresholds(1.0, 5.0, 30.0, 60.0, 50);
  }

  /** A builder starting from the defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /** Builds {@link RtpThresholds}; not thread-safe. */
  public static final class Builder {
    private double lossWarn = 1.0;
    private double lossFail = 5.0;
    private double jitterWarn = 30.0;
    private double jitterFail = 60.0;
    private int minPackets = 50;

    private Builder() {}

    /** Loss percentages for WARN and FAIL. */
    public Builder loss(double warnPercent, double failPercent) {
      this.lossWarn = warnPercent;
      this.lossFail = failPercent;
      return this;
    }

    /** Jitter in milliseconds for WARN and FAIL. */
    public Builder jitterMs(double warn, double fail) {
      this.jitterWarn = warn;
      this.jitterFail = fail;
      return this;
    }

    /** Streams with fewer expected packets are not judged. */
    public Builder minPackets(int n) {
      this.minPackets = n;
      return this;
    }

    public RtpThresholds build() {
      return new RtpThresholds(lossWarn, lossFail, jitterWarn, jitterFail, minPackets);
    }
  }
}
