package org.xphonediag.trace.rtp.internal;

/**
 * An estimated MOS from loss and jitter: a simplified ITU-T G.107 E-model. R = 93.2 - Id - Ie,eff
 * with the one-way delay taken as 2 x jitter (a jitter buffer of twice the jitter) + 10 ms (codec
 * and packetisation, no RTT known from a trace), Id = 0.024 d + 0.11 (d - 177.3) for d > 177.3,
 * Ie,eff = Ie + (95 - Ie) Ppl / (Ppl + Bpl) with random loss (G.113 appendix I: G.711 with PLC Ie 0,
 * Bpl 25.1; G.729 Ie 11, Bpl 19; others Ie 0, Bpl 20), and MOS = 1 + 0.035 R + 7e-6 R (R - 60)
 * (100 - R) for 0 < R < 100. An estimate only: it ignores delay, echo and burstiness. Stateless.
 */
public final class Mos {
  private Mos() {}

  /**
   * The estimate for a loss percentage (0..100) and jitter in ms (negative: unknown, taken as 0),
   * for codec {@code codec} (name, may be empty). Decreases (never increases) as loss or jitter grows.
   */
  public static double estimate(double lossPercent, double jitterMs, String codec) {
    double ie;
    double bpl;
    String c = codec == null ? "" : codec.toUpperCase(java.util.Locale.ROOT);
    if (c.equals("PCMU") || c.equals("PCMA")) {
      ie = 0;
      bpl = 25.1;
    } else if (c.equals("G729")) {
      ie = 11;
      bpl = 19;
    } else {
      ie = 0;
      bpl = 20;
    }
    double d = 2 * Math.max(0, jitterMs) + 10;
    double id = 0.024 * d + (d > 177.3 ? 0.11 * (d - 177.3) : 0);
    double ppl = Math.max(0, Math.min(100, lossPercent));
    double ieEff = ie + (95 - ie) * ppl / (ppl + bpl);
    double r = 93.2 - id - ieEff;
    if (r <= 0) {
      return 1.0;
    }
    if (r >= 100) {
      return 4.5;
    }
    return Math.max(1.0, 1 + 0.035 * r + 7e-6 * r * (r - 60) * (100 - r));
  }
}
