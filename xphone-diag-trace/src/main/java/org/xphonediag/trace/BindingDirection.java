package org.xphonediag.trace;

import java.util.Locale;

/** Who sent the binding requests of a {@link BindingPair}: the client, the XCC, or unknown. */
public enum BindingDirection {
  CLIENT_TO_XCC,
  XCC_TO_CLIENT,
  UNKNOWN;

  /** The JSON name: {@code client-to-xcc}, {@code xcc-to-client} or {@code unknown}. */
  public String jsonName() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }
}
