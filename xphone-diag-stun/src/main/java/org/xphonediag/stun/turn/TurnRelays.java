package org.xphonediag.stun.turn;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.xphonediag.core.Details;
import org.xphonediag.core.Outcome;

/**
 * The typed outcome of {@link TurnCheck} ({@code turn.relay}): one {@link TurnRelay} per server URI,
 * in the order they were tried. Immutable.
 *
 * @param relays one per URI
 */
public record TurnRelays(List<TurnRelay> relays) implements Outcome {

  /** Copies the list. */
  public TurnRelays {
    relays = List.copyOf(relays);
  }

  /**
   * Per transport ({@code udp}, {@code tcp}, {@code tls}, in the order first tried): true when some
   * URI over it works.
   */
  public Map<String, Boolean> transports() {
    Map<String, Boolean> transports = new LinkedHashMap<>();
    for (TurnRelay r : relays) {
      transports.merge(r.uri().transport().jsonName(), r.works(), Boolean::logicalOr);
    }
    return transports;
  }

  /** {@code relays} (each {@link TurnRelay#toDetails()}) and {@code transports} ({@link #transports()}). */
  @Override
  public Details details() {
    return Details.builder().put("relays", relays.stream().map(TurnRelay::toDetails).toList())
        .put("transports", Details.copyOf(transports())).build();
  }
}
