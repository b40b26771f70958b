package org.xphonediag.exporter.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.xphonediag.exporter.DoctorCustomizer;
import org.xphonediag.exporter.SecretSource;

class ProbeHandlerTimeoutTest {
  private final ProbeHandler handler = new ProbeHandler(new ProfileDirectory(Path.of(".")),
      new ProbeHandler.Settings(Duration.ofMillis(500), Duration.ofSeconds(30), 2, Duration.ofSeconds(1),
          SecretSource.environment(), DoctorCustomizer.none()), null);

  @Test
  void headerLessOffsetCappedByTheMaximum() throws Exception {
    assertEquals(Duration.ofMillis(9500), handler.timeout("10"));
    assertEquals(Duration.ofMillis(1000), handler.timeout(" 1.5 "));
    assertEquals(Duration.ofSeconds(30), handler.timeout("120"));
    assertEquals(Duration.ofSeconds(30), handler.timeout(null), "no header: the maximum");
    assertEquals(Duration.ofSeconds(30), handler.timeout("1e300"));
  }

  @Test
  void aBadOrTooShortTimeoutIs400() {
    for (String bad : new String[] {"soon", "-1", "0", "NaN", "Infinity", "0.5", "0.2"}) {
      assertEquals(400, assertThrows(ProbeException.class, () -> handler.timeout(bad)).status(), bad);
    }
  }
}
