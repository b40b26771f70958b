package org.xphonediag.webapi;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * What the WebClientApi's STUN/TURN-server route answered in one session (docs/field-guide.md#stun-server-settings, #connection-test): the
 * STUN servers as {@code host:port}, the TURN entries with their credentials, or why there is no
 * list. The route allows one query per 30 s, so a session asks at most once and every caller gets
 * the same answer ({@link WebApiSession#configuredServers}). Immutable; holds credentials only as
 * {@link org.xphonediag.core.Secret}s.
 *
 * @param state how the query ended
 * @param stunServers the STUN servers, {@code host:port}
 * @param turnServers the TURN entries, in the order the server gave them
 * @param httpStatus the HTTP status, when the server answered
 * @param reason for a state other than {@link State#ANSWERED}: what happened, where
 */
public record ConfiguredServers(State state, List<String> stunServers, List<TurnServerEntry> turnServers,
    Optional<Integer> httpStatus, Optional<String> reason) {

  /** How the query ended. */
  public enum State {
    /** The server answered with a list (possibly empty). */
    ANSWERED,
    /** The server refused the query as too frequent (HTTP 429 or the vendor's "once per 30 s" error). */
    RATE_LIMITED,
    /** The route answered 404: the profile's route is wrong for this server. */
    ROUTE_UNKNOWN,
    /** The call failed (no answer, an error status, or a body that is not JSON). */
    FAILED,
    /** The session has no usable WebAPI URL. */
    NOT_CONFIGURED;

    /** Lower case with hyphens, for reports ({@code rate-limited}). */
    public String jsonName() {
      return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
  }

  /** Copies the lists and requires every component. */
  public ConfiguredServers {
    Objects.requireNonNull(state, "state");
    stunServers = List.copyOf(stunServers);
    turnServers = List.copyOf(turnServers);
    Objects.requireNonNull(httpStatus, "httpStatus");
    Objects.requireNonNull(reason, "reason");
  }

  /** An answer that carries no list. */
  public static ConfiguredServers without(State state, Optional<Integer> httpStatus, String reason) {
    return new ConfiguredServers(state, List.of(), List.of(), httpStatus, Optional.of(reason));
  }

  /** The TURN entries that have {@code turn:}/{@code turns:} URIs and credentials. */
  public List<TurnServerEntry> usableTurnServers() {
    return turnServers.stream().filter(e -> e.hasCredentials() && !e.turnUrls().isEmpty()).toList();
  }
}
