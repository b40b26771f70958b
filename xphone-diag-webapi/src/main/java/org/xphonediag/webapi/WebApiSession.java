package org.xphonediag.webapi;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.xphonediag.core.Check;
import org.xphonediag.webapi.internal.SessionChecks;
import org.xphonediag.webapi.internal.SessionState;

/**
 * The WebAPI checks of one deployment and user, sharing one HTTP client, the login's token and
 * the STUN-server cache (docs/field-guide.md#connection-test). Run its checks with a {@link org.xphonediag.core.DiagRunner};
 * {@link #connectionTest()} reproduces the mobile app's five steps with their prerequisites,
 * {@link #checks()} adds the browser tester's version, STUN-server and device calls and the
 * reverse-proxy paths.
 *
 * <p>Thread-safe. {@link #close()} wipes the token and stops the threads it started.
 * Third-party daemon threads may outlive it and end by themselves: okhttp's shared {@code OkHttp
 * TaskRunner} and {@code Okio Watchdog}, and RxJava's {@code RxCachedThreadScheduler-*},
 * {@code RxCachedWorkerPoolEvictor-*} and {@code RxSchedulerPurge-*} (used by the SignalR client).
 *
 * <pre>{@code
 * try (WebApiSession session = WebApiSession.open(options);
 *      DiagRunner runner = DiagRunner.builder().build()) {
 *   Report report = runner.run("webapi", session.connectionTest());
 * }
 * }</pre>
 */
public final class WebApiSession implements AutoCloseable {
  private final SessionState state;
  private final SessionChecks checks;

  private WebApiSession(WebApiOptions options) {
    this.state = new SessionState(options);
    this.checks = new SessionChecks(state);
  }

  /** Opens a session; nothing is sent before a check runs. */
  public static WebApiSession open(WebApiOptions options) {
    return new WebApiSession(Objects.requireNonNull(options, "options"));
  }

  /** The options of this session. */
  public WebApiOptions options() {
    return state.options();
  }

  /** The app's connection test: configured URL, health, auth, SignalR hub, softphone re-initialisation. */
  public List<Check> connectionTest() {
    return List.of(checks.configuredUrl(), checks.health(), checks.auth(), checks.hub(), checks.reinit());
  }

  /**
   * The connection test plus version, STUN servers, devices and proxy paths (WebMeeting only with
   * {@link WebApiOptions.Builder#webMeeting(boolean)}).
   */
  public List<Check> checks() {
    List<Check> all = new ArrayList<>(connectionTest());
    all.add(checks.version());
    all.add(checks.stunServers());
    all.add(checks.devices());
    all.add(checks.proxyPaths());
    return List.copyOf(all);
  }

  /** One check by id (see {@link org.xphonediag.core.CheckCatalog}): the same instance {@link #checks()} holds. */
  public Check check(org.xphonediag.core.CheckId id) {
    for (Check c : checks()) {
      if (c.id().equals(id)) {
        return c;
      }
    }
    throw new IllegalArgumentException("no WebAPI check with id " + id);
  }

  /**
   * The STUN/TURN servers the WebAPI hands out (docs/field-guide.md#connection-test), with the TURN credentials as secrets.
   * The route allows one query per 30 s: the session queries at most once, whether this method or
   * the {@code webapi.stun-servers} check asks first, and returns that answer to every later call
   * ({@link ConfiguredServers.State#RATE_LIMITED} when the server refused it). Blocks at most for
   * {@code context}'s remaining time. The TURN credentials are wiped when the session closes.
   */
  public ConfiguredServers configuredServers(org.xphonediag.core.CheckContext context) throws InterruptedException {
    Objects.requireNonNull(context, "context");
    var base = state.baseUrl();
    if (base.isEmpty()) {
      return ConfiguredServers.without(ConfiguredServers.State.NOT_CONFIGURED, java.util.Optional.empty(),
          "no usable WebAPI URL configured");
    }
    return state.stunServers(context, base.get()).servers();
  }

  /** Wipes the token and stops this session's threads; idempotent. */
  @Override
  public void close() {
    state.close();
  }
}
