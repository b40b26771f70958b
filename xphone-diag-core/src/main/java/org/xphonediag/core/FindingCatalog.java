package org.xphonediag.core;

import static org.xphonediag.core.Status.FAIL;
import static org.xphonediag.core.Status.WARN;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The one catalogue of finding codes: each with a title, its default severity, a default remedy and
 * its reference, the address of its entry in the project's {@code docs/findings.md} (meaning,
 * evidence, fix, and the chapter of the vendor's guide it comes from, see
 * {@code docs/field-guide.md}). Reports, the {@code findings} command and the docs all read this
 * class; a test keeps {@code docs/findings.md} documenting exactly these codes. Codes are added,
 * never renamed. The same pages ship in the core jar under {@value #DOCS_RESOURCE}.
 */
public final class FindingCatalog {
  /** What every catalogue entry's {@link FindingCode#ref() ref} starts with; the code follows as the anchor. */
  public static final String DOCS = "docs/findings.md#";
  /** Where the core jar carries {@code docs/} ({@code findings.md}, {@code field-guide.md}) as class-path resources. */
  public static final String DOCS_RESOURCE = "META-INF/xphone-diag/docs/";

  private static final List<FindingCode> ALL = new ArrayList<>();

  private static FindingCode def(String code, Status severity, String title, String remedy) {
    FindingCode c = new FindingCode(code, title, severity, remedy, DOCS + code);
    ALL.add(c);
    return c;
  }

  // ---- signalling -------------------------------------------------------------------------
  public static final FindingCode WEBAPI_URL_NOT_CONFIGURED = def("webapi.url-not-configured", FAIL,
      "WebAPI URL not configured or not usable",
      "Set the external WebAPI URL in the XPhone Server's general settings to "
          + "https://HOST/xphoneconnect/webclientapi (the suffix must stay as is) and make HOST resolve "
          + "and reach the IIS from outside; set the Mobile URL on the same host.");
  public static final FindingCode WEBAPI_UNREACHABLE = def("webapi.unreachable", FAIL,
      "WebAPI not reachable",
      "Check DNS, the external firewall and port forwarding to the IIS (or reverse proxy) on TCP 443, "
          + "and the certificate served there; run the check once inside and once outside the company network.");
  public static final FindingCode WEBAPI_NOT_WEBCLIENTAPI = def("webapi.not-webclientapi", FAIL,
      "Something other than the WebClientApi answers",
      "A reverse proxy, access gateway, single-sign-on or captive portal (a login page or a redirect to one) or a "
          + "maintenance page answers the WebAPI URL in place of the WebClientApi. The app calls the WebAPI "
          + "directly and cannot pass a web login: let the proxy pass /XPhoneConnect/webclientapi to the IIS "
          + "without pre-authentication, end the maintenance, or run the check from a network without a portal.");
  public static final FindingCode WEBAPI_AUTH_FAILED = def("webapi.auth-failed", FAIL,
      "WebAPI authentication failed",
      "Check the user's credentials; with IIS in the DMZ check WcfIPEndPoint in XPhoneMobile\\web.config, "
          + "XPhoneServerHost in WebClientApi\\appsettings.json and that TCP 2230/2231 from the IIS to the "
          + "XPhone Server are open (2231 is needed for authentication).");
  public static final FindingCode WEBAPI_SOFTPHONE_REINIT_FAILED = def("webapi.softphone-reinit-failed", FAIL,
      "Softphone re-initialisation failed",
      "The WebAPI could not reach the telephony service: check the XPhone Server's telephony services and "
          + "that Softphone Mobile is enabled for the user's location (location > settings > telephony).");
  public static final FindingCode SIGNALR_NEGOTIATE_FAILED = def("signalr.negotiate-failed", FAIL,
      "SignalR negotiation failed",
      "The hub's negotiate request was refused: check that the reverse proxy passes /XPhoneConnect/webclientapi "
          + "with all sub-paths and the Authorization header, and the WebClientApi's SignalR logging (appsettings.json).");
  public static final FindingCode SIGNALR_WEBSOCKET_BLOCKED = def("signalr.websocket-blocked", FAIL,
      "WebSockets blocked, long polling works",
      "A firewall or proxy blocks WebSockets (e.g. NetScaler): set \"SignalRLongPolling\": true under "
          + "AppSettings in WebClientApi\\appsettings.json and restart the IIS default web site, or allow "
          + "WebSocket upgrades on the proxy.");
  public static final FindingCode SIGNALR_FAILED = def("signalr.failed", FAIL,
      "SignalR hub not usable",
      "Neither WebSockets nor long polling work: check the reverse proxy and firewall for the hub path, then "
          + "enable SignalR debug logging in appsettings.json (Default, Microsoft.AspNetCore.SignalR and "
          + "Microsoft.AspNetCore.Http.Connections at Debug) and read the IIS event log.");
  public static final FindingCode PROXY_PATH_BLOCKED = def("proxy.path-blocked", WARN,
      "Reverse proxy blocks a required path",
      "Let the reverse proxy pass /XPhoneConnect/mobile, /XPhoneConnect/Mobile, /XPhoneConnect/webclientapi "
          + "and /XPhoneConnect/doc (case-sensitive; /XPhoneConnect/WebMeeting only for web meetings).");
  public static final FindingCode PROXY_PATH_CASE_MISMATCH = def("proxy.path-case-mismatch", WARN,
      "Reverse proxy passes only one spelling of a path",
      "Proxy rules are case-sensitive: add both spellings the app uses (/XPhoneConnect/mobile and "
          + "/XPhoneConnect/Mobile).");
  public static final FindingCode SERVER_VERSION_CANDIDATE_BUG = def("server.version-candidate-bug", WARN,
      "Server version with the candidate bug",
      "XPhone Connect V9 builds before 9.0.164 can omit public or private candidates: update the server "
          + "(a patch exists for 9.0.131).");
  public static final FindingCode WEBAPI_ROUTE_UNKNOWN = def("webapi.route-unknown", WARN,
      "WebAPI route unknown on this server",
      "The server answered 404 for a route of the WebAPI profile: the route differs on this server version; "
          + "set the profile key named in the message (--profile FILE, see the README's WebAPI profile section).");
  public static final FindingCode WEBAPI_NO_DEVICES = def("webapi.no-devices", FAIL,
      "No devices for the user",
      "The WebAPI lists no devices for this user: if devices are missing on iOS and Android alike, check the "
          + "base configuration (user, location with Softphone Mobile enabled, telephony); if only Android "
          + "lacks them, check the Android-specific settings.");
  public static final FindingCode NETWORK_PORT_CLOSED = def("network.port-closed", FAIL,
      "Required port closed",
      "Open the port in every firewall on the path (docs/field-guide.md#ports-and-paths lists the ports and "
          + "directions).");

  // ---- TLS -----------------------------------------------------------------------------------
  public static final FindingCode TLS_UNTRUSTED = def("tls.untrusted", FAIL,
      "Certificate not trusted",
      "Serve a certificate from a public CA that phones trust; with a reverse proxy the public certificate "
          + "belongs on the proxy.");
  public static final FindingCode TLS_CHAIN_INCOMPLETE = def("tls.chain-incomplete", FAIL,
      "Certificate chain incomplete",
      "Install the intermediate certificate(s) on the IIS or proxy so the server sends the whole chain; "
          + "desktop browsers repair a missing intermediate, phones do not.");
  public static final FindingCode TLS_HOSTNAME_MISMATCH = def("tls.hostname-mismatch", FAIL,
      "Certificate does not name the host",
      "Serve a certificate whose subject alternative names include the external host name of the URL.");
  public static final FindingCode TLS_SUB_SUBDOMAIN_WILDCARD = def("tls.sub-subdomain-wildcard", FAIL,
      "Wildcard certificate on a sub-sub-domain",
      "A wildcard covers exactly one label (RFC 6125): *.example.com does not cover a.b.example.com. Use a "
          + "host directly below the wildcard's domain or a certificate naming the host.");
  public static final FindingCode TLS_EXPIRED = def("tls.expired", FAIL,
      "Certificate expired",
      "Renew the certificate and install it on the IIS or proxy.");
  public static final FindingCode TLS_NOT_YET_VALID = def("tls.not-yet-valid", FAIL,
      "Certificate not yet valid",
      "Check the server's clock and the certificate's validity dates.");
  public static final FindingCode TLS_EXPIRES_SOON = def("tls.expires-soon", WARN,
      "Certificate expires soon",
      "Renew the certificate before it expires.");

  // ---- config --------------------------------------------------------------------------------
  public static final FindingCode CONFIG_SYNTAX = def("config.syntax", FAIL,
      "Configuration file cannot be parsed",
      "Fix the syntax at the given line and column; IIS does not start the web application otherwise.");
  public static final FindingCode CONFIG_DUPLICATE_KEY = def("config.duplicate-key", WARN,
      "Duplicate configuration key",
      "Remove one of the duplicates (keys are compared case-insensitively): in web.config the last one wins "
          + "silently; in appsettings.json ASP.NET Core refuses a repeated value key at start-up and merges a "
          + "repeated section.");
  public static final FindingCode CONFIG_WCF_ENDPOINT_LOCALHOST = def("config.wcf-endpoint-localhost", FAIL,
      "WcfIPEndPoint points at localhost with IIS in the DMZ",
      "In XPhoneMobile\\web.config set <add key=\"WcfIPEndPoint\" value=\"SERVER\"/> to the XPhone Server's "
          + "host name or IP, then restart the IIS default web site.");
  public static final FindingCode CONFIG_SERVER_HOST_MISSING = def("config.server-host-missing", FAIL,
      "XPhoneServerHost missing with IIS in the DMZ",
      "In WebClientApi\\appsettings.json set AppSettings.XPhoneServerHost to the XPhone Server's host name or "
          + "IP, then restart the IIS default web site.");
  public static final FindingCode CONFIG_JWT_LIFETIME_TOO_SHORT = def("config.jwt-lifetime-too-short", FAIL,
      "JWT lifetime too short",
      "Set AppSettings.JwtTokenLifetimeInMinutes to 6 or more (shipped: 30).");
  public static final FindingCode CONFIG_DEFAULT_SECRET = def("config.default-secret", FAIL,
      "JWT signing secret is the placeholder or weak",
      "Replace AppSettings.Secret with a random value of at least 32 characters; anyone who knows the "
          + "secret can sign tokens.");
  public static final FindingCode CONFIG_SIGNALR_LONGPOLLING_ADVISED = def("config.signalr-longpolling-advised", WARN,
      "Long polling advised behind this proxy",
      "The proxy in front does not support WebSockets: set \"SignalRLongPolling\": true under AppSettings.");
  public static final FindingCode CONFIG_SIGNALR_DEBUG_INCOMPLETE = def("config.signalr-debug-incomplete", WARN,
      "SignalR debug logging incomplete",
      "Set Default, Microsoft.AspNetCore.SignalR and Microsoft.AspNetCore.Http.Connections under "
          + "Logging.EventLog.LogLevel all to Debug (or none of them).");
  public static final FindingCode CONFIG_STUN_LOOPBACK_WITH_OUTSOURCED_XCC = def(
      "config.stun-loopback-with-outsourced-xcc", FAIL,
      "STUN configuration uses 127.0.0.1 with an outsourced XCC",
      "With an outsourced XCC neither STUN IP field may hold 127.0.0.1: enter the STUN server's real address "
          + "under Telephony & Meetings > Network.");

  public static final FindingCode CONFIG_INVALID_ENTRY = def("config.invalid-entry", WARN,
      "Unknown configuration key or value of the wrong type",
      "Correct the key's spelling (an unknown key is ignored, so the setting keeps its default) or write the "
          + "value in one of the accepted forms named in the finding, then restart the IIS default web site.");

  // ---- ACL -----------------------------------------------------------------------------------
  public static final FindingCode ACL_SERVER_NOT_WHITELISTED = def("acl.server-not-whitelisted", FAIL,
      "XPhone Server not allowed by the XCC's inbound ACL",
      "Whitelist the XPhone Server's address (as entered at the SIP gateways) in the XCC's ACL.");
  public static final FindingCode ACL_LOOPBACK_NOT_WHITELISTED = def("acl.loopback-not-whitelisted", FAIL,
      "127.0.0.1 not allowed with a local XCC",
      "With a local XCC and the loopback configuration on 127.0.0.1, whitelist 127.0.0.1/32.");
  public static final FindingCode ACL_TOO_MANY_RULES = def("acl.too-many-rules", WARN,
      "Many ACL rules",
      "Many rules make media negotiation slow: merge entries into fewer, broader prefixes.");
  public static final FindingCode ACL_SHADOWED_RULE = def("acl.shadowed-rule", WARN,
      "ACL rule that can never decide",
      "Remove the rule or change it: it repeats another rule or its list's default.");
  public static final FindingCode ACL_WHITELIST_BROADER_THAN_BLACKLIST = def("acl.whitelist-broader-than-blacklist", WARN,
      "Whitelist entry broader than a blacklist entry",
      "Whitelist entries beat blacklist entries and should be more specific (blacklist 192.168.0.0/16, "
          + "whitelist 192.168.1.0/24); a broader whitelist entry voids the blacklist entry inside it.");
  public static final FindingCode ACL_SOURCE_DENIED = def("acl.source-denied", FAIL,
      "Source address denied: INVITE gets 403",
      "Whitelist the source address in the XCC's ACL, or remove it from the blacklist.");
  public static final FindingCode ACL_CANDIDATE_DENIED = def("acl.candidate-denied", FAIL,
      "Candidate address denied: offer gets 488",
      "Review the white/blacklist against the offered candidates: at least one UDP candidate must be allowed.");
  public static final FindingCode ACL_UNDEFINED_NODE = def("acl.undefined-node", WARN,
      "ACL node FreeSWITCH evaluates in an undefined way",
      "Rewrite the node as a plain CIDR prefix (address/length with 1..32 or 1..128 bits, no host bits); "
          + "FreeSWITCH's result for this form depends on its version and platform.");
  public static final FindingCode ACL_NOT_EVALUABLE = def("acl.not-evaluable", WARN,
      "ACL node or list not evaluable offline",
      "The decision depends on data only the running XCC has (directory users, variables, its own networks): "
          + "give the missing input (e.g. --local-net) or verify the address on the XCC itself.");
  public static final FindingCode ACL_UNKNOWN_LIST = def("acl.unknown-list", FAIL,
      "ACL list not defined: FreeSWITCH denies every address",
      "Define the list in acl.conf.xml, or correct its name in the SIP profile's ACL parameter (list names are "
          + "case-sensitive), then run 'reloadacl' on the XCC.");

  // ---- STUN and media probes -----------------------------------------------------------------
  public static final FindingCode STUN_UNREACHABLE = def("stun.unreachable", FAIL,
      "STUN server not reachable",
      "Check the STUN server's address and that UDP 3478/3479 are open outbound from this host; without a "
          + "public (srflx) candidate calls from outside fail.");
  public static final FindingCode STUN_MULTIPLE_PUBLIC_ADDRESSES = def("stun.multiple-public-addresses", WARN,
      "Several public addresses",
      "Traffic leaves through more than one public address (several NICs or public IPs): use one NIC or fix "
          + "routing/NAT so STUN and media leave through the same address.");
  public static final FindingCode STUN_PORT_NOT_PRESERVED = def("stun.port-not-preserved", WARN,
      "NAT changes the source port",
      "The NAT in front of the XCC must map UDP 30000-33000 1:1 (keep the source port).");
  public static final FindingCode STUN_INTEGRITY_INVALID = def("stun.integrity-invalid", FAIL,
      "STUN message integrity invalid",
      "The answer was signed with another password: check the ICE credentials, or an ALG rewriting STUN.");
  public static final FindingCode MEDIA_PORT_SILENT = def("media.port-silent", WARN,
      "No answer on a media port (inconclusive)",
      "The XCC only answers binding requests for a live call with matching credentials, so silence is "
          + "inconclusive: capture on the XCC during a call and check the WAN interface for UDP 30000-33000.");
  public static final FindingCode MEDIA_PORT_UNREACHABLE = def("media.port-unreachable", FAIL,
      "Media port unreachable (ICMP)",
      "An ICMP port unreachable came back: check port forwarding and destination NAT to the XCC for UDP "
          + "30000-33000.");
  public static final FindingCode MEDIA_BINDING_REJECTED = def("media.binding-rejected", FAIL,
      "Binding request rejected",
      "The XCC answered with an error: check the ICE credentials (ufrag/pwd) used for the probe.");

  // ---- SDP and SIP probes --------------------------------------------------------------------
  public static final FindingCode SDP_MALFORMED_CANDIDATE = def("sdp.malformed-candidate", WARN,
      "Malformed candidate line",
      "The candidate line does not follow RFC 8839; the peer ignores it. Check the sender's ICE stack.");
  public static final FindingCode SIP_NO_ANSWER = def("sip.no-answer", FAIL,
      "No SIP answer",
      "Check that the XCC listens on the address and port (4900 loopback leg, 5060 gateway) and that no "
          + "firewall or ALG drops SIP.");

  // ---- traces and logs -----------------------------------------------------------------------
  public static final FindingCode MEDIA_NO_BINDING_SUCCESS = def("media.no-binding-success", FAIL,
      "Binding requests without success",
      "No route between the networks or a firewall drops the media: enable the Pin Hole Puncher, trace both "
          + "ends, check the WAN interface for XCC ports 30000-33000, port forwarding, that the NAT keeps "
          + "the port, destination NAT, ALG, and client-side firewall, antivirus, VPN or mobile carrier.");
  public static final FindingCode MEDIA_MISSING_PUBLIC_CANDIDATE = def("media.missing-public-candidate", FAIL,
      "No public candidate offered",
      "STUN was not reached by that side: check STUN reachability from the client and the server (admin STUN "
          + "test); V9 builds before 9.0.164 had a bug here (patch for 9.0.131).");
  public static final FindingCode MEDIA_MISSING_PRIVATE_CANDIDATE = def("media.missing-private-candidate", FAIL,
      "No private candidate offered",
      "That side offered no host candidate: check its network interfaces; V9 builds before 9.0.164 had a bug "
          + "here (patch for 9.0.131).");
  public static final FindingCode MEDIA_ADDRESS_MISMATCH = def("media.address-mismatch", FAIL,
      "Media from an address that was not offered",
      "Several public IPs or NICs: STUN learned one address, traffic leaves through another. Use one NIC or "
          + "fix routing/NAT.");
  public static final FindingCode SIP_FORBIDDEN = def("sip.forbidden", FAIL,
      "INVITE answered 403 Forbidden",
      "The XCC's ACL rejected the source: whitelist the XPhone Server's address (and 127.0.0.1 with a local "
          + "XCC) and review the white/blacklist.");
  public static final FindingCode SIP_NOT_ACCEPTABLE = def("sip.not-acceptable", FAIL,
      "Offer answered 488 Not Acceptable Here",
      "The XCC's ACL denied every offered candidate: review the white/blacklist against the candidates.");
  public static final FindingCode TRACE_NO_LOOPBACK_LEG = def("trace.no-loopback-leg", WARN,
      "Loopback call leg missing from the capture",
      "Capture Ethernet and loopback together on the XCC host (Npcap loopback adapter on Windows).");
  public static final FindingCode TRACE_NO_SIP = def("trace.no-sip", WARN,
      "No SIP in the capture",
      "Capture during a test call, unfiltered, on the XCC host: Ethernet plus loopback.");
  public static final FindingCode TRACE_TRUNCATED = def("trace.truncated", WARN,
      "Capture truncated",
      "The capture ends inside a packet: results cover what was read. Stop the capture cleanly and copy the "
          + "whole file.");
  public static final FindingCode LOG_ACL_REJECTED = def("log.acl-rejected", FAIL,
      "FreeSWITCH log shows an ACL rejection",
      "The XCC log names the IP and list that rejected it: review that list's white/blacklist.");

  // ---- TURN relays ---------------------------------------------------------------------------
  public static final FindingCode TURN_UNREACHABLE = def("turn.unreachable", FAIL,
      "TURN server not reachable",
      "Check the TURN server address, port and transport, and that the network lets them out.");
  public static final FindingCode TURN_AUTH_FAILED = def("turn.auth-failed", FAIL,
      "TURN authentication failed",
      "Check the TURN user name and password (long-term credentials) handed out by the server.");
  public static final FindingCode TURN_ALLOCATION_FAILED = def("turn.allocation-failed", FAIL,
      "TURN allocation failed",
      "The TURN server refused the allocation (quota or capacity): check its limits and logs.");
  public static final FindingCode TURN_RELAY_BLOCKED = def("turn.relay-blocked", FAIL,
      "Data through the TURN relay blocked",
      "The allocation works but relayed data does not arrive: check the relay port range in the TURN "
          + "server's firewall.");

  // ---- audio quality in traces ---------------------------------------------------------------
  public static final FindingCode MEDIA_ONE_WAY_AUDIO = def("media.one-way-audio", FAIL,
      "One-way audio",
      "RTP flows in one direction only: check NAT and firewall for the missing direction and that the NAT "
          + "keeps the XCC's ports (30000-33000).");
  public static final FindingCode MEDIA_PACKET_LOSS = def("media.packet-loss", WARN,
      "RTP packet loss",
      "Packets are lost on the path: check the network's load, Wi-Fi or mobile signal, and QoS for UDP media.");
  public static final FindingCode MEDIA_HIGH_JITTER = def("media.high-jitter", WARN,
      "High RTP jitter",
      "Arrival times vary widely: check the network's load, Wi-Fi or mobile signal, and QoS for UDP media.");
  public static final FindingCode MEDIA_NO_RTP = def("media.no-rtp", FAIL,
      "No RTP after the call was answered",
      "Bindings succeeded but no media followed: check DTLS and the firewall for RTP on the chosen pair.");

  private static final Map<String, FindingCode> BY_CODE;

  static {
    Map<String, FindingCode> m = new LinkedHashMap<>();
    for (FindingCode c : ALL) {
      if (m.put(c.code(), c) != null) {
        throw new ExceptionInInitializerError("duplicate finding code " + c.code());
      }
    }
    BY_CODE = Collections.unmodifiableMap(m);
  }

  private FindingCatalog() {}

  /** Every code, in catalogue order. */
  public static List<FindingCode> all() {
    return List.copyOf(BY_CODE.values());
  }

  /** The entry for {@code code}, if it exists. */
  public static Optional<FindingCode> byCode(String code) {
    return Optional.ofNullable(BY_CODE.get(code));
  }
}
