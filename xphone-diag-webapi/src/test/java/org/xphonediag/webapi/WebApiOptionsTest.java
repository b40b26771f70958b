package org.xphonediag.webapi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Optional;
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

  @Test
  void buildWhenTrustThenInsecureThenConflictNamedAlike() {
    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> WebApiOptions.builder().trust(TrustMaterial.platform()).insecure(true));
    assertEquals("WebApiOptions: insecure and trust exclude each other; set one of them", e.getMessage());
  }

  @Test
  void insecureFalseWithTrustIsNoConflict() {
    assertFalse(WebApiOptions.builder().insecure(false).trust(TrustMaterial.platform()).build().insecure());
  }

  @Test
  void optionSetTwiceThenNamedWithoutItsValue() {
    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> WebApiOptions.builder().password("first-secret".toCharArray()).password("second-secret".toCharArray()));
    assertEquals("WebApiOptions: password was already set; each option may be set once", e.getMessage());
    assertThrows(IllegalStateException.class, () -> WebApiOptions.builder().url("https://a.example").url(null));
    assertThrows(IllegalStateException.class,
        () -> WebApiOptions.builder().callTimeout(Duration.ofSeconds(3)).callTimeout(Duration.ofSeconds(4)));
  }

  @Test
  void toBuilderKeepsTheValuesAndLetsEachBeReplacedOnce() {
    WebApiOptions o = WebApiOptions.builder().url("https://a.example/x").mobileUrl("https://a.example/m").user("alice")
        .callTimeout(Duration.ofSeconds(3)).build();
    WebApiOptions p = o.toBuilder().url("https://b.example/x").mobileUrl(null).build();
    assertEquals(Optional.of("https://b.example/x"), p.url());
    assertEquals(Optional.empty(), p.mobileUrl());
    assertEquals(Optional.of("alice"), p.user());
    assertEquals(Duration.ofSeconds(3), p.callTimeout());
    assertThrows(IllegalStateException.class, () -> o.toBuilder().user("bob").user("carol"));
  }

  @Test
  void toBuilderWhenTrustHeldAndInsecureSetThenConflict() {
    WebApiOptions o = WebApiOptions.builder().trust(TrustMaterial.platform()).build();
    assertThrows(IllegalStateException.class, () -> o.toBuilder().insecure(true).build());
    assertTrue(WebApiOptions.builder().build().toBuilder().insecure(true).build().insecure());
  }
}
