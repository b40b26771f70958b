package org.xphonediag.webapi;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class WebApiOptionsTest {

  @Test
  void toStringWhenPasswordSetThenMasked() {
    WebApiOptions o = WebApiOptions.builder().user("alice").password("s3cr3t-value".toCharArray()).build();
    assertFalse(o.toString().contains("s3cr3t-value"));
    assertTrue(o.toString().contains("******"));
  }

  @Test
  void buildWhenInsecureAndTrustGivenThenConflictNamed() {
    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> WebApiOptions.builder().insecure(true).trust(TrustMaterial.platform()).build());
    assertTrue(e.getMessage().contains("insecure") && e.getMessage().contains("trust"));
  }

  @Test
  void callTimeoutWhenZeroThenRejected() {
    assertThrows(IllegalArgumentException.class, () -> WebApiOptions.builder().callTimeout(Duration.ZERO));
  }
}
