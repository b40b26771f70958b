package org.xphonediag.webapi;

import java.time.Clock;
import java.time.Duration;
import java.util.HashSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.xphonediag.core.Durations;
import org.xphonediag.core.Options;
import org.xphonediag.core.Secret;
import org.xphonediag.core.net.HostResolver;

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
  /** True when the trust material was set, not the platform's by default. */
  private final boolean trustGiven;
  private final HostResolver resolver;
  private final Duration callTimeout;
  private final int bodyCap;
  private final Duration signalRReceiveBound;
  private final Duration expectedJwtLifetime;
  private final Clock clock;
  private final boolean webMeeting;

  private WebApiOptions(Builder b) {
    WebApiOptions base = b.base;
    boolean inherit = base != null;
    this.url = b.set.contains("url") ? b.url : inherit ? base.url : null;
    this.mobileUrl = b.set.contains("mobileUrl") ? b.mobileUrl : inherit ? base.mobileUrl : null;
    this.user = b.set.contains("user") ? b.user : inherit ? base.user : null;
    this.password = b.set.contains("password") ? b.password : inherit ? base.password : null;
    this.profile = b.profile != null ? b.profile : inherit ? base.profile : WebApiProfile.defaults();
    this.trust = b.trust != null ? b.trust : inherit ? base.trust : TrustMaterial.platform();
    this.trustGiven = b.trust != null || inherit && base.trustGiven;
    this.insecure = b.insecure != null ? b.insecure : inherit && base.insecure;
    this.resolver = b.resolver != null ? b.resolver : inherit ? base.resolver : HostResolver.system();
    this.callTimeout = b.callTimeout != null ? b.callTimeout : inherit ? base.callTimeout : DEFAULT_CALL_TIMEOUT;
    this.bodyCap = b.bodyCap != null ? b.bodyCap : inherit ? base.bodyCap : DEFAULT_BODY_CAP;
    this.signalRReceiveBound = b.signalRReceiveBound != null ? b.signalRReceiveBound
        : inherit ? base.signalRReceiveBound : DEFAULT_SIGNALR_RECEIVE_BOUND;
    this.expectedJwtLifetime = b.set.contains("expectedJwtLifetime") ? b.expectedJwtLifetime
        : inherit ? base.expectedJwtLifetime : null;
    this.clock = b.clock != null ? b.clock : inherit ? base.clock : Clock.systemUTC();
    this.webMeeting = b.webMeeting != null ? b.webMeeting : inherit && base.webMeeting;
  }

  /** A builder with the defaults of the class comment. */
  public static Builder builder() {
    return new Builder(null);
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

  /**
   * A builder starting from these options: each option may be set once on it, replacing the value
   * held here.
   */
  public Builder toBuilder() {
    return new Builder(this);
  }

  @Override
  public String toString() {
    return "WebApiOptions[url=" + url + ", user=" + user + ", password=" + (password == null ? "none" : Secret.MASK)
        + ", profile=" + profile.source() + ", trust=" + trust + (insecure ? ", INSECURE" : "") + "]";
  }

  /**
   * Builds {@link WebApiOptions}; not thread-safe. Each option may be set once ({@link
   * IllegalStateException} otherwise), and {@link #insecure(boolean) insecure(true)} excludes {@link
   * #trust(TrustMaterial)}.
   */
  public static final class Builder {
    private static final String OWNER = "WebApiOptions";
    private final WebApiOptions base;
    private final Set<String> set = new HashSet<>();
    private String url;
    private String mobileUrl;
    private String user;
    private Secret password;
    private WebApiProfile profile;
    private TrustMaterial trust;
    private Boolean insecure;
    private HostResolver resolver;
    private Duration callTimeout;
    private Integer bodyCap;
    private Duration signalRReceiveBound;
    private Duration expectedJwtLifetime;
    private Clock clock;
    private Boolean webMeeting;

    private Builder(WebApiOptions base) {
      this.base = base;
    }

    /** Marks option {@code name} as set; throws when it was set before on this builder. */
    private void once(String name) {
      Options.requireUnset(name, set.contains(name) ? Boolean.TRUE : null, OWNER);
      set.add(name);
    }

    public Builder url(String url) {
      once("url");
      this.url = url;
      return this;
    }

    public Builder mobileUrl(String mobileUrl) {
      once("mobileUrl");
      this.mobileUrl = mobileUrl;
      return this;
    }

    public Builder user(String user) {
      once("user");
      this.user = user;
      return this;
    }

    /** The password; the secret is not copied, so the caller should not destroy it while checks run. */
    public Builder password(Secret password) {
      once("password");
      this.password = password;
      return this;
    }

    /** The password from a char array (copied; the caller may wipe its array). */
    public Builder password(char[] password) {
      once("password");
      this.password = Secret.of(password);
      return this;
    }

    public Builder profile(WebApiProfile profile) {
      once("profile");
      this.profile = Objects.requireNonNull(profile, "profile");
      return this;
    }

    /** The certificates to trust instead of the platform's; excludes {@code insecure(true)}. */
    public Builder trust(TrustMaterial trust) {
      Objects.requireNonNull(trust, "trust");
      once("trust");
      Options.requireNotBoth("trust", trust, "insecure", insecure, OWNER);
      this.trust = trust;
      return this;
    }

    /** Turns TLS verification off; results then say so. {@code true} excludes {@link #trust(TrustMaterial)}. */
    public Builder insecure(boolean insecure) {
      once("insecure");
      Options.requireNotBoth("insecure", insecure, "trust", trust, OWNER);
      this.insecure = insecure;
      return this;
    }

    public Builder resolver(HostResolver resolver) {
      Objects.requireNonNull(resolver, "resolver");
      once("resolver");
      this.resolver = resolver;
      return this;
    }

    /** The limit of one HTTP call; must be positive. */
    public Builder callTimeout(Duration callTimeout) {
      Durations.requirePositive(callTimeout, "callTimeout");
      once("callTimeout");
      this.callTimeout = callTimeout;
      return this;
    }

    /** The most bytes read from one response body; 1 KiB to 64 MiB. */
    public Builder bodyCap(int bodyCap) {
      if (bodyCap < 1024 || bodyCap > 64 * 1024 * 1024) {
        throw new IllegalArgumentException("bodyCap must be 1 KiB to 64 MiB but was " + bodyCap);
      }
      once("bodyCap");
      this.bodyCap = bodyCap;
      return this;
    }

    /** How long to wait for server-to-client SignalR traffic; must be positive. */
    public Builder signalRReceiveBound(Duration bound) {
      Durations.requirePositive(bound, "signalRReceiveBound");
      once("signalRReceiveBound");
      this.signalRReceiveBound = bound;
      return this;
    }

    public Builder expectedJwtLifetime(Duration lifetime) {
      once("expectedJwtLifetime");
      this.expectedJwtLifetime = lifetime;
      return this;
    }

    public Builder clock(Clock clock) {
      Objects.requireNonNull(clock, "clock");
      once("clock");
      this.clock = clock;
      return this;
    }

    /** Whether the deployment uses web meetings (default false): {@code proxy.paths} then checks that path too (docs/field-guide.md#ports-and-paths). */
    public Builder webMeeting(boolean webMeeting) {
      once("webMeeting");
      this.webMeeting = webMeeting;
      return this;
    }

    /**
     * Builds the options.
     *
     * @throws IllegalStateException when TLS verification is off and a trust store is set (also one
     *     held by the options this builder started from)
     */
    public WebApiOptions build() {
      WebApiOptions built = new WebApiOptions(this);
      Options.requireNotBoth("insecure", built.insecure, "trust", built.trustGiven ? built.trust : null, OWNER);
      return built;
    }
  }
}
