package org.xphonediag.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code xphone-diag serve}: listens, answers probes and its own metrics, stops when interrupted; bad usage is exit 2. */
class ServeCommandIT {
  @TempDir
  Path dir;

  @Test
  void servesUntilInterruptedThenClosesThePort() throws Exception {
    Files.writeString(dir.resolve("acme.jsonc"), "{ \"name\": \"acme\" }");
    StringWriter err = new StringWriter();
    AtomicInteger code = new AtomicInteger(-1);
    Thread t = new Thread(() -> code.set(Main.run(new String[] {"serve", "--profiles", dir.toString(), "--listen",
        "127.0.0.1:0", "--max-concurrent", "2"}, new PrintWriter(new StringWriter(), true), new PrintWriter(err, true),
        false)));
    t.start();
    Pattern listening = Pattern.compile("listening on (http://127\\.0\\.0\\.1:\\d+/)");
    Matcher m = listening.matcher("");
    for (int i = 0; i < 200 && !(m = listening.matcher(err.toString())).find(); i++) {
      Thread.sleep(25);
    }
    assertTrue(m.find(0), err.toString());
    URI base = URI.create(m.group(1));
    HttpClient http = HttpClient.newHttpClient();
    assertEquals(200, http.send(HttpRequest.newBuilder(base.resolve("/-/healthy")).build(),
        HttpResponse.BodyHandlers.ofString()).statusCode());
    HttpResponse<String> probe = http.send(HttpRequest.newBuilder(base.resolve("/probe?target=acme&module=stun"))
        .header("X-Prometheus-Scrape-Timeout-Seconds", "5").build(), HttpResponse.BodyHandlers.ofString());
    assertEquals(200, probe.statusCode(), probe.body());
    assertTrue(probe.body().contains("xphone_diag_check_status{check=\"stun.classic\",status=\"SKIPPED\"} 1.0"),
        probe.body());
    assertTrue(probe.body().contains("probe_success 0.0"), "nothing judged: " + probe.body());
    assertTrue(http.send(HttpRequest.newBuilder(base.resolve("/metrics")).build(),
        HttpResponse.BodyHandlers.ofString()).body().contains("xphone_diag_exporter_probes_max_concurrent 2.0"));
    t.interrupt();
    t.join(10_000);
    assertFalse(t.isAlive());
    assertEquals(0, code.get());
    try {
      http.send(HttpRequest.newBuilder(base.resolve("/-/healthy")).timeout(Duration.ofSeconds(2)).build(),
          HttpResponse.BodyHandlers.ofString());
      throw new AssertionError("still listening after serve ended");
    } catch (ConnectException expected) {
      // closed
    } catch (IOException e) {
      assertTrue(e.getCause() instanceof ConnectException || e.getMessage() == null
          || e.getMessage().contains("Connection refused"), e.toString());
    }
  }

  @Test
  void badUsageIsExit2WithOneLine() {
    CliRun missing = CliRun.of("serve");
    assertEquals(2, missing.exitCode());
    assertTrue(missing.err().contains("--profiles"), missing.err());
    CliRun noDir = CliRun.of("serve", "--profiles", dir.resolve("nope").toString(), "--listen", "127.0.0.1:0");
    assertEquals(2, noDir.exitCode(), noDir.err());
    assertTrue(noDir.err().contains("is not a folder"), noDir.err());
    assertEquals(1, noDir.err().strip().lines().count(), noDir.err());
    assertEquals(2, CliRun.of("serve", "--profiles", dir.toString(), "--listen", "127.0.0.1:99999").exitCode());
    assertEquals(2, CliRun.of("serve", "--profiles", dir.toString(), "--max-concurrent", "0").exitCode());
    assertEquals(2, CliRun.of("serve", "--profiles", dir.toString(), "--queue-wait", "soon").exitCode());
  }
}
