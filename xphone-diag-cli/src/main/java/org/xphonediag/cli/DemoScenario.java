package org.xphonediag.cli;

import java.util.Locale;
import java.util.Optional;
import org.xphonediag.testkit.Scenario;

/**
 * The scenarios of {@code doctor --demo}: a lab fault of the web part plus the state of the media
 * side (STUN, ACL, XCC media ports) and of the configuration files.
 */
enum DemoScenario {
  DEFAULT(Scenario.WEBSOCKET_BLOCKED, true, false, false,
      "WebSockets blocked by a NetScaler in front of IIS, and the XCC's candidate ACL denies the public candidate"),
  HEALTHY(Scenario.HEALTHY, false, false, false, "everything works"),
  SILENT_MEDIA(Scenario.HEALTHY, false, true, false,
      "signalling works, the XCC's media ports never answer (inconclusive without a live call)"),
  PUBLIC_CANDIDATE_DENIED(Scenario.HEALTHY, true, false, false,
      "the XCC's candidate ACL denies the public candidate"),
  DMZ_LOCALHOST(Scenario.BACKEND_DOWN, false, false, true,
      "IIS in the DMZ still points web.config at localhost: login fails with 5xx"),
  WEBSOCKET_BLOCKED(Scenario.WEBSOCKET_BLOCKED, false, false, false, "WebSockets blocked by a NetScaler"),
  INCOMPLETE_CHAIN(Scenario.INCOMPLETE_CHAIN, false, false, false, "the server sends no intermediate certificate"),
  EXPIRED(Scenario.EXPIRED, false, false, false, "the certificate expired"),
  WRONG_HOST(Scenario.WRONG_HOST, false, false, false, "the certificate names another host"),
  SUB_SUBDOMAIN_WILDCARD(Scenario.SUB_SUBDOMAIN_WILDCARD, false, false, false,
      "a *.example.com certificate on a sub-sub-domain"),
  WRONG_PASSWORD(Scenario.WRONG_PASSWORD, false, false, false, "the user's password is wrong"),
  BACKEND_DOWN(Scenario.BACKEND_DOWN, false, false, false, "the WebAPI cannot reach the XPhone Server"),
  NO_DEVICES(Scenario.NO_DEVICES, false, false, false, "the user has no devices"),
  OLD_VERSION(Scenario.OLD_VERSION, false, false, false, "a server version with the candidate bug"),
  PROXY_PATH_CASE_MISMATCH(Scenario.PROXY_PATH_CASE_MISMATCH, false, false, false,
      "the reverse proxy passes only one spelling of /XPhoneConnect/Mobile"),
  BLACK_HOLE(Scenario.BLACK_HOLE, false, false, false, "the WebAPI accepts connections and never answers");

  final Scenario web;
  final boolean publicCandidateDenied;
  final boolean mediaSilent;
  final boolean dmzLocalhost;
  final String description;

  DemoScenario(Scenario web, boolean publicCandidateDenied, boolean mediaSilent, boolean dmzLocalhost,
      String description) {
    this.web = web;
    this.publicCandidateDenied = publicCandidateDenied;
    this.mediaSilent = mediaSilent;
    this.dmzLocalhost = dmzLocalhost;
    this.description = description;
  }

  /** The option value, e.g. {@code silent-media}. */
  String optionName() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  static Optional<DemoScenario> byName(String name) {
    for (DemoScenario s : values()) {
      if (s.optionName().equalsIgnoreCase(name)) {
        return Optional.of(s);
      }
    }
    return Optional.empty();
  }
}
