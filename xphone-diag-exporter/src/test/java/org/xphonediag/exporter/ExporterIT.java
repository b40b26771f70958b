package org.xphonediag.exporter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xphonediag.testkit.Scenario;

/** The exporter on loopback against testkit labs: answers, errors, deadlines, the concurrency bound, secrets. */
class ExporterIT {
  @TempDir
  static Path profiles;

  private static final Map<String, LabSite> SITES = new LinkedHashMap<>();
  private static final List<String> BODIES = new ArrayList<>();
  private static Exporter exporter;
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  @BeforeAll
  static void start() throws IOException {
    SITES.put("healthy", LabSite.start("healthy", Scenario.HEALTHY, profiles));
    SITES.put("faulty", LabSite.start("faulty", Scenario.WEBSOCKET_BLOCKED, profiles));
    SITES.put("black-hole", LabSite.start("black-hole", Scenario.BLACK_HOLE, profiles));
    exporter = exporter(4, Duration.ofSeconds(2));
  }

  @AfterAll
  static void stop() {
    if (exporter != null) {
      exporter.close();
    }
    SITES.values().forEach(LabSite::close);
    for (LabSite s : SITES.values()) {
      String password = new String(s.web.password());
      for (String body : BODIES) {
        assertFalse(body.contains(password), "the lab password in an answer");
        s.web.issuedTokens().forEach(t -> assertFalse(body.contains(t), "a JWT in an answer"));
        s.web.issuedRefreshTokens().forEach(t -> assertFalse(body.contains(t), "a refresh token in an answer"));
      }
    }
  }

