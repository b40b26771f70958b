package org.xphonediag.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.xphonediag.core.Report;
import org.xphonediag.core.report.ReportFormat;

/**
 * {@link TraceAnalysis#details()} is the {@code trace} report's {@code data} of the JSON contract
 * {@code xphone-diag/1}: for captures of the corpus it gives, key for key and in the same order,
 * the {@code data} that {@code xphone-diag trace --json} wrote before the analysis was typed
 * (recorded under {@code src/test/resources/trace/golden/}, see the README there), and the report
 * carries exactly these details as its data.
 */
class TraceAnalysisDetailsTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir
  Path dir;

  @ParameterizedTest(name = "{0}")
  @CsvSource({
      "/realworld/vega-t38-fax.pcap, 7, 0, 0, 5",
      "/realworld/zeek-tls-webrtc-stun.pcap, 0, 0, 1, 0",
      "/trace/sipp-udp.pcapng, 2, 4, 2, 0"})
  void detailsGiveTheRecordedDataOfTheTraceReport(String resource, int legs, int candidates, int bindings,
      int streams) throws Exception {
    Path capture = copy(resource);
    TraceAnalyzer analyzer = TraceAnalyzer.builder().build();
    TraceAnalysis a = analyzer.analyze(capture);
    assertEquals(legs, a.legs().size());
    assertEquals(candidates, a.candidates().size());
    assertEquals(bindings, a.bindings().size());
    assertEquals(streams, a.streams().size());
    assertTrue(a.rtp().isPresent());

    String name = resource.substring(resource.lastIndexOf('/') + 1);
    JsonNode expected = JSON.readTree(TraceAnalysisDetailsTest.class.getResourceAsStream(
        "/trace/golden/" + name + ".data.json"));
    assertEquals(JSON.writeValueAsString(expected), JSON.writeValueAsString(data(Report.builder("trace")
        .data(a.details()).build())), "details() of " + name);
    Report viaAnalysis = analyzer.report(a, Duration.ZERO);
    Report direct = analyzer.report(capture);
    assertEquals(JSON.writeValueAsString(expected), JSON.writeValueAsString(data(viaAnalysis)), "report(analysis)");
    assertEquals(JSON.writeValueAsString(expected), JSON.writeValueAsString(data(direct)), "report(path)");
    assertEquals(direct.findings(), viaAnalysis.findings());
    assertEquals(direct.results().stream().map(r -> r.id() + " " + r.status() + " " + r.details()).toList(),
        viaAnalysis.results().stream().map(r -> r.id() + " " + r.status() + " " + r.details()).toList());
  }

  private static JsonNode data(Report r) throws IOException {
    StringWriter w = new StringWriter();
    ReportFormat.JSON.writer().write(r, w);
    return JSON.readTree(w.toString()).get("data");
  }

  private Path copy(String resource) throws IOException {
    Path f = dir.resolve(resource.substring(resource.lastIndexOf('/') + 1));
    try (InputStream in = TraceAnalysisDetailsTest.class.getResourceAsStream(resource)) {
      Files.copy(in, f, StandardCopyOption.REPLACE_EXISTING);
    }
    return f;
  }
}
