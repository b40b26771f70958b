package org.xphonediag.exporter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xphonediag.testkit.Scenario;

/**
 * Acceptance: a real Prometheus (Debian package {@code prometheus}) scrapes the exporter, relabelled
 * as in {@code examples/prometheus/prometheus.yml}, for a healthy and a faulty (WebSockets blocked)
 * lab deployment, and evaluates the shipped alert rules (their {@code for} set to 0 s). Asserted
 * through Prometheus's HTTP API: the failing check and its finding code are stored, the
 * WebSockets alert fires for the faulty deployment and no alert for the healthy one, and every
 * query of the shipped Grafana dashboard runs. Scrapes every 5 s, rules every second; bounded waits.
 */
class PrometheusAcceptanceIT {
  private static final Duration WAIT = Duration.ofSeconds(45);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  @TempDir
  static Path dir;

  private static final Map<String, LabSite> SITES = new LinkedHashMap<>();
  private static Exporter exporter;
  private static Process prometheus;
  private static URI api;

  @BeforeAll
  static void start() throws Exception {
    Path bin = Promtool.binary("prometheus");
    Path profiles = Files.createDirectory(dir.resolve("profiles"));
    SITES.put("healthy", LabSite.start("healthy", Scenario.HEALTHY, profiles));
    SITES.put("faulty", LabSite.start("faulty", Scenario.WEBSOCKET_BLOCKED, profiles));
    exporter = Exporter.builder(profiles).listen(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))
        .secrets(LabSite.secrets(SITES)).doctor(LabSite.customizer(SITES)).start();
    String rules = Files.readString(Promtool.examples().resolve("prometheus/xphone-diag-rules.yml"))
        .replaceAll("(?m)^(\\s+)for: \\S+$", "$1for: 0s");
    Files.writeString(dir.resolve("rules.yml"), rules);
    String exporterAddress = exporter.address().getAddress().getHostAddress() + ":" + exporter.address().getPort();
    Files.writeString(dir.resolve("prometheus.yml"), "global:\n  scrape_interval: 5s\n  scrape_timeout: 5s\n"
        + "  evaluation_interval: 1s\nrule_files:\n  - rules.yml\nscrape_configs:\n"
        + "  - job_name: xphone-diag-doctor\n    metrics_path: /probe\n    params:\n      module: [doctor]\n"
        + "    static_configs:\n      - targets: [healthy, faulty]\n    relabel_configs:\n"
        + "      - source_labels: [__address__]\n        target_label: __param_target\n"
        + "      - source_labels: [__param_target]\n        target_label: instance\n"
        + "      - target_label: __address__\n        replacement: " + exporterAddress + "\n");
    int port = freePort();
    api = URI.create("http://127.0.0.1:" + port + "/");
    prometheus = new ProcessBuilder(bin.toString(), "--config.file=" + dir.resolve("prometheus.yml"),
        "--storage.tsdb.path=" + dir.resolve("data"), "--web.listen-address=127.0.0.1:" + port,
        "--log.level=warn").redirectErrorStream(true).redirectOutput(dir.resolve("prometheus.log").toFile()).start();
    await("Prometheus ready", () -> status("-/ready") == 200);
  }

  @AfterAll
  static void stop() throws Exception {
    if (prometheus != null) {
      prometheus.destroy();
      if (!prometheus.waitFor(10, TimeUnit.SECONDS)) {
        prometheus.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
      }
    }
    if (exporter != null) {
      exporter.close();
    }
    SITES.values().forEach(LabSite::close);
  }

  @Test
  void failingCheckFindingAndAlertAreVisibleForTheFaultyDeploymentOnly() throws Exception {
    JsonNode failing = await("the failing check stored", () -> query(
        "xphone_diag_check_status{instance=\"faulty\",check=\"signalr.hub\",status=\"FAIL\"} == 1"), r -> r.size() == 1);
    assertEquals("xphone-diag-doctor", failing.get(0).at("/metric/job").asText());
    JsonNode finding = await("the finding stored", () -> query(
        "xphone_diag_finding{instance=\"faulty\",code=\"signalr.websocket-blocked\",severity=\"FAIL\"}"),
        r -> r.size() == 1);
    assertEquals("1", finding.get(0).at("/value/1").asText());
    await("the healthy deployment's probe succeeds", () -> query("probe_success{instance=\"healthy\"} == 1"),
        r -> r.size() == 1);
    assertEquals(0, query("xphone_diag_check_status{instance=\"healthy\",status=~\"FAIL|ERROR\"} == 1").size(),
        "no failing check for the healthy deployment");

    JsonNode alerts = await("the WebSockets alert firing", PrometheusAcceptanceIT::alerts,
        a -> firing(a, "XPhoneDiagWebSocketsBlocked", "faulty"));
    List<String> healthy = new ArrayList<>();
    alerts.forEach(a -> {
      if ("healthy".equals(a.at("/labels/instance").asText())) {
        healthy.add(a.at("/labels/alertname").asText() + " " + a.get("state").asText());
      }
    });
    assertEquals(List.of(), healthy, "no alert for the healthy deployment");
    assertTrue(firing(alerts, "XPhoneDiagDoctorFailing", "faulty"), alerts.toString());
    assertEquals(1, query("up{instance=\"faulty\"} == 1").size(), "the faulty deployment's probe was answered");
  }

  @Test
  void everyDashboardQueryRunsAndTheMainPanelsHaveData() throws Exception {
    await("both deployments scraped", () -> query("probe_success"), r -> r.size() == 2);
    JsonNode dash = JSON.readTree(Promtool.examples().resolve("grafana/xphone-diag-dashboard.json").toFile());
    List<String> exprs = ExamplesPromtoolTest.dashboardQueries(dash);
    for (String expr : exprs) {
      String q = expr.replace("$job", ".*").replace("$instance", ".*").replace("$__rate_interval", "1m");
      JsonNode answer = get("api/v1/query?query=" + URLEncoder.encode(q, StandardCharsets.UTF_8));
      assertEquals("success", answer.get("status").asText(), q + ": " + answer);
    }
    for (int i : new int[] {0, 1, 2, 3, 4}) {
      String q = exprs.get(i).replace("$job", ".*").replace("$instance", ".*");
      assertTrue(query(q).size() > 0, "no data for panel " + dash.get("panels").get(i).get("title") + ": " + q);
    }
  }

  private static boolean firing(JsonNode alerts, String name, String instance) {
    for (JsonNode a : alerts) {
      if (name.equals(a.at("/labels/alertname").asText()) && instance.equals(a.at("/labels/instance").asText())
          && "firing".equals(a.get("state").asText())) {
        return true;
      }
    }
    return false;
  }

  private static JsonNode alerts() throws Exception {
    return get("api/v1/alerts").at("/data/alerts");
  }

  private static JsonNode query(String promql) throws Exception {
    JsonNode r = get("api/v1/query?query=" + URLEncoder.encode(promql, StandardCharsets.UTF_8));
    assertEquals("success", r.get("status").asText(), promql + ": " + r);
    return r.at("/data/result");
  }

  private static JsonNode get(String path) throws Exception {
    HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(api.resolve(path)).timeout(Duration.ofSeconds(5))
        .build(), HttpResponse.BodyHandlers.ofString());
    return JSON.readTree(r.body());
  }

  private static int status(String path) {
    try {
      return HTTP.send(HttpRequest.newBuilder(api.resolve(path)).timeout(Duration.ofSeconds(2)).build(),
          HttpResponse.BodyHandlers.discarding()).statusCode();
    } catch (IOException e) {
      return -1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return -1;
    }
  }

  interface Probe<T> {
    T get() throws Exception;
  }

  private static void await(String what, java.util.function.BooleanSupplier ok) throws Exception {
    await(what, () -> ok.getAsBoolean(), b -> b);
  }

  private static <T> T await(String what, Probe<T> probe, Predicate<T> done) throws Exception {
    long end = System.nanoTime() + WAIT.toNanos();
    T last = null;
    while (System.nanoTime() < end) {
      if (!prometheus.isAlive()) {
        throw new AssertionError("prometheus exited " + prometheus.exitValue() + ": " + log());
      }
      last = probe.get();
      if (done.test(last)) {
        return last;
      }
      Thread.sleep(250);
    }
    throw new AssertionError(what + ": not within " + WAIT.toSeconds() + " s; last answer " + last + "\n" + log());
  }

  private static String log() throws IOException {
    String s = Files.readString(dir.resolve("prometheus.log"));
    return s.length() > 4000 ? s.substring(s.length() - 4000) : s;
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }
}
