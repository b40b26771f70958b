package org.xphonediag.exporter;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.xphonediag.core.CheckId;

/**
 * The {@code module} of a {@code /probe} request: which checks of the doctor's plan it runs for the
 * target's profile. Each selects checks by id (their prerequisites run too, as in the doctor);
 * {@link #DOCTOR} runs the whole plan.
 */
public enum ProbeModule {
  /**
   * The app's connection test: WebAPI URL, health, login, SignalR hub, re-initialisation, proxy paths
   * (docs/field-guide.md#connection-test).
   */
  WEBAPI("webapi.", "signalr.", "proxy."),
  /** The certificate chain the WebAPI serves (docs/field-guide.md#tls). */
  TLS("tls."),
  /** Classic STUN from the exporter's host (docs/field-guide.md#stun-server-settings, #media). */
  STUN("stun."),
  /** A TURN relay: allocation and data through it. */
  TURN("turn."),
  /**
   * The XCC's media ports and this network's candidates against the XCC's candidate ACL
   * (docs/field-guide.md#media).
   */
  MEDIA("media.", "acl.candidates"),
  /** The OPTIONS probe to the XCC's SIP address (docs/field-guide.md#ports-and-paths). */
  SIP("sip."),
  /** The doctor's whole plan. */
  DOCTOR("");

  private final List<String> prefixes;

  ProbeModule(String... prefixes) {
    this.prefixes = List.of(prefixes);
  }

  /** True when this module runs the check {@code id} (an id equal to a prefix, or starting with one ending in a dot). */
  public boolean selects(CheckId id) {
    String v = id.value();
    return prefixes.stream().anyMatch(p -> p.isEmpty() || p.endsWith(".") ? v.startsWith(p) : v.equals(p));
  }

  /** The query parameter's value, e.g. {@code webapi}. */
  public String parameterValue() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The module named {@code value} (case-insensitive). */
  public static Optional<ProbeModule> byName(String value) {
    return Arrays.stream(values()).filter(m -> m.parameterValue().equalsIgnoreCase(value)).findFirst();
  }

  /** The names, for messages: {@code webapi, tls, ...}. */
  public static String names() {
    return String.join(", ", Arrays.stream(values()).map(ProbeModule::parameterValue).toList());
  }
}
