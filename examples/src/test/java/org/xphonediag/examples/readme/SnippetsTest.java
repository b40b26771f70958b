package org.xphonediag.examples.readme;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xphonediag.core.CheckContext;
import org.xphonediag.core.CheckId;
import org.xphonediag.core.CheckResult;
import org.xphonediag.core.DiagListener;
import org.xphonediag.core.DiagRunner;
import org.xphonediag.core.Finding;
import org.xphonediag.core.Report;
import org.xphonediag.core.Status;
import org.xphonediag.core.acl.AclChain;
import org.xphonediag.core.acl.AclConfig;
import org.xphonediag.core.acl.AclOfferDecision;
import org.xphonediag.core.acl.RtpFamilies;
import org.xphonediag.core.config.ConfigScenario;
import org.xphonediag.core.config.ConfigSource;
import org.xphonediag.core.config.ConfigValidation;
import org.xphonediag.core.config.ConfigValidator;
import org.xphonediag.core.config.IisPlacement;
import org.xphonediag.core.net.HostAndPort;
import org.xphonediag.sip.FreeSwitchIce;
import org.xphonediag.sip.sdp.SdpParser;
import org.xphonediag.sip.sdp.SessionDescription;
import org.xphonediag.stun.StunBindingCheck;
import org.xphonediag.stun.StunBindings;
import org.xphonediag.testkit.stun.StunResponder;
import org.xphonediag.trace.CallLeg;
import org.xphonediag.trace.TraceAnalysis;
import org.xphonediag.trace.TraceAnalyzer;

/**
 * The README's code, compiled and run here with real outcomes asserted; {@link ReadmeSnippetsTest}
 * keeps the README's copies identical to the code between the {@code snippet:NAME} and
 * {@code end:NAME} markers. What a snippet prints with {@code System.out.println} in the README it
 * prints with {@link #println} here, so the test can assert it.
 */
class SnippetsTest {

  /** What a snippet printed. */
  private final List<String> printed = Collections.synchronizedList(new ArrayList<>());

  private void println(Object line) {
    printed.add(String.valueOf(line));
  }

  @Test
  void stunBindingWhenFakeServerAnswersThenMappedAddressTyped() throws Exception {
    // a NAT that keeps source ports, as the guide asks; the public address is a documentation address
    InetSocketAddress publicAddress = new InetSocketAddress("203.0.113.7", 0);
    try (StunResponder server = StunResponder.builder().reportedAddress(publicAddress).start()) {
      HostAndPort stunServer = HostAndPort.of(server.address());
      // snippet:stun
      StunBindingCheck check = StunBindingCheck.builder(List.of(stunServer)).build();
      CheckResult result = check.run(CheckContext.standalone(check.id(), Duration.ofSeconds(5)));
      StunBindings stun = result.outcome(StunBindings.class).orElseThrow();
      for (var binding : stun.answered()) {
        println(binding.server() + " sees us as " + binding.mappedAddress().orElseThrow()
            + " after " + binding.rtt().orElseThrow().toMillis() + " ms");
      }
      // end:stun
      assertEquals(Status.PASS, result.status(), result.toString());
      assertEquals(publicAddress.getAddress(), stun.answered().get(0).mappedAddress().orElseThrow().getAddress());
      assertTrue(printed.get(0).contains(" sees us as /203.0.113.7:"), printed.toString());
    }
  }

