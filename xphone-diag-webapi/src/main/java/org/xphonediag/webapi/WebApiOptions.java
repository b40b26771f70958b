package org.xphonediag.webapi;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import org.xphonediag.core.Durations;
import org.xphonediag.core.Secret;

/**
 * What the WebAPI checks need to know: the configured URLs, the user's credentials, the route
 * profile, the trust material and the limits of every HTTP call (docs/field-guide.md#ports-and-paths, #connection-test). Immutable.
 *
 * <p>Defaults: default profile, platform trust store with TLS verified, system resolver, 10 s per
 * HTTP call (never more than the check's remaining time), response bodies read up to 1 MiB,
 * 20 s to see server-to-client SignalR traffic (ASP.NET sends a keep-alive every 15 s), system
 * UTC clock, no web meetings. Turning TLS verification off takes {@link Builder#insecure(boolean)} and shows in
 * every result's details ({@code tlsVerification: disabled}).
 *
 * <pre>{@code
 * WebApiOptions options = WebApiOptions.builder()
 *     .url("https://xphone.example.com/xphoneconnect/webclientapi")
 *     .user("alice").password(Secret.fromEnvironment("XPHONE_PASSWORD").orElseThrow())
 *     .build();
 * }</pre>
 */
public final class WebApiOptions {
  /** Default limit of one HTTP call. */
  public static final Duration DEFAULT_CALL_TIMEOUT = Duration.ofSeconds(10);
  /** Default cap on a response body. */
  public static final int DEFAULT_BODY_CAP = 1024 * 1024;
  /** Default time to wait for a message or keep-alive from the SignalR hub. */
  public static final Duration DEFAULT_SIGNALR_RECEIVE_BOUND = Duration.ofSeconds(20);

  private final String url;
  private final String mobileUrl;
  private final String user;
  private final Secret password;
  private final WebApiProfile profile;
  private final TrustMaterial trust;
  private final boolean insecure;
  private final HostResolver resolver;
  private final Duration callTimeout;
  private final int bodyCap;
  private final Duration signalRReceiveBound;
  private final Duration expectedJwtLifetime;
  private final Clock clock;
  private final boolean webMeeting;

  private WebApiOptions(Builder b) {
    this.url = b.url;
    this.mobileUrl = b.mobileUrl;
    this.user = b.user;
    this.password = b.password;
    this.profile = b.profile == null ? WebApiProfile.defaults() : b.profile;
    this.trust = b.trust == null ? TrustMaterial.platform() : b.trust;
    this.insecure = b.insecure;
    this.resolver = b.resolver;
    this.callTimeout = b.callTimeout;
    this.bodyCap = b.bodyCap;
    this.signalRReceiveBound = b.signalRReceiveBound;
    this.expectedJwtLifetime = b.expectedJwtLifetime;
    this.clock = b.clock;
    this.webMeeting = b.webMeeting;
  }

  /** A builder with the defaults of the class comment. */
  public static Builder builder() {
    return new Builder();
  }

  /** The configured WebAPI URL, as given (checked by {@code webapi.configured-url}). */
  public Optional<String> url() {
    return Optional.ofNullable(url);
  }

  /** The configured Mobile URL, when known; its host should match the WebAPI URL's. */
  public Optional<String> mobileUrl() {
    return Optional.ofNullable(mobileUrl);
  }

  /** The user name for the login. */
  public Optional<String> user() {
    return Optional.ofNullable(user);
  }

  /** The password; printed only as {@value Secret#MASK}. */
  public Optional<Secret> password() {
    return Optional.ofNullable(password);
  }

  public WebApiProfile profile() {
    return profile;
  }

  public TrustMaterial trust() {
    return trust;
  }

  /** True when TLS certificates and host names are not verified (explicit opt-in only). */
  public boolean insecure() {
    return insecure;
  }

  public HostResolver resolver() {
    return resolver;
  }

  /** The limit of one HTTP call (connect, TLS, request, response). */
  public Duration callTimeout() {
    return callTimeout;
  }

  /** The most bytes read from one response body. */
  public int bodyCap() {
    return bodyCap;
  }

  /** How long {@code signalr.hub} waits for a message or keep-alive from the server. */
  public Duration signalRReceiveBound() {
    return signalRReceiveBound;
  }

  /** {@code JwtTokenLifetimeInMinutes} from appsettings.json, when known (docs/field-guide.md#appsettings-json). */
  public Optional<Duration> expectedJwtLifetime() {
    return Optional.ofNullable(expectedJwtLifetime);
  }

