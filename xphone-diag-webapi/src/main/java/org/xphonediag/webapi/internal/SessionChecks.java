package org.xphonediag.webapi.internal;

import org.xphonediag.core.Check;

/** Creates the check instances of one session (the checks themselves are package-private). */
public final class SessionChecks {
  private final Check configuredUrl;
  private final Check health;
  private final Check auth;
  private final Check hub;
  private final Check reinit;
  private final Check version;
  private final Check stunServers;
  private final Check devices;
  private final Check proxyPaths;

  public SessionChecks(SessionState state) {
    this.configuredUrl = new ConfiguredUrlCheck(state);
    this.health = new HealthCheck(state);
    this.auth = new AuthCheck(state);
    this.hub = new SignalRHubCheck(state);
    this.reinit = new RouteChecks.SoftphoneReinit(state);
    this.version = new RouteChecks.Version(state);
    this.stunServers = new RouteChecks.StunServers(state);
    this.devices = new RouteChecks.Devices(state);
    this.proxyPaths = new ProxyPathsCheck(state, state.options().webMeeting());
  }

  public Check configuredUrl() {
    return configuredUrl;
  }

  public Check health() {
    return health;
  }

  public Check auth() {
    return auth;
  }

  public Check hub() {
    return hub;
  }

  public Check reinit() {
    return reinit;
  }

  public Check version() {
    return version;
  }

  public Check stunServers() {
    return stunServers;
  }

  public Check devices() {
    return devices;
  }

  public Check proxyPaths() {
    return proxyPaths;
  }
}
