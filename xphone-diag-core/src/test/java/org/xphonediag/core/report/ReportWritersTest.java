package org.xphonediag.core.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xphonediag.core.CheckCatalog;
import org.xphonediag.core.CheckResult;
import org.xphonediag.core.FindingCatalog;
import org.xphonediag.core.Report;
import org.xphonediag.core.Secret;
import org.xphonediag.core.SourceLocation;
import org.xphonediag.core.Status;

class ReportWritersTest {
  private static final String PASSWORD = "s3cr3t-Pa55word-never-printed";

  static Report sample() {
    Secret password = Secret.of(PASSWORD);
    CheckResult pass = CheckResult.builder(CheckCatalog.WEBAPI_HEALTH).title("WebAPI health")
        .summary("200 OK in 42 ms").detail("rtt", Duration.ofNanos(42_123_456))
        .detail("peer", new InetSocketAddress("::1", 443)).detail("password", password)
        .elapsed(Duration.ofMillis(42)).build();
    CheckResult fail = CheckResult.builder(CheckCatalog.CONFIG_FILES).title("Configuration files")
        .finding(FindingCatalog.CONFIG_WCF_ENDPOINT_LOCALHOST
            .finding("WcfIPEndPoint is 'localhost' but IIS runs in the DMZ")
            .location(SourceLocation.of("web.config", 7, 6).withPath("appSettings/WcfIPEndPoint"))
            .evidence("value", "localhost").evidence("ports", List.of(2230, 2231)).build())
        .finding(FindingCatalog.CONFIG_DUPLICATE_KEY.finding("key 'Secret' appears twice <a|b> *x*")
            .location(SourceLocation.of("appsettings.json", 3, 5)).build())
        .elapsed(Duration.ofMillis(3)).build();
    CheckResult warn = CheckResult.builder(CheckCatalog.STUN_CLASSIC)
        .finding(FindingCatalog.STUN_PORT_NOT_PRESERVED.finding("local port 30000 mapped to 41234").build()).build();
    CheckResult skipped = CheckResult.skipped(CheckCatalog.SIGNALR_HUB, "SignalR hub",
        "prerequisite webapi.auth ended FAIL");
    CheckResult error = CheckResult.error(CheckCatalog.TRACE_BINDINGS, "Bindings", "check threw an exception",
        new IllegalStateException("bad \u0001 state"), Duration.ofMillis(7));
    return Report.builder("doctor").startedAt(Instant.parse("2026-11-26T04:00:00Z"))
        .elapsed(Duration.ofMillis(1234)).result(pass).result(fail).result(warn).result(skipped).result(error)
        .data("chain", List.of(Map.of("subject", "CN=xphone.example.com")))
        .data("token", Secret.of("eyJhbGciOi.token.value")).note("TLS verification disabled (--insecure)")
        .build();
  }

  @ParameterizedTest
  @EnumSource(ReportFormat.class)
  void writeWhenReportHoldsSecretsThenNoFormatPrintsThem(ReportFormat format) {
    String out = format.writer().toString(sample());
    assertFalse(out.contains(PASSWORD), format + " leaked the password");
    assertFalse(out.contains("eyJhbGciOi"), format + " leaked the token");
    assertTrue(out.contains(Secret.MASK), format + " shows the mask");
  }

  @Test
  void jsonWhenWrittenThenValidAgainstBundledSchema() throws Exception {
    ObjectMapper m = new ObjectMapper();
    JsonSchema schema;
    try (InputStream in = JsonReportWriter.class.getResourceAsStream("report-schema.json")) {
      schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(in);
    }
    for (Report r : List.of(sample(), Report.builder("findings").build())) {
      JsonNode doc = m.readTree(new JsonReportWriter().toString(r));
      Set<ValidationMessage> errors = schema.validate(doc);
      assertTrue(errors.isEmpty(), errors.toString());
    }
    JsonNode broken = m.readTree("{\"schema\":\"xphone-diag/1\",\"command\":\"x\",\"status\":\"OK\"}");
    assertFalse(schema.validate(broken).isEmpty(), "the schema rejects an unknown status and missing fields");

    JsonNode doc = m.readTree(new JsonReportWriter(false).toString(sample()));
    assertEquals("xphone-diag/1", doc.get("schema").asText());
    assertEquals("ERROR", doc.get("status").asText());
    JsonNode health = doc.get("results").get(0);
    assertEquals(42.123, health.get("details").get("rtt").asDouble(), 1e-9);
    assertEquals("[::1]:443", health.get("details").get("peer").asText());
    JsonNode finding = doc.get("results").get(1).get("findings").get(0);
    assertEquals("config.wcf-endpoint-localhost", finding.get("code").asText());
    assertEquals("FAIL", finding.get("severity").asText());
    assertEquals(7, finding.get("location").get("line").asInt());
    assertEquals("appSettings/WcfIPEndPoint", finding.get("location").get("path").asText());
    assertEquals("docs/findings.md#config.wcf-endpoint-localhost", finding.get("ref").asText());
    assertEquals("java.lang.IllegalStateException", doc.get("results").get(4).get("error").get("type").asText());
  }

