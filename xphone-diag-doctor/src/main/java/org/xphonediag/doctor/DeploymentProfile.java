package org.xphonediag.doctor;

import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.xphonediag.core.net.Cidr;
import org.xphonediag.core.net.HostAndPort;
import org.xphonediag.core.net.PortRange;
import org.xphonediag.sip.SipUri;
import org.xphonediag.stun.turn.TurnUri;

/**
 * What is known about one deployment: URLs, the user, STUN servers, the XCC and the XPhone Server,
 * where IIS and the XCC run, and which files to read. The doctor builds its plan from it; every
 * part is optional and a missing part makes the checks that need it SKIPPED with a reason.
 * Immutable; read one with {@link ProfileReader} or build one with {@link #builder()}.
 *
 * <p>The password is never part of the profile: only the name of the environment variable that
 * holds it ({@link #passwordEnv()}).
 *
 * @param name a label for reports
 * @param mobileUrl the external Mobile URL, {@code https://HOST/xphoneconnect/mobile} (docs/field-guide.md#ports-and-paths)
 * @param webApiUrl the external WebAPI URL, {@code https://HOST/xphoneconnect/webclientapi} (docs/field-guide.md#ports-and-paths)
 * @param user the user for the connection test (docs/field-guide.md#connection-test)
 * @param passwordEnv the environment variable holding the user's password
 * @param trust a PEM file with the certificates to trust instead of the platform's
 * @param insecure true to skip TLS verification (explicit, and shown in the report)
 * @param stunServers classic STUN servers (docs/field-guide.md#stun-server-settings, #media)
 * @param turnServers TURN URIs ({@code turn:} / {@code turns:}, RFC 7065)
 * @param turnUser the TURN user (long-term credentials)
 * @param turnPasswordEnv the environment variable holding the TURN password
 * @param xccAddress the XCC's address as phones reach it
 * @param xccMediaPorts the XCC's media port range (default 30000-33000, docs/field-guide.md#ports-and-paths)
 * @param xccPlacement whether the XCC runs on the XPhone Server or is outsourced (docs/field-guide.md#topology)
 * @param xccSipUri the XCC's SIP address for an OPTIONS probe, e.g. {@code sip:203.0.113.10:5060} (docs/field-guide.md#ports-and-paths)
 * @param serverAddress the XPhone Server's address as entered at the SIP gateways (docs/field-guide.md#xcc-acls)
 * @param iis whether IIS runs on the XPhone Server or in the DMZ (docs/field-guide.md#topology)
 * @param proxy the reverse proxy or firewall product in front, e.g. {@code netscaler} (docs/field-guide.md#proxies)
 * @param webConfig {@code XPhoneMobile\web.config} (docs/field-guide.md#web-config)
 * @param appSettings {@code WebClientApi\appsettings.json} (docs/field-guide.md#appsettings-json)
 * @param aclFile the XCC's {@code acl.conf.xml} (docs/field-guide.md#xcc-acls)
 * @param inboundLists the lists applied to INVITEs, in order
 * @param candidateLists the lists applied to ICE candidates, in order
 * @param localNetworks the XCC host's own networks, for {@code localnet.auto} and {@code nat.auto}
 * @param capture a pcap/pcapng capture from the XCC host (docs/field-guide.md#reading-a-trace)
 * @param fsLog a FreeSWITCH log of the XCC (docs/field-guide.md#failure-patterns)
 */
