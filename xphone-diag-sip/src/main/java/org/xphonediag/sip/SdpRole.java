package org.xphonediag.sip;

import java.util.Locale;

/**
 * Who sent an SDP (docs/field-guide.md#reading-a-trace): the XPhone client (origin {@code IceLink}), the XCC (origin
 * {@code FreeSWITCH}), or someone else.
 */
public enum SdpRole {
  /** The XPhone client's offer, in the loopback INVITE. */
  CLIENT,
  /** The XCC's answer, in the 183 Session Progress. */
  XCC,
  /** Neither. */
  UNKNOWN;

  /** The JSON name: {@code client}, {@code xcc}, {@code unknown}. */
  public String jsonName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