  public Clock clock() {
    return clock;
  }

  /** True when the deployment uses web meetings: {@code proxy.paths} then also checks {@code /XPhoneConnect/WebMeeting}. */
  public boolean webMeeting() {
    return webMeeting;
  }

  /** A builder holding these options. */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.url = url;
    b.mobileUrl = mobileUrl;
    b.user = user;
    b.password = password;
    b.profile = profile;
    b.trust = trust;
    b.insecure = insecure;
    b.resolver = resolver;
    b.callTimeout = callTimeout;
    b.bodyCap = bodyCap;
    b.signalRReceiveBound = signalRReceiveBound;
    b.expectedJwtLifetime = expectedJwtLifetime;
    b.clock = clock;
    b.webMeeting = webMeeting;
    return b;
  }

  @Override
  public String toString() {
    return "WebApiOptions[url=" + url + ", user=" + user + ", password=" + (password == null ? "none" : Secret.MASK)
        + ", profile=" + profile.source() + ", trust=" + trust + (insecure ? ", INSECURE" : "") + "]";
  }

  /** Builds {@link WebApiOptions}; not thread-safe. */
  public static final class Builder {
    private String url;
    private String mobileUrl;
    private String user;
    private Secret password;
    private WebApiProfile profile;
    private TrustMaterial trust;
    private boolean insecure;
    private HostResolver resolver = HostResolver.system();
    private Duration callTimeout = DEFAULT_CALL_TIMEOUT;
    private int bodyCap = DEFAULT_BODY_CAP;
    private Duration signalRReceiveBound = DEFAULT_SIGNALR_RECEIVE_BOUND;
    private Duration expectedJwtLifetime;
    private Clock clock = Clock.systemUTC();
    private boolean webMeeting;

    private Builder() {}

    public Builder url(String url) {
      this.url = url;
      return this;
    }

    public Builder mobileUrl(String mobileUrl) {
      this.mobileUrl = mobileUrl;
      return this;
    }

    public Builder user(String user) {
      this.user = user;
      return this;
    }

    /** The password; the secret is not copied, so the caller should not destroy it while checks run. */
    public Builder password(Secret password) {
      this.password = password;
      return this;
    }

    /** The password from a char array (copied; the caller may wipe its array). */
    public Builder password(char[] password) {
      this.password = Secret.of(password);
      return this;
    }

    public Builder profile(WebApiProfile profile) {
      this.profile = Objects.requireNonNull(profile, "profile");
      return this;
    }

    public Builder trust(TrustMaterial trust) {
      this.trust = Objects.requireNonNull(trust, "trust");
      return this;
    }

    /** Turns TLS verification off; results then say so. */
    public Builder insecure(boolean insecure) {
      this.insecure = insecure;
      return this;
    }

    public Builder resolver(HostResolver resolver) {
      this.resolver = Objects.requireNonNull(resolver, "resolver");
      return this;
    }

    /** The limit of one HTTP call; must be positive. */
    public Builder callTimeout(Duration callTimeout) {
      this.callTimeout = Durations.requirePositive(callTimeout, "callTimeout");
      return this;
    }

    /** The most bytes read from one response body; 1 KiB to 64 MiB. */
    public Builder bodyCap(int bodyCap) {
      if (bodyCap < 1024 || bodyCap > 64 * 1024 * 1024) {
        throw new IllegalArgumentException("bodyCap must be 1 KiB to 64 MiB but was " + bodyCap);
      }
      this.bodyCap = bodyCap;
      return this;
    }

    /** How long to wait for server-to-client SignalR traffic; must be positive. */
    public Builder signalRReceiveBound(Duration bound) {
      this.signalRReceiveBound = Durations.requirePositive(bound, "signalRReceiveBound");
      return this;
    }

    public Builder expectedJwtLifetime(Duration lifetime) {
      this.expectedJwtLifetime = lifetime;
      return this;
    }

    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /** Whether the deployment uses web meetings (default false): {@code proxy.paths} then checks that path too (docs/field-guide.md#ports-and-paths). */
    public Builder webMeeting(boolean webMeeting) {
      this.webMeeting = webMeeting;
      return this;
    }

    public WebApiOptions build() {
      if (insecure && trust != null) {
        throw new IllegalStateException("insecure(true) and trust(...) conflict: a trust store is not used "
            + "when verification is off");
      }
      return new WebApiOptions(this);
    }
  }
}