  private static Exporter exporter(int maxConcurrent, Duration queueWait) throws IOException {
    return Exporter.builder(profiles).listen(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))
        .maxConcurrentProbes(maxConcurrent).queueWait(queueWait).secrets(LabSite.secrets(SITES))
        .doctor(LabSite.customizer(SITES)).start();
  }

  static HttpResponse<String> get(Exporter e, String pathAndQuery, String... headers) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(e.url().resolve(pathAndQuery)).timeout(Duration.ofSeconds(70));
    if (headers.length > 0) {
      b.headers(headers);
    }
    HttpResponse<String> r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    synchronized (BODIES) {
      BODIES.add(r.body());
    }
    return r;
  }

  @Test
  void faultyWebApiShowsTheFailingCheckAndItsFinding() throws Exception {
    HttpResponse<String> r = get(exporter, "/probe?target=faulty&module=webapi",
        "X-Prometheus-Scrape-Timeout-Seconds", "20");
    assertEquals(200, r.statusCode(), r.body());
    assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("text/plain; version=0.0.4"));
    Map<String, Double> s = Exposition.samples(r.body());
    assertEquals(0.0, s.get("probe_success"));
    assertEquals(1.0, s.get("xphone_diag_check_status{check=\"signalr.hub\",status=\"FAIL\"}"), r.body());
    assertEquals(0.0, s.get("xphone_diag_check_status{check=\"signalr.hub\",status=\"PASS\"}"));
    assertEquals(1.0, s.get("xphone_diag_finding{code=\"signalr.websocket-blocked\",severity=\"FAIL\"}"));
    assertEquals(19.5, s.get("probe_timeout_seconds"), 1e-9);
    assertTrue(s.get("probe_duration_seconds") > 0);
    assertNotNull(s.get("xphone_diag_check_duration_seconds{check=\"webapi.health\"}"));
    assertTrue(s.keySet().stream().noneMatch(k -> k.contains("check=\"stun.classic\"")), "webapi runs no STUN");
  }

  @Test
  void healthyDoctorSucceedsWithCertificateExpiryAndStunRoundTrip() throws Exception {
    HttpResponse<String> r = get(exporter, "/probe?target=healthy&module=doctor");
    assertEquals(200, r.statusCode(), r.body());
    Map<String, Double> s = Exposition.samples(r.body());
    assertEquals(1.0, s.get("probe_success"), r.body());
    assertTrue(s.entrySet().stream().noneMatch(e -> e.getKey().contains("status=\"FAIL\"") && e.getValue() == 1.0),
        r.body());
    Double notAfter = s.entrySet().stream().filter(e -> e.getKey().startsWith(
        "xphone_diag_tls_not_after_seconds{check=\"tls.chain\",position=\"0\"")).map(Map.Entry::getValue)
        .findFirst().orElseThrow(() -> new AssertionError(r.body()));
    long now = System.currentTimeMillis() / 1000;
    assertTrue(notAfter > now && notAfter < now + 400L * 86400, "lab leaf valid about a year: " + notAfter);
    assertTrue(s.keySet().stream().anyMatch(k -> k.startsWith("xphone_diag_stun_rtt_seconds{check=\"stun.classic\"")),
        r.body());
    assertEquals(60.0, s.get("probe_timeout_seconds"), 1e-9, "no header: the maximum");
  }

  @Test
  void debugAnswersTheReportAsTextThenTheMetrics() throws Exception {
    HttpResponse<String> r = get(exporter, "/probe?target=faulty&module=webapi&debug=true");
    assertEquals(200, r.statusCode(), r.body());
    assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("text/plain"));
    int metrics = r.body().indexOf("Metrics that would have been returned:");
    assertTrue(metrics > 0, r.body());
    assertTrue(r.body().substring(0, metrics).contains("signalr.websocket-blocked"), "the report first: " + r.body());
    assertTrue(r.body().substring(metrics).contains("probe_success 0.0"), r.body());
  }

  @Test
  void openMetricsWhenPrometheusAsksForIt() throws Exception {
    HttpResponse<String> r = get(exporter, "/probe?target=healthy&module=tls", "Accept",
        "application/openmetrics-text;version=1.0.0,text/plain;version=0.0.4;q=0.5");
    assertEquals(200, r.statusCode(), r.body());
    assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("application/openmetrics-text"));
    assertTrue(r.body().endsWith("# EOF\n"), r.body());
    assertTrue(r.body().contains("# UNIT xphone_diag_tls_not_after_seconds seconds"), r.body());
  }

  @Test
  void theScrapeTimeoutHeaderLessTheOffsetIsTheDeadline() throws Exception {
    long t0 = System.nanoTime();
    HttpResponse<String> r = get(exporter, "/probe?target=black-hole&module=webapi",
        "X-Prometheus-Scrape-Timeout-Seconds", "2.5");
    double took = (System.nanoTime() - t0) / 1e9;
    assertEquals(200, r.statusCode(), r.body());
    Map<String, Double> s = Exposition.samples(r.body());
    assertEquals(2.0, s.get("probe_timeout_seconds"), 1e-9);
    assertEquals(0.0, s.get("probe_success"));
    assertTrue(took < 2.5 + 1.5, "answered " + took + " s after a 2 s deadline");
    assertTrue(s.get("probe_duration_seconds") >= 1.9, r.body());
  }

  @Test
  void requestsThatCannotBeProbedGetOneLineOfText() throws Exception {
    HttpResponse<String> unknown = get(exporter, "/probe?target=nowhere&module=webapi");
    assertEquals(404, unknown.statusCode());
    assertTrue(unknown.body().contains("no profile for target 'nowhere'"), unknown.body());
    assertTrue(unknown.body().contains("known targets: black-hole, faulty, healthy"), unknown.body());
    assertEquals(400, get(exporter, "/probe?target=healthy&module=icmp").statusCode());
    assertTrue(get(exporter, "/probe?target=healthy&module=icmp").body().contains("webapi, tls, stun, turn, media, "
        + "sip, doctor"));
    assertEquals(400, get(exporter, "/probe?module=tls").statusCode());
    assertEquals(400, get(exporter, "/probe?target=..%2Fetc%2Fpasswd&module=tls").statusCode());
    assertEquals(400, get(exporter, "/probe?target=healthy&module=tls", "X-Prometheus-Scrape-Timeout-Seconds",
        "soon").statusCode());
    assertEquals(400, get(exporter, "/probe?target=healthy&module=tls", "X-Prometheus-Scrape-Timeout-Seconds",
        "0.3").statusCode());
    HttpResponse<String> post = HTTP.send(HttpRequest.newBuilder(exporter.url().resolve("/probe?target=healthy"))
        .POST(HttpRequest.BodyPublishers.ofString("x")).build(), HttpResponse.BodyHandlers.ofString());
    assertEquals(405, post.statusCode());
    for (String body : List.of(unknown.body(), post.body())) {
      assertEquals(1, body.strip().lines().count(), body);
      assertFalse(body.contains("Exception"), body);
    }
  }

  @Test
  void aBrokenProfileOrAMissingPasswordIs500WithoutTheValue() throws Exception {
    Files.writeString(profiles.resolve("broken.jsonc"), "{\n  \"passwordEnv\": \"Sup3r secret!\"\n}\n");
    HttpResponse<String> r = get(exporter, "/probe?target=broken&module=tls");
    assertEquals(500, r.statusCode());
    assertTrue(r.body().contains("broken.jsonc:2:"), r.body());
    assertFalse(r.body().contains("Sup3r"), r.body());
    Files.writeString(profiles.resolve("nopassword.json"), "{\"webApiUrl\": \"https://a.example.com/xphoneconnect/"
        + "webclientapi\", \"user\": \"u\", \"passwordEnv\": \"NOT_SET_ANYWHERE\"}");
    HttpResponse<String> p = get(exporter, "/probe?target=nopassword&module=webapi");
    assertEquals(500, p.statusCode());
    assertTrue(p.body().contains("NOT_SET_ANYWHERE, which is not set"), p.body());
    Files.delete(profiles.resolve("broken.jsonc"));
    Files.delete(profiles.resolve("nopassword.json"));
  }

  @Test
  void beyondTheBoundAProbeWaitsAtMostTheQueueWaitThenGets503() throws Exception {
    try (Exporter one = exporter(1, Duration.ofMillis(300))) {
      CompletableFuture<HttpResponse<String>> slow = CompletableFuture.supplyAsync(() -> {
        try {
          return get(one, "/probe?target=black-hole&module=webapi", "X-Prometheus-Scrape-Timeout-Seconds", "3.5");
        } catch (Exception e) {
          throw new IllegalStateException(e);
        }
      });
      awaitInFlight(one, 1);
      long t0 = System.nanoTime();
      HttpResponse<String> busy = get(one, "/probe?target=healthy&module=tls");
      double waited = (System.nanoTime() - t0) / 1e9;
      assertEquals(503, busy.statusCode(), busy.body());
      assertEquals("1", busy.headers().firstValue("Retry-After").orElse(""));
      assertTrue(waited >= 0.25 && waited < 2.5, "waited " + waited + " s");
      assertEquals(200, slow.get(20, TimeUnit.SECONDS).statusCode());
      assertEquals(200, get(one, "/probe?target=healthy&module=tls").statusCode(), "a slot is free again");
      Map<String, Double> m = Exposition.samples(get(one, "/metrics").body());
      assertEquals(1.0, m.get("xphone_diag_exporter_probes_total{module=\"tls\",outcome=\"busy\"}"));
      assertEquals(1.0, m.get("xphone_diag_exporter_probes_total{module=\"webapi\",outcome=\"failure\"}"));
      assertEquals(1.0, m.get("xphone_diag_exporter_probes_total{module=\"tls\",outcome=\"success\"}"));
      assertEquals(0.0, m.get("xphone_diag_exporter_probes_in_flight"));
    }
  }

  @Test
  void exporterMetricsAndHealth() throws Exception {
    HttpResponse<String> m = get(exporter, "/metrics");
    assertEquals(200, m.statusCode());
    Map<String, Double> s = Exposition.samples(m.body());
    assertEquals(4.0, s.get("xphone_diag_exporter_probes_max_concurrent"));
    assertTrue(s.containsKey("jvm_threads_current"), "JVM metrics");
    assertTrue(s.containsKey("xphone_diag_exporter_profile_reads_total"));
    assertEquals(200, get(exporter, "/-/healthy").statusCode());
    assertEquals(404, get(exporter, "/nothing").statusCode());
  }

  private static void awaitInFlight(Exporter e, int n) throws Exception {
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (System.nanoTime() < end) {
      Double v = Exposition.samples(get(e, "/metrics").body()).get("xphone_diag_exporter_probes_in_flight");
      if (v != null && v >= n) {
        return;
      }
      Thread.sleep(20);
    }
    throw new AssertionError("no probe in flight after 10 s");
  }
}
