package org.xphonediag.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Renders the doctor's self-contained HTML report in headless Chromium (installed by .ci/run) and
 * asserts on the page as the browser built it, and on a screenshot.
 */
class HtmlReportChromiumIT {

  private static Path chromium() {
    for (String p : List.of("/usr/bin/chromium", "/usr/bin/chromium-browser")) {
      if (Files.isExecutable(Path.of(p))) {
        return Path.of(p);
      }
    }
    return null;
  }

  private static String run(Path dir, String... args) throws Exception {
    Path chromium = chromium();
    List<String> cmd = new ArrayList<>(List.of(chromium.toString(), "--headless", "--no-sandbox", "--disable-gpu",
        "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--user-data-dir=" + dir.resolve("profile")));
    cmd.addAll(List.of(args));
    Path out = dir.resolve("chromium.out");
    Process p = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(dir.resolve("chromium.err").toFile())
        .start();
    if (!p.waitFor(60, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError("chromium did not end within 60 s");
    }
    return Files.readString(out, StandardCharsets.UTF_8);
  }

  @Test
  void htmlWhenRenderedByChromiumThenFlowVerdictAndFindingsShow(@TempDir Path dir) throws Exception {
    Assumptions.assumeTrue(chromium() != null, "chromium is not installed (.ci/run installs it)");
    Path html = dir.resolve("report.html");
    CliRun r = CliRun.of("doctor", "--demo", "--format", "html", "--output", html.toString());
    assertEquals(1, r.exitCode(), r.err());
    String dom = run(dir, "--dump-dom", html.toUri().toString());
    assertTrue(dom.contains("<h1 id=\"verdict\">xphone-diag doctor: <span class=\"status FAIL\">FAIL</span></h1>"),
        dom);
    assertTrue(dom.contains("id=\"check-signalr.hub\" data-status=\"FAIL\""), dom);
    assertTrue(dom.contains("data-code=\"signalr.websocket-blocked\""), dom);
    assertTrue(dom.contains("data-code=\"acl.candidate-denied\""), dom);
    assertTrue(dom.contains("id=\"check-webapi.health\" data-status=\"PASS\""), dom);

    Path png = dir.resolve("report.png");
    run(dir, "--window-size=1200,1600", "--screenshot=" + png, html.toUri().toString());
    BufferedImage image = ImageIO.read(new ByteArrayInputStream(Files.readAllBytes(png)));
    assertEquals(1200, image.getWidth());
    int colours = 0;
    java.util.Set<Integer> seen = new java.util.HashSet<>();
    for (int y = 0; y < image.getHeight(); y += 7) {
      for (int x = 0; x < image.getWidth(); x += 7) {
        if (seen.add(image.getRGB(x, y)) && ++colours > 20) {
          break;
        }
      }
    }
    assertTrue(colours > 20, "the screenshot shows a rendered page, not a blank one");
  }
}
