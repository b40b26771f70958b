package org.xphonediag.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.xphonediag.core.CheckCatalog;
import org.xphonediag.core.CheckResult;
import org.xphonediag.core.Details;
import org.xphonediag.core.Finding;
import org.xphonediag.core.Report;
import org.xphonediag.core.acl.AclCandidate;
import org.xphonediag.core.acl.AclCandidateDecision;
import org.xphonediag.core.acl.AclCaveat;
import org.xphonediag.core.acl.AclChain;
import org.xphonediag.core.acl.AclChainDecision;
import org.xphonediag.core.acl.AclConfig;
import org.xphonediag.core.acl.AclFindings;
import org.xphonediag.core.acl.AclLint;
import org.xphonediag.core.acl.AclListDecision;
import org.xphonediag.core.acl.AclMode;
import org.xphonediag.core.acl.AclOfferDecision;
import org.xphonediag.core.acl.AclParseException;
import org.xphonediag.core.acl.AclType;
import org.xphonediag.core.acl.RtpFamilies;
import org.xphonediag.core.net.AddressFormatException;
import org.xphonediag.core.net.Cidr;
import org.xphonediag.core.net.IpAddress;
import org.xphonediag.core.report.TextReportWriter;
import org.xphonediag.sip.FreeSwitchIce;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code xphone-diag acl}: evaluates addresses against the XCC's {@code acl.conf.xml} offline, as
 * FreeSWITCH would, and lints the file (docs/field-guide.md#xcc-acls, #failure-patterns). {@code data.decisions} holds one
 * {@code {"ip", "decision", "list", "node"}} per address (plus {@code line}, {@code reason},
 * {@code certain}, and {@code caveat}/{@code caveatCode} when a node with unknown or undefined
 * addresses could change it, {@code matchedAs} for an IPv4-mapped address). A list name the file
 * does not define denies every address, as on the XCC: an {@code acl.unknown-list} finding, exit 1.
 */
@Command(name = "acl", mixinStandardHelpOptions = true,
    description = "Evaluate addresses against the XCC's FreeSWITCH ACL (acl.conf.xml) offline and lint it.")
final class AclCommand extends ReportCommand {

  @Option(names = "--acl", paramLabel = "FILE", required = true, description = "The XCC's acl.conf.xml.")
  Path acl;

  @Option(names = "--list", paramLabel = "NAME",
      description = "A list of the chain, in order (repeat); built-in .auto lists are known. "
          + "Candidate mode without --list applies wan.auto.")
  List<String> lists = new ArrayList<>();

  @Option(names = "--ip", paramLabel = "A", description = "An address to evaluate (repeat).")
  List<String> ips = new ArrayList<>();

  @Option(names = "--sdp", paramLabel = "FILE",
      description = "Evaluate the candidates FreeSWITCH reads from an SDP (its audio section; candidate mode).")
  Path sdp;

  @Option(names = "--mode", paramLabel = "MODE",
      description = "inbound (first allow wins), register (every list must allow) or candidate "
          + "(default: inbound; candidate with --sdp).")
  String mode;

  @Option(names = "--server-ip", paramLabel = "A",
      description = "The XPhone Server's address as entered at the SIP gateways: it must be allowed inbound.")
  String serverIp;

  @Option(names = "--local-xcc",
      description = "The XCC runs on the XPhone Server with the loopback configuration: 127.0.0.1 must be allowed.")
  boolean localXcc;

  @Option(names = "--local-net", paramLabel = "CIDR",
      description = "A network of the XCC host, for localnet.auto and nat.auto (repeat).")
  List<String> localNets = new ArrayList<>();

  @Option(names = "--max-rules", paramLabel = "N", defaultValue = "" + AclLint.DEFAULT_MAX_RULES,
      description = "Warn (acl.too-many-rules) above N nodes in the file (default: ${DEFAULT-VALUE}).")
  int maxRules;

  @Option(names = "--xcc-family", paramLabel = "ipv4|ipv6|dual", defaultValue = "ipv4",
      description = "Candidate mode: the address families of the XCC's rtp-ip; FreeSWITCH drops candidates of "
          + "another family before its ACL (default: ${DEFAULT-VALUE}, as FreeSWITCH's shipped profiles).")
  String xccFamily;

  @Override
  protected Report produce(Terminal terminal) {
    AclMode m = mode == null ? (sdp != null ? AclMode.CANDIDATE : AclMode.INBOUND) : parseMode(mode);
    List<AclCandidate> sdpOffer = null;
    String sdpNote = null;
    RtpFamilies families = Inputs.families(xccFamily);
    if (sdp != null) {
      if (!ips.isEmpty()) {
        throw new UsageException("--sdp and --ip contradict each other: give the candidates one way");
      }
      if (m != AclMode.CANDIDATE) {
        throw new UsageException("--sdp evaluates candidates: use --mode candidate (or leave --mode out)");
      }
      FreeSwitchIce read = FreeSwitchIce.read(Inputs.sdp("--sdp", sdp.toString()));
      sdpOffer = read.acl();
      if (sdpOffer.isEmpty()) {
        sdpNote = "the SDP offers no candidates for audio: FreeSWITCH applies no candidate ACL and sends RTP to the "
            + "c= and m= addresses";
      } else if (!read.iceSeen()) {
        sdpNote = "the SDP has no a=ice-ufrag: FreeSWITCH ignores its candidates, applies no candidate ACL and "
            + "sends RTP to the c= and m= addresses";
      }
    }
    if (ips.isEmpty() && serverIp == null && sdpOffer == null) {
      throw new UsageException("acl needs --ip A (repeatable) or --sdp FILE, or --server-ip A to lint only");
    }
    if (lists.isEmpty() && m != AclMode.CANDIDATE) {
      throw new UsageException("--mode " + m.optionName() + " needs at least one --list NAME");
    }
    if (maxRules < 1) {
      throw new UsageException("--max-rules must be >= 1 but was " + maxRules);
    }
    List<IpAddress> addresses = new ArrayList<>();
    ips.forEach(a -> addresses.add(ip("--ip", a)));
    List<String> texts = ips.stream().map(String::strip).toList();
    IpAddress server = serverIp == null ? null : ip("--server-ip", serverIp);
    List<Cidr> nets = Inputs.localNets(localNets);

    AclConfig config;
    try {
      config = AclConfig.parse(acl);
    } catch (IOException e) {
      throw InputFile.unreadable("--acl", acl, e);
    } catch (AclParseException e) {
      Finding f = e.toFinding();
      return Report.builder("acl")
          .result(CheckResult.builder(CheckCatalog.ACL_LINT).title("XCC ACL configuration").finding(f).build())
          .data("mode", m.optionName()).data("lists", lists).data("decisions", List.of()).build();
    }
    // an unknown name denies every address on the XCC (switch_check_network_list_ip_token): say so, exit 1
    AclChain chain = AclChain.resolveAsXcc(config, lists, nets);

    List<Details> decisions = new ArrayList<>();
    int denied = 0;
    int uncertain = 0;
    CheckResult.Builder dec = CheckResult.builder(CheckCatalog.ACL_DECISIONS).title("ACL decisions (" + m.optionName() + ")");
    dec.findings(AclFindings.unknownLists(chain, config));
    Report.Builder report = Report.builder("acl").data("mode", m.optionName());
    if (m == AclMode.CANDIDATE) {
      // --sdp: the candidates FreeSWITCH reads for audio, in SDP order; --ip: each address as typed is a UDP
      // candidate, in the order given.
      List<AclCandidate> offer = sdpOffer != null ? sdpOffer : texts.stream().map(AclCandidate::udp).toList();
      report.data("xccFamily", families.optionName());
      if (sdpNote != null) {
        // check_ice returns before its ACL: no candidate is judged, no 488 comes from the ACL
        report.data("lists", chain.names().isEmpty() ? List.of("wan.auto") : chain.names());
        dec.detail("iceDetail", sdpNote);
      } else {
        AclOfferDecision o = chain.candidates(offer, families);
        report.data("lists", o.lists()).data("certain", o.certain());
        candidates(o, decisions, dec);
        denied += (int) o.candidates().stream().filter(c -> c.decision() == AclType.DENY).count();
        uncertain += (int) o.candidates().stream().filter(c -> !c.caveats().isEmpty()).count();
        o.chosen().ifPresent(c -> report.data("chosen", c.candidate().address()));
      }
    } else {
      report.data("lists", chain.names());
      for (IpAddress a : addresses) {
        AclChainDecision d = chain.evaluate(m, a);
        Details.Builder row = row(a.toString(), d.decision().written(), d.list().orElse(""), d.nodeText(),
            d.deciding().map(AclListDecision::line).orElse(0), d.deciding().map(x -> reason(x)).orElse("empty-chain"));
        certainty(row, d.caveats());
        d.deciding().flatMap(AclListDecision::matchedAs).ifPresent(v4 -> row.put("matchedAs", v4.toString()));
        decisions.add(row.build());
        denied += d.decision() == AclType.DENY ? 1 : 0;
        uncertain += d.caveats().isEmpty() ? 0 : 1;
        dec.findings(AclFindings.sourceDenied(d));
      }
    }
    dec.summary(String.format(Locale.ROOT, "%d decisions, %d denied, %d uncertain", decisions.size(), denied,
        uncertain));

    AclLint.Builder lint = AclLint.builder().localXcc(localXcc).maxRules(maxRules).localNetworks(nets);
    if (server != null) {
      lint.serverIp(server);
    }
    List<Finding> lintFindings = lint.build().lint(config, chain);
    CheckResult lintResult = CheckResult.builder(CheckCatalog.ACL_LINT).title("XCC ACL configuration").findings(lintFindings)
        .summary(String.format(Locale.ROOT, "%d lists, %d nodes, %d findings", config.lists().size(),
            config.nodeCount(), lintFindings.size())).build();
    return report.result(dec.build()).result(lintResult).data("decisions", decisions).build();
  }

  private static void candidates(AclOfferDecision o, List<Details> decisions, CheckResult.Builder dec) {
    for (AclCandidateDecision c : o.candidates()) {
      Details.Builder row = Details.builder().put("ip", c.candidate().address())
          .put("decision", c.decision().written())
          .put("list", c.deciding().map(AclListDecision::list).orElse(""))
          .put("node", c.nodeText())
          .put("line", c.deciding().map(AclListDecision::line).orElse(0))
          .put("reason", c.ignoredReason().isPresent() ? "ignored" : reason(c.deciding().orElseThrow()))
          .put("port", c.candidate().port())
          .put("transport", c.candidate().transport().toLowerCase(Locale.ROOT))
          .put("chosen", c.chosen())
          .put("component", c.candidate().component());
      if (!c.candidate().type().isEmpty()) {
        row.put("type", c.candidate().type());
      }
      certainty(row, c.caveats());
      c.deciding().flatMap(AclListDecision::matchedAs).ifPresent(v4 -> row.put("matchedAs", v4.toString()));
      decisions.add(row.build());
    }
    dec.findings(AclFindings.candidateDenied(o));
  }

  /** {@code certain}, and for an uncertain decision its first {@code caveat} and {@code caveatCode}. */
  private static void certainty(Details.Builder row, List<AclCaveat> caveats) {
    row.put("certain", caveats.isEmpty());
    if (!caveats.isEmpty()) {
      row.put("caveat", caveats.get(0).reason()).put("caveatCode", caveats.get(0).code());
    }
  }

  private static Details.Builder row(String ip, String decision, String list, String node, int line, String reason) {
    return Details.builder().put("ip", ip).put("decision", decision).put("list", list).put("node", node)
        .put("line", line).put("reason", reason);
  }

  private static String reason(AclListDecision d) {
    return d.reason().name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  private static AclMode parseMode(String text) {
    for (AclMode m : AclMode.values()) {
      if (m.optionName().equalsIgnoreCase(text)) {
        return m;
      }
    }
    throw new UsageException("--mode must be inbound, register or candidate but was '" + text + "'");
  }

  private static IpAddress ip(String option, String text) {
    try {
      return IpAddress.parse(text.strip());
    } catch (AddressFormatException e) {
      throw new UsageException(option + " " + e.getMessage());
    }
  }

  @Override
  protected TextReportWriter.DataRenderer textData() {
    return AclCommand::renderDecisions;
  }

  private static void renderDecisions(Details data, PrintWriter w) {
    Map<String, Object> m = data.asMap();
    w.println("  mode " + m.get("mode") + ", lists " + m.get("lists")
        + (m.containsKey("xccFamily") ? ", XCC RTP " + m.get("xccFamily") : "")
        + (m.containsKey("chosen") ? ", chosen candidate " + m.get("chosen") : "")
        + (Boolean.FALSE.equals(m.get("certain")) ? " (uncertain)" : ""));
    @SuppressWarnings("unchecked")
    List<Details> rows = (List<Details>) m.get("decisions");
    for (Details r : rows) {
      Map<String, Object> x = r.asMap();
      Object line = x.get("line");
      w.printf(Locale.ROOT, "  %-39s %-5s %s: %s%s (%s)%s%n", x.get("ip"), x.get("decision"),
          "".equals(x.get("list")) ? "-" : x.get("list"), x.get("node"),
          line instanceof Integer i && i > 0 ? " line " + i : "", x.get("reason"),
          Boolean.FALSE.equals(x.get("certain")) ? " UNCERTAIN: " + x.get("caveat") : "");
    }
  }
}
