package org.xphonediag.sip.sdp;

import java.util.Objects;
import java.util.OptionalInt;

/**
 * An {@code a=rtpmap} attribute (RFC 8866 §6.6): which encoding and clock rate a dynamic (or
 * static) payload type uses. The clock rate is what RTP jitter is measured in (RFC 3550 §6.4.1).
 *
 * @param payloadType 0..127
 * @param encoding the encoding name as written, e.g. {@code opus}, {@code PCMA}
 * @param clockRate in Hz, at least 1
 * @param channels the channel count, if given
 */
public record RtpMap(int payloadType, String encoding, int clockRate, OptionalInt channels) {

  /** Validates the ranges. */
  public RtpMap {
    Objects.requireNonNull(encoding, "encoding");
    Objects.requireNonNull(channels, "channels");
    if (payloadType < 0 || payloadType > 127) {
      throw new IllegalArgumentException("payload type must be 0..127 but was " + payloadType);
    }
    if (clockRate < 1) {
      throw new IllegalArgumentException("clock rate must be at least 1 but was " + clockRate);
    }
  }
}