  @Test
  void candidatePickWhenPublicCandidateDeniedThenFreeSwitchTakesThePrivateOne(@TempDir Path dir) throws Exception {
    Path aclFile = dir.resolve("acl.conf.xml");
    Files.writeString(aclFile, """
        <configuration name="acl.conf" description="Network Lists">
          <network-lists>
            <list name="xcc_candidates" default="deny">
              <node type="allow" cidr="10.0.0.0/8"/>
            </list>
          </network-lists>
        </configuration>
        """);
    String offerText = String.join("\r\n", "v=0", "o=IceLink 1 2 IN IP4 10.0.50.118", "s=-", "t=0 0",
        "m=audio 50000 RTP/AVP 0", "c=IN IP4 10.0.50.118",
        "a=candidate:1 1 udp 2130706431 203.0.113.7 50000 typ srflx raddr 10.0.50.118 rport 50000",
        "a=candidate:2 1 udp 2113932031 10.0.50.118 50000 typ host", "a=ice-ufrag:abcd",
        "a=ice-pwd:0123456789abcdef012345", "") + "\r\n";
    // snippet:sdp-acl
    AclChain xcc = AclChain.resolveAsXcc(AclConfig.parse(aclFile), List.of("xcc_candidates"), List.of());
    SessionDescription offer = SdpParser.defaults().parse(offerText, "the app's offer");
    AclOfferDecision pick = xcc.candidates(FreeSwitchIce.read(offer).acl(), RtpFamilies.IPV4);
    pick.candidates().forEach(c -> println(c.candidate() + ": " + c.decision().written()));
    pick.chosen().ifPresentOrElse(
        c -> println("FreeSWITCH takes " + c.candidate()),
        () -> println("488 Not Acceptable Here: the ACL " + pick.lists() + " denies every candidate"));
    // end:sdp-acl
    assertEquals("10.0.50.118", pick.chosen().orElseThrow().candidate().address());
    assertEquals(3, printed.size(), printed.toString());
    assertTrue(printed.get(0).startsWith("203.0.113.7") && printed.get(0).endsWith(": deny"), printed.toString());
    assertTrue(printed.get(2).startsWith("FreeSWITCH takes 10.0.50.118"), printed.toString());
  }

  @Test
  void configWhenDmzIisPointsAtLocalhostThenLocatedProblems(@TempDir Path dir) throws Exception {
    Path config = Path.of("..", "xphone-diag-core", "src", "test", "resources", "config", "healthy-local");
    Path webConfig = Files.copy(config.resolve("web.config"), dir.resolve("web.config"));
    Path appSettings = Files.copy(config.resolve("appsettings.json"), dir.resolve("appsettings.json"));
    // snippet:config
    ConfigValidation validation = ConfigValidator.of(ConfigScenario.of(IisPlacement.DMZ))
        .validate(ConfigSource.read(webConfig), ConfigSource.read(appSettings));
    for (Finding problem : validation.problems()) {
      println(problem.severity() + " " + problem.code() + " at " + problem.location().orElseThrow());
      println("  " + problem.remedy());
    }
    // end:config
    assertEquals(Status.FAIL, validation.status());
    assertTrue(printed.stream().anyMatch(l -> l.startsWith("FAIL ") && l.contains("web.config:")), printed.toString());
  }

  @Test
  void traceWhenAuthenticatedInviteThenLegFinalStatusIsTheLastAnswer() throws Exception {
    Path capture = Path.of("..", "xphone-diag-trace", "src", "test", "resources", "realworld", "vega-auth-401.pcap");
    // snippet:trace
    TraceAnalysis analysis = TraceAnalyzer.builder().build().analyze(capture);
    println(analysis.counts().total() + " frames, " + analysis.legs().size() + " SIP dialogs");
    for (CallLeg leg : analysis.legs()) {
      println("call " + leg.call() + " " + leg.callId() + ": " + leg.finalResponse()
          .map(r -> r.statusCode() + " " + r.reason()).orElse("no final answer captured"));
    }
    // end:trace
    assertEquals("601 frames, 3 SIP dialogs", printed.get(0));
    assertTrue(printed.stream().anyMatch(l -> l.startsWith("call 2 00F0-002C-A3E7DFFE") && l.endsWith(": 200 Ok")),
        printed.toString());
  }

  @Test
  void listenerWhenChecksFinishThenSeesEachInOrder() throws Exception {
    CheckId first = CheckId.of("demo.first");
    CheckId second = CheckId.of("demo.second");
    var checks = List.of(
        org.xphonediag.core.Check.of(first, "first", ctx -> CheckResult.builder(first).build()),
        org.xphonediag.core.Check.of(second, "second", java.util.Set.of(first),
            ctx -> CheckResult.builder(second).status(Status.WARN).summary("slow").build()));
    // snippet:listener
    DiagListener progress = new DiagListener() {
      @Override
      public void checkStarted(CheckId id, String title) {
        println("... " + title);
      }

      @Override
      public void checkFinished(CheckResult result) {
        println(result.status() + " " + result.id() + " " + result.summary());
      }
    };
    try (DiagRunner runner = DiagRunner.builder().listener(progress).build()) {
      Report report = runner.run("pipeline", checks);
      println("worst: " + report.status());
    }
    // end:listener
    assertEquals(List.of("... first", "PASS demo.first ", "... second", "WARN demo.second slow", "worst: WARN"),
        printed);
  }
}
