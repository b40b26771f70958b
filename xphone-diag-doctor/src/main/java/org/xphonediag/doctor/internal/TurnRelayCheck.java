package org.xphonediag.doctor.internal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import javax.net.ssl.X509TrustManager;
import org.xphonediag.core.Check;
import org.xphonediag.core.CheckCatalog;
import org.xphonediag.core.CheckContext;
import org.xphonediag.core.CheckId;
import org.xphonediag.core.CheckResult;
import org.xphonediag.core.Secret;
import org.xphonediag.core.Status;
import org.xphonediag.stun.turn.TurnCheck;
import org.xphonediag.stun.turn.TurnUri;
import org.xphonediag.webapi.ConfiguredServers;
import org.xphonediag.webapi.TurnServerEntry;
import org.xphonediag.webapi.WebApiSession;

/**
 * The doctor's {@code turn.relay} step (RFC 8656, docs/field-guide.md#connection-test): takes the TURN servers and their
 * credentials from the WebAPI's STUN/TURN answer when it has any, else from the profile
 * ({@code turnServers}, {@code turnUser}, {@code turnPasswordEnv}), and runs {@link TurnCheck} on
 * them. The WebAPI is asked through the session, which queries the rate-limited route at most once
 * per run (shared with {@code webapi.stun-servers}). The result's {@code source} detail says
 * {@code webapi} or {@code profile} and {@code sourceReason} why; credentials appear nowhere.
 * Without a TURN server from either source: PASS "nothing to test" when the WebAPI answered, else
 * SKIPPED naming what is missing. Immutable.
 */
public final class TurnRelayCheck implements Check {
  /** Time for the WebAPI query on top of the TURN check's own budget. */
  private static final Duration QUERY_ALLOWANCE = Duration.ofSeconds(10);

  private final Optional<WebApiSession> session;
  private final List<TurnUri> profileUris;
  private final Optional<String> profileUser;
  private final Optional<Secret> profilePassword;
  private final Optional<X509TrustManager> trust;

  /**
   * @param session the run's WebAPI session, empty without a WebAPI URL
   * @param profileUris the profile's {@code turnServers}
   * @param trust for {@code turns:}; empty for the platform's
   */
  public TurnRelayCheck(Optional<WebApiSession> session, List<TurnUri> profileUris, Optional<String> profileUser,
      Optional<Secret> profilePassword, Optional<X509TrustManager> trust) {
    this.session = Objects.requireNonNull(session, "session");
    this.profileUris = List.copyOf(profileUris);
    this.profileUser = Objects.requireNonNull(profileUser, "profileUser");
    this.profilePassword = Objects.requireNonNull(profilePassword, "profilePassword");
    this.trust = Objects.requireNonNull(trust, "trust");
  }

  @Override
  public CheckId id() {
    return CheckCatalog.TURN_RELAY;
  }

  @Override
  public String title() {
    return "TURN relay";
  }

  @Override
  public Optional<Duration> budget() {
    return Optional.of(Duration.ofSeconds(11).plus(session.isPresent() ? QUERY_ALLOWANCE : Duration.ZERO));
  }

  @Override
  public CheckResult run(CheckContext ctx) throws InterruptedException {
    Optional<ConfiguredServers> answer = session.isPresent()
        ? Optional.of(session.get().configuredServers(ctx)) : Optional.empty();
    List<String> ignored = new ArrayList<>();
    TurnCheck.Builder fromWebApi = TurnCheck.builder();
    int offered = 0;
    if (answer.isPresent()) {
      for (TurnServerEntry e : answer.get().usableTurnServers()) {
        for (String url : e.turnUrls()) {
          try {
            fromWebApi.server(TurnUri.parse(url), e.username().orElseThrow(), e.credential().orElseThrow());
            offered++;
          } catch (IllegalArgumentException ex) {
            ignored.add(url);
          }
        }
      }
    }
    String why = answer.map(TurnRelayCheck::webApiSays).orElse("no WebAPI URL in the profile");
    if (offered > 0) {
      return run(ctx, fromWebApi, "webapi", "the WebAPI's STUN/TURN answer hands out " + offered
          + " TURN URI(s) with credentials", ignored);
    }
    if (!profileUris.isEmpty() && profileUser.isPresent() && profilePassword.isPresent()) {
      TurnCheck.Builder b = TurnCheck.builder(profileUris, profileUser.get(), profilePassword.get());
      return run(ctx, b, "profile", why + ", so the profile's turnServers were used", ignored);
    }
    CheckResult.Builder r = CheckResult.builder(id()).title(title()).detail("source", "none").detail("sourceReason", why);
    if (!ignored.isEmpty()) {
      r.detail("ignoredUrls", ignored);
    }
    if (!profileUris.isEmpty()) {
      return r.status(Status.SKIPPED).summary(why + "; the profile names turnServers but has no turnUser and a TURN "
          + "password (turnPasswordEnv), so this step was not judged").build();
    }
    if (answer.isPresent() && answer.get().state() == ConfiguredServers.State.ANSWERED) {
      return r.summary("no TURN server to test: " + why + " and the profile names no turnServers").build();
    }
    return r.status(Status.SKIPPED).summary(why + " and the profile names no turnServers, so this step was not "
        + "judged").build();
  }

  private CheckResult run(CheckContext ctx, TurnCheck.Builder b, String source, String reason, List<String> ignored)
      throws InterruptedException {
    trust.ifPresent(b::trust);
    CheckResult r = b.build().run(ctx);
    CheckResult.Builder out = r.toBuilder().title(title() + " (servers from the " + (source.equals("webapi")
        ? "WebAPI" : "profile") + ")").detail("source", source).detail("sourceReason", reason)
        .summary(r.summary() + " (servers from the " + (source.equals("webapi") ? "WebAPI" : "profile") + ")");
    if (!ignored.isEmpty()) {
      out.detail("ignoredUrls", ignored);
    }
    return out.build();
  }

  /** Why the WebAPI's answer gave no TURN server, or that it gave some. */
  private static String webApiSays(ConfiguredServers s) {
    switch (s.state()) {
      case ANSWERED:
        return s.turnServers().isEmpty() ? "the WebAPI's STUN/TURN answer lists no TURN server"
            : String.format(Locale.ROOT, "the WebAPI's STUN/TURN answer lists %d TURN entr%s, none with turn: URIs "
                + "and credentials", s.turnServers().size(), s.turnServers().size() == 1 ? "y" : "ies");
      case RATE_LIMITED:
        return "the WebAPI refused the STUN/TURN query as too frequent (one per 30 s)";
      default:
        return "the WebAPI's STUN/TURN answer is unavailable (" + s.state().jsonName() + ": "
            + s.reason().orElse("") + ")";
    }
  }
}