public record DeploymentProfile(
    Optional<String> name,
    Optional<URI> mobileUrl,
    Optional<URI> webApiUrl,
    Optional<String> user,
    Optional<String> passwordEnv,
    Optional<Path> trust,
    boolean insecure,
    List<HostAndPort> stunServers,
    List<TurnUri> turnServers,
    Optional<String> turnUser,
    Optional<String> turnPasswordEnv,
    Optional<String> xccAddress,
    PortRange xccMediaPorts,
    Placement xccPlacement,
    Optional<SipUri> xccSipUri,
    Optional<String> serverAddress,
    Placement iis,
    Optional<String> proxy,
    Optional<Path> webConfig,
    Optional<Path> appSettings,
    Optional<Path> aclFile,
    List<String> inboundLists,
    List<String> candidateLists,
    List<Cidr> localNetworks,
    Optional<Path> capture,
    Optional<Path> fsLog) {

  /** Where IIS or the XCC runs relative to the XPhone Server (docs/field-guide.md#topology). */
  public enum Placement {
    /** On the XPhone Server. */
    LOCAL,
    /** IIS in the DMZ. */
    DMZ,
    /** The XCC moved out ("satellite"). */
    OUTSOURCED;

    /** The JSON name. */
    public String jsonName() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  /** Copies lists and checks the placements. */
  public DeploymentProfile {
    stunServers = List.copyOf(stunServers);
    turnServers = List.copyOf(turnServers);
    inboundLists = List.copyOf(inboundLists);
    candidateLists = List.copyOf(candidateLists);
    localNetworks = List.copyOf(localNetworks);
    Objects.requireNonNull(xccMediaPorts, "xccMediaPorts");
    if (xccPlacement == Placement.DMZ) {
      throw new IllegalArgumentException("xcc placement must be local or outsourced but was dmz");
    }
    if (iis == Placement.OUTSOURCED) {
      throw new IllegalArgumentException("iis placement must be local or dmz but was outsourced");
    }
  }

  /** An empty builder: IIS and XCC local, media ports 30000-33000, TLS verified. */
  public static Builder builder() {
    return new Builder();
  }

  /** Builds a {@link DeploymentProfile}; not thread-safe. */
  public static final class Builder {
    String name;
    URI mobileUrl;
    URI webApiUrl;
    String user;
    String passwordEnv;
    Path trust;
    boolean insecure;
    final List<HostAndPort> stunServers = new ArrayList<>();
    final List<TurnUri> turnServers = new ArrayList<>();
    String turnUser;
    String turnPasswordEnv;
    String xccAddress;
    PortRange xccMediaPorts = PortRange.XCC_MEDIA_DEFAULT;
    Placement xccPlacement = Placement.LOCAL;
    SipUri xccSipUri;
    String serverAddress;
    Placement iis = Placement.LOCAL;
    String proxy;
    Path webConfig;
    Path appSettings;
    Path aclFile;
    final List<String> inboundLists = new ArrayList<>();
    final List<String> candidateLists = new ArrayList<>();
    final List<Cidr> localNetworks = new ArrayList<>();
    Path capture;
    Path fsLog;

    Builder() {}

    public Builder name(String v) {
      name = v;
      return this;
    }

    public Builder mobileUrl(URI v) {
      mobileUrl = v;
      return this;
    }

    public Builder webApiUrl(URI v) {
      webApiUrl = v;
      return this;
    }

    public Builder user(String v) {
      user = v;
      return this;
    }

    public Builder passwordEnv(String v) {
      passwordEnv = v;
      return this;
    }

    public Builder trust(Path v) {
      trust = v;
      return this;
    }

    public Builder insecure(boolean v) {
      insecure = v;
      return this;
    }

    public Builder stunServer(HostAndPort v) {
      stunServers.add(Objects.requireNonNull(v, "stunServer"));
      return this;
    }

    public Builder turnServer(TurnUri v) {
      turnServers.add(Objects.requireNonNull(v, "turnServer"));
      return this;
    }

    /**
     * A TURN server by its URI.
     *
     * @throws IllegalArgumentException when {@code v} is not a {@code turn:} or {@code turns:} URI (RFC 7065)
     */
    public Builder turnServer(URI v) {
      return turnServer(TurnUri.parse(Objects.requireNonNull(v, "turnServer").toString()));
    }

    public Builder turnUser(String v) {
      turnUser = v;
      return this;
    }

    public Builder turnPasswordEnv(String v) {
      turnPasswordEnv = v;
      return this;
    }

    public Builder xccAddress(String v) {
      xccAddress = v;
      return this;
    }

    public Builder xccMediaPorts(PortRange v) {
      xccMediaPorts = Objects.requireNonNull(v, "xccMediaPorts");
      return this;
    }

    public Builder xccPlacement(Placement v) {
      xccPlacement = Objects.requireNonNull(v, "xccPlacement");
      return this;
    }

    public Builder xccSipUri(SipUri v) {
      xccSipUri = v;
      return this;
    }

    /**
     * The XCC's SIP address as text, e.g. {@code sip:203.0.113.10:5060}; null for none.
     *
     * @throws IllegalArgumentException when {@code v} is not a sip: URI
     */
    public Builder xccSipUri(String v) {
      xccSipUri = v == null ? null : SipUri.parse(v);
      return this;
    }

    public Builder serverAddress(String v) {
      serverAddress = v;
      return this;
    }

    public Builder iis(Placement v) {
      iis = Objects.requireNonNull(v, "iis");
      return this;
    }

    public Builder proxy(String v) {
      proxy = v;
      return this;
    }

    public Builder webConfig(Path v) {
      webConfig = v;
      return this;
    }

    public Builder appSettings(Path v) {
      appSettings = v;
      return this;
    }

    public Builder aclFile(Path v) {
      aclFile = v;
      return this;
    }

    public Builder inboundList(String v) {
      inboundLists.add(Objects.requireNonNull(v, "inboundList"));
      return this;
    }

    public Builder candidateList(String v) {
      candidateLists.add(Objects.requireNonNull(v, "candidateList"));
      return this;
    }

    public Builder localNetwork(Cidr v) {
      localNetworks.add(Objects.requireNonNull(v, "localNetwork"));
      return this;
    }

    public Builder capture(Path v) {
      capture = v;
      return this;
    }

    public Builder fsLog(Path v) {
      fsLog = v;
      return this;
    }

    public DeploymentProfile build() {
      return new DeploymentProfile(Optional.ofNullable(name), Optional.ofNullable(mobileUrl),
          Optional.ofNullable(webApiUrl), Optional.ofNullable(user), Optional.ofNullable(passwordEnv),
          Optional.ofNullable(trust), insecure, stunServers, turnServers, Optional.ofNullable(turnUser),
          Optional.ofNullable(turnPasswordEnv), Optional.ofNullable(xccAddress),
          xccMediaPorts, xccPlacement, Optional.ofNullable(xccSipUri), Optional.ofNullable(serverAddress), iis, Optional.ofNullable(proxy),
          Optional.ofNullable(webConfig), Optional.ofNullable(appSettings), Optional.ofNullable(aclFile),
          inboundLists, candidateLists, localNetworks, Optional.ofNullable(capture), Optional.ofNullable(fsLog));
    }
  }
}
