package org.xphonediag.trace.rtp;

import java.util.Objects;
import java.util.Optional;

/**
 * An RTP payload format: encoding name and clock rate, as an SDP rtpmap names it (RFC 8866 §6.6)
 * or as RFC 3551 §6 (table 4) fixes it for static payload types.
 *
 * @param name encoding name, e.g. {@code PCMU}, {@code opus}
 * @param clockRate RTP timestamp clock rate in Hz (positive)
 */
public record RtpCodec(String name, int clockRate) {
  public RtpCodec {
    Objects.requireNonNull(name, "name");
    if (clockRate <= 0) {
      throw new IllegalArgumentException("codec " + name + ": clock rate must be positive but was " + clockRate);
    }
  }

  /** The codec of a static audio or video payload type per RFC 3551 table 4/5; empty for dynamic or unassigned. */
  public static Optional<RtpCodec> forStaticPayloadType(int payloadType) {
    switch (payloadType) {
      case 0: return Optional.of(new RtpCodec("PCMU", 8000));
      case 3: return Optional.of(new RtpCodec("GSM", 8000));
      case 4: return Optional.of(new RtpCodec("G723", 8000));
      case 5: return Optional.of(new RtpCodec("DVI4", 8000));
      case 6: return Optional.of(new RtpCodec("DVI4", 16000));
      case 7: return Optional.of(new RtpCodec("LPC", 8000));
      case 8: return Optional.of(new RtpCodec("PCMA", 8000));
      case 9: return Optional.of(new RtpCodec("G722", 8000));
      case 10: return Optional.of(new RtpCodec("L16", 44100));
      case 11: return Optional.of(new RtpCodec("L16", 44100));
      case 12: return Optional.of(new RtpCodec("QCELP", 8000));
      case 13: return Optional.of(new RtpCodec("CN", 8000));
      case 14: return Optional.of(new RtpCodec("MPA", 90000));
      case 15: return Optional.of(new RtpCodec("G728", 8000));
      case 16: return Optional.of(new RtpCodec("DVI4", 11025));
      case 17: return Optional.of(new RtpCodec("DVI4", 22050));
      case 18: return Optional.of(new RtpCodec("G729", 8000));
      case 25: return Optional.of(new RtpCodec("CelB", 90000));
      case 26: return Optional.of(new RtpCodec("JPEG", 90000));
      case 28: return Optional.of(new RtpCodec("nv", 90000));
      case 31: return Optional.of(new RtpCodec("H261", 90000));
      case 32: return Optional.of(new RtpCodec("MPV", 90000));
      case 33: return Optional.of(new RtpCodec("MP2T", 90000));
      case 34: return Optional.of(new RtpCodec("H263", 90000));
      default: return Optional.empty();
    }
  }
}