  @Test
  void junitWhenWrittenThenParsesWithStructureCiServersRead() throws Exception {
    String xml = new JUnitReportWriter().toString(sample());
    DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
    f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
    Document d = f.newDocumentBuilder().parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
    Element suites = d.getDocumentElement();
    assertEquals("testsuites", suites.getTagName());
    Element suite = (Element) suites.getElementsByTagName("testsuite").item(0);
    assertEquals("5", suite.getAttribute("tests"));
    assertEquals("1", suite.getAttribute("failures"));
    assertEquals("1", suite.getAttribute("errors"));
    assertEquals("1", suite.getAttribute("skipped"));
    NodeList cases = suite.getElementsByTagName("testcase");
    assertEquals(5, cases.getLength());
    Element failed = (Element) cases.item(1);
    assertEquals("config.files", failed.getAttribute("name"));
    assertEquals("xphone-diag.doctor", failed.getAttribute("classname"));
    Element failure = (Element) failed.getElementsByTagName("failure").item(0);
    assertTrue(failure.getAttribute("message").startsWith("config.wcf-endpoint-localhost: "));
    assertTrue(failure.getTextContent().contains("remedy: "));
    assertEquals(1, ((Element) cases.item(3)).getElementsByTagName("skipped").getLength());
    Element error = (Element) ((Element) cases.item(4)).getElementsByTagName("error").item(0);
    assertEquals("java.lang.IllegalStateException", error.getAttribute("type"));
    assertTrue(error.getAttribute("message").contains("bad \uFFFD state"), "control character replaced");
    assertEquals(0.042, Double.parseDouble(((Element) cases.item(0)).getAttribute("time")), 1e-9);
  }

  @Test
  void textWhenWrittenThenOneLinePerCheckAndFindingsWithRemedy() {
    String text = TextReportWriter.builder().build().toString(sample());
    List<String> lines = text.lines().toList();
    assertEquals("xphone-diag doctor: ERROR (5 checks, 1.2 s)", lines.get(0));
    assertTrue(lines.stream().anyMatch(
        l -> l.matches("  PASS +webapi\\.health +WebAPI health - 200 OK in 42 ms \\(42 ms\\)")), text);
    assertTrue(text.contains("      FAIL config.wcf-endpoint-localhost: WcfIPEndPoint is 'localhost'"), text);
    assertTrue(text.contains("          at: web.config:7:6 [appSettings/WcfIPEndPoint]"), text);
    assertTrue(text.contains("          remedy: In XPhoneMobile\\web.config"), text);
    assertTrue(text.contains("signalr.hub") && text.contains("prerequisite webapi.auth ended FAIL"), text);
    assertFalse(text.contains("\u001b["), "no colour unless asked");
    assertTrue(TextReportWriter.builder().color(true).build().toString(sample()).contains("\u001b[31m"));
  }

  @Test
  void markdownWhenWrittenThenTableAndEscapedFindings() {
    String md = new MarkdownReportWriter().toString(sample());
    assertTrue(md.startsWith("# xphone-diag doctor: ERROR"), md);
    assertTrue(md.contains("| Check | Status | Summary | Time |"), md);
    assertTrue(md.contains("### WARN `config.duplicate-key`"), md);
    assertTrue(md.contains("appears twice \\<a\\|b\\> \\*x\\*"), md);
    assertTrue(md.contains("```json"), md);
  }

  @Test
  void readWhenJsonWrittenThenRoundTripsExceptSecrets() throws Exception {
    JsonReportWriter w = new JsonReportWriter();
    String first = w.toString(sample());
    Report back = JsonReportReader.read(first, "report.json");
    assertEquals(first, w.toString(back));
    assertEquals(Status.ERROR, back.status());
    assertEquals("config.wcf-endpoint-localhost", back.results().get(1).findings().get(0).code());
  }

  @Test
  void readWhenNotAReportThenMessageSaysWhat() {
    java.io.IOException e = org.junit.jupiter.api.Assertions.assertThrows(java.io.IOException.class,
        () -> JsonReportReader.read("{\"a\": 1}", "x.json"));
    assertEquals("x.json is not an xphone-diag report: expected \"schema\": \"xphone-diag/1\"", e.getMessage());
    e = org.junit.jupiter.api.Assertions.assertThrows(java.io.IOException.class,
        () -> JsonReportReader.read("{\"schema\": \"xphone-diag/1\", \"command\": \"x\", \"results\": "
            + "[{\"id\": \"a\", \"status\": \"GREEN\"}]}", "x.json"));
    assertEquals("x.json: results[0]: status must be one of PASS, SKIPPED, WARN, FAIL, ERROR but was 'GREEN'",
        e.getMessage());
  }

  @Test
  void htmlWhenWrittenThenWellFormedSelfContainedAndEscaped() throws Exception {
    String html = new HtmlReportWriter().toString(sample());
    DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
    f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", false);
    f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
    f.setExpandEntityReferences(false);
    Document d = f.newDocumentBuilder().parse(new ByteArrayInputStream(html.getBytes(StandardCharsets.UTF_8)));
    NodeList items = d.getElementsByTagName("li");
    assertEquals(5, items.getLength());
    assertEquals("FAIL", ((Element) items.item(1)).getAttribute("data-status"));
    assertTrue(html.contains("appears twice &lt;a|b&gt; *x*"), "escaped");
    for (String external : List.of("<script", "src=", "href=", "@import", "url(")) {
      assertFalse(html.contains(external), "no external asset or script: " + external);
    }
  }

  @Test
  void statusWhenWorstResultIsErrorThenReportIsError() {
    assertEquals(Status.ERROR, sample().status());
    assertEquals(Status.PASS, Report.builder("x").build().status());
  }
}
