package org.xphonediag.core;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The one catalogue of check ids, as {@link FindingCatalog} is of finding codes: every check of
 * every module takes its id from here, dependants name their prerequisites by these constants, and
 * reports, the exporter's labels and the docs use the same text. A constant is the id in upper
 * case with {@code .} and {@code -} as {@code _}. Ids are part of the JSON contract: added, never
 * renamed. Checks an embedder writes take their own ids ({@link CheckId#of(String)}) outside this
 * catalogue.
 */
public final class CheckCatalog {
  private static final List<CheckId> ALL = new ArrayList<>();

  private CheckCatalog() {}

  private static CheckId id(String value) {
    CheckId id = CheckId.of(value);
    ALL.add(id);
    return id;
  }

  // ---- the app's connection test and the WebAPI (module webapi) ------------------------------
  /** Step 1: the WebAPI URL is configured and usable. */
  public static final CheckId WEBAPI_CONFIGURED_URL = id("webapi.configured-url");
  /** Step 2: the WebClientApi answers over verified TLS. */
  public static final CheckId WEBAPI_HEALTH = id("webapi.health");
  /** Step 3: the user logs in. */
  public static final CheckId WEBAPI_AUTH = id("webapi.auth");
  /** Step 4: the SignalR hub carries events from the server to the app. */
  public static final CheckId SIGNALR_HUB = id("signalr.hub");
  /** Step 5: the WebAPI re-initialises the softphone. */
  public static final CheckId WEBAPI_SOFTPHONE_REINIT = id("webapi.softphone-reinit");
  /** The server's version, read without login. */
  public static final CheckId WEBAPI_VERSION = id("webapi.version");
  /** The STUN/TURN servers the WebAPI hands out. */
  public static final CheckId WEBAPI_STUN_SERVERS = id("webapi.stun-servers");
  /** The user's devices. */
  public static final CheckId WEBAPI_DEVICES = id("webapi.devices");
  /** The reverse proxy passes the paths the app needs. */
  public static final CheckId PROXY_PATHS = id("proxy.paths");
  /** The certificate chain the WebAPI serves. */
  public static final CheckId TLS_CHAIN = id("tls.chain");

  // ---- STUN, ICE and TURN (module stun) -------------------------------------------------------
  /** Classic STUN Binding to each STUN server. */
  public static final CheckId STUN_CLASSIC = id("stun.classic");
  /** One ICE connectivity check to an XCC media port. */
  public static final CheckId STUN_ICE_PROBE = id("stun.ice-probe");
  /** Binding requests to a range of media ports. */
  public static final CheckId STUN_SWEEP = id("stun.sweep");
  /** A decoded STUN message. */
  public static final CheckId STUN_DECODE = id("stun.decode");
  /** A TURN allocation with data through the relay. */
  public static final CheckId TURN_RELAY = id("turn.relay");

  // ---- SDP and SIP (module sip) ---------------------------------------------------------------
  /** The ICE candidates an SDP offers. */
  public static final CheckId SDP_CANDIDATES = id("sdp.candidates");
  /** A SIP OPTIONS or INVITE probe. */
  public static final CheckId SIP_PROBE = id("sip.probe");
  /** The doctor's SIP OPTIONS probe to the XCC. */
  public static final CheckId SIP_OPTIONS = id("sip.options");

  // ---- configuration files and ACLs (core) ----------------------------------------------------
  /** web.config and appsettings.json against where IIS runs. */
  public static final CheckId CONFIG_FILES = id("config.files");
  /** The lint of the XCC's acl.conf.xml. */
  public static final CheckId ACL_LINT = id("acl.lint");
  /** The XPhone Server's address against the XCC's inbound ACL. */
  public static final CheckId ACL_SERVER = id("acl.server");
  /** Offered candidates against the XCC's candidate ACL. */
  public static final CheckId ACL_CANDIDATES = id("acl.candidates");
  /** Addresses evaluated against ACL lists (the {@code acl} command). */
  public static final CheckId ACL_DECISIONS = id("acl.decisions");

  // ---- captures and logs (module trace) -------------------------------------------------------
  /** Reading the capture. */
  public static final CheckId TRACE_CAPTURE = id("trace.capture");
  /** The SIP call legs. */
  public static final CheckId TRACE_SIP = id("trace.sip");
  /** The candidates each side offered. */
  public static final CheckId TRACE_CANDIDATES = id("trace.candidates");
  /** The STUN binding requests and their answers. */
  public static final CheckId TRACE_BINDINGS = id("trace.bindings");
  /** The RTP streams. */
  public static final CheckId TRACE_RTP = id("trace.rtp");
  /** The FreeSWITCH log. */
  public static final CheckId TRACE_FS_LOG = id("trace.fs-log");

  // ---- the doctor (module doctor) -------------------------------------------------------------
  /** The deployment profile. */
  public static final CheckId DOCTOR_PROFILE = id("doctor.profile");
  /** The XCC's media ports from this network. */
  public static final CheckId MEDIA_PORTS = id("media.ports");

  /** Every id of the catalogue, in the order above. */
  public static List<CheckId> all() {
    return Collections.unmodifiableList(ALL);
  }
}
