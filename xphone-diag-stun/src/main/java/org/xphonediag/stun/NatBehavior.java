package org.xphonediag.stun;

import java.util.Locale;
import java.util.Objects;

/**
 * NAT mapping and filtering behaviour as RFC 5780 §4.3/§4.4 discovers it with a server that
 * offers OTHER-ADDRESS; {@code unknown} (never a guess) when the server does not, or a test could
 * not be completed. Immutable.
 *
 * @param mapping how the NAT maps our address
 * @param filtering which sources the NAT lets through
 */
public record NatBehavior(Kind mapping, Kind filtering) {

  /** A behaviour (RFC 4787 terms). */
  public enum Kind {
    /** Mapped address equals the local address: no NAT on the path. */
    NO_NAT,
    ENDPOINT_INDEPENDENT,
    ADDRESS_DEPENDENT,
    ADDRESS_AND_PORT_DEPENDENT,
    UNKNOWN;

    /** The JSON name, e.g. {@code endpoint-independent}. */
    public String jsonName() {
      return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
  }

  /** Checks for nulls. */
  public NatBehavior {
    Objects.requireNonNull(mapping, "mapping");
    Objects.requireNonNull(filtering, "filtering");
  }

  /** Both unknown. */
  public static NatBehavior unknown() {
    return new NatBehavior(Kind.UNKNOWN, Kind.UNKNOWN);
  }
}
