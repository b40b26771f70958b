package org.xphonediag.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.xphonediag.core.CheckResult;
import org.xphonediag.core.Details;
import org.xphonediag.core.Finding;
import org.xphonediag.core.Report;
import org.xphonediag.core.acl.AclChain;
import org.xphonediag.core.acl.AclConfig;
import org.xphonediag.core.acl.AclFindings;
import org.xphonediag.core.acl.RtpFamilies;
import org.xphonediag.core.net.PortRange;
import org.xphonediag.core.report.TextReportWriter;
import org.xphonediag.sip.CandidateAcl;
import org.xphonediag.sip.SdpAnalysis;
import org.xphonediag.sip.SdpAnalyzer;
import org.xphonediag.sip.SdpRole;
import org.xphonediag.sip.sdp.SdpCandidate;
import org.xphonediag.sip.sdp.SessionDescription;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code xphone-diag sdp FILE|-}: reads an SDP and reports its origin, role and candidates and
 * what they mean for audio (docs/field-guide.md#reading-a-trace, #failure-patterns). {@code data.candidates} lists every well-formed
 * candidate in SDP order with {@code foundation, component, transport, priority, address, port,
 * type, relatedAddress, relatedPort, addressClass} (the related pair only when written);
 * {@code data.origin} has {@code username, sessionId, sessionVersion, address, role}. A missing or
 * unreadable file, or text that is no SDP, exits 2.
 */
@Command(name = "sdp", mixinStandardHelpOptions = true,
    description = "Read an SDP (a file, or - for stdin): origin, role, ICE candidates, and whether each side "
        + "offers a private and a public candidate (docs/field-guide.md#reading-a-trace, #failure-patterns).")
final class SdpCommand extends ReportCommand {
  @Parameters(paramLabel = "FILE|-", description = "The SDP file, or - to read stdin.")
  String input;

  @Option(names = "--media-ports", paramLabel = "FIRST-LAST", defaultValue = "30000-33000",
      description = "The XCC's media port range (default: ${DEFAULT-VALUE}).")
  String mediaPorts;

  @Option(names = "--client-origin", paramLabel = "NAME",
      description = "Another o= user name that marks the client's SDP (IceLink always does).")
  List<String> clientOrigins = new ArrayList<>();

  @Option(names = "--xcc-origin", paramLabel = "NAME",
      description = "Another o= user name that marks the XCC's SDP (FreeSWITCH always does).")
  List<String> xccOrigins = new ArrayList<>();

  @Option(names = "--acl", paramLabel = "FILE",
      description = "The XCC's acl.conf.xml: which candidates survive apply-candidate-acl, and would the offer get 488?")
  Path acl;

  @Option(names = "--candidate-list", paramLabel = "NAME",
      description = "With --acl: a list applied to candidates, in order (repeat; none: wan.auto, as FreeSWITCH).")
  List<String> candidateLists = new ArrayList<>();

  @Option(names = "--local-net", paramLabel = "CIDR", description = "With --acl: a network of the XCC host (repeat).")
  List<String> localNets = new ArrayList<>();

  @Option(names = "--xcc-family", paramLabel = "ipv4|ipv6|dual", defaultValue = "ipv4",
      description = "The address families of the XCC's rtp-ip: FreeSWITCH drops offered candidates of another "
          + "family (default: ${DEFAULT-VALUE}, as FreeSWITCH's shipped profiles).")
  String xccFamily;

  @Override
  protected Report produce(Terminal terminal) {
    RtpFamilies families = Inputs.families(xccFamily);
    SdpAnalyzer.Builder analyzer = SdpAnalyzer.builder().xccFamilies(families);
    List<Finding> aclFindings = new ArrayList<>();
    if (acl != null) {
      AclConfig config = Inputs.aclConfig(acl);
      AclChain chain = AclChain.resolveAsXcc(config, candidateLists, Inputs.localNets(localNets));
      aclFindings.addAll(AclFindings.unknownLists(chain, config));
      analyzer.candidateAcl(CandidateAcl.of(chain, families));
    } else if (!candidateLists.isEmpty() || !localNets.isEmpty()) {
      throw new UsageException("--candidate-list and --local-net go with --acl FILE");
    }
    try {
      analyzer.mediaPorts(PortRange.parse(mediaPorts));
    } catch (IllegalArgumentException e) {
      throw new UsageException("--media-ports: " + e.getMessage(), e);
    }
    clientOrigins.forEach(n -> analyzer.role(n, SdpRole.CLIENT));
    xccOrigins.forEach(n -> analyzer.role(n, SdpRole.XCC));
    SessionDescription sdp = Inputs.sdp("SDP file", input);
    SdpAnalysis analysis = analyzer.build().analyze(sdp);
    List<Details> candidates = new ArrayList<>();
    for (SdpCandidate c : sdp.candidates()) {
      Details.Builder d = Details.builder().put("foundation", c.foundation()).put("component", c.component())
          .put("transport", c.transport()).put("priority", c.priority()).put("address", c.address())
          .put("port", c.port()).put("type", c.type().jsonName());
      c.relatedAddress().ifPresent(a -> d.put("relatedAddress", a));
      c.relatedPort().ifPresent(p -> d.put("relatedPort", p));
      d.put("addressClass", c.addressClass().jsonName());
      candidates.add(d.build());
    }
    Details origin = Details.builder().put("username", sdp.origin().username())
        .put("sessionId", sdp.origin().sessionId()).put("sessionVersion", sdp.origin().sessionVersion())
        .put("address", sdp.origin().address()).put("role", analysis.role().jsonName()).build();
    CheckResult result = analysis.toResult();
    if (!aclFindings.isEmpty()) {
      List<Finding> all = new ArrayList<>(aclFindings);
      all.addAll(result.findings());
      result = CheckResult.builder(result.id()).title(result.title()).summary(result.summary()).findings(all)
          .outcome(analysis).build();
    }
    return Report.builder("sdp").result(result).data("origin", origin).data("candidates", candidates).build();
  }

  @Override
  protected TextReportWriter.DataRenderer textData() {
    return SdpCommand::render;
  }

  @SuppressWarnings("unchecked")
  private static void render(Details data, PrintWriter w) {
    Map<String, Object> o = ((Details) data.asMap().get("origin")).asMap();
    w.printf("  origin: %s (role %s), session %s version %s, address %s%n", o.get("username"), o.get("role"),
        o.get("sessionId"), o.get("sessionVersion"), o.get("address"));
    List<Details> rows = (List<Details>) data.asMap().get("candidates");
    w.printf("  candidates: %d%n", rows.size());
    for (Details r : rows) {
      Map<String, Object> m = r.asMap();
      String related = m.containsKey("relatedAddress") ? " raddr " + m.get("relatedAddress")
          + (m.containsKey("relatedPort") ? " rport " + m.get("relatedPort") : "") : "";
      w.printf("    %-6s %-5s %-3s comp %s  %s port %s  prio %s  (%s)%s%n", m.get("type"), m.get("transport"),
          m.get("foundation"), m.get("component"), m.get("address"), m.get("port"), m.get("priority"),
          m.get("addressClass"), related);
    }
  }
}
