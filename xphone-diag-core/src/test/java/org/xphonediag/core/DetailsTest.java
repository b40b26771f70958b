package org.xphonediag.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DetailsTest {
  enum Kind { SUCCESS_RESPONSE }

  @Test
  void putWhenPlainValuesThenNormalisedInOrder() {
    Details d = Details.builder().put("z", 1).put("kind", Kind.SUCCESS_RESPONSE)
        .put("peer", new InetSocketAddress("2001:db8::1", 3478)).put("rtt", Duration.ofMillis(5))
        .put("ports", new int[] {30000, 30001}).put("nested", Map.of("a", "b")).build();
    assertEquals(List.of("z", "kind", "peer", "rtt", "ports", "nested"), List.copyOf(d.asMap().keySet()));
    assertEquals("success-response", d.asMap().get("kind"));
    assertEquals("[2001:db8::1]:3478", d.asMap().get("peer"));
    assertEquals(List.of(30000, 30001), d.asMap().get("ports"));
    assertEquals(Details.of("a", "b"), d.asMap().get("nested"));
  }

  @Test
  void putWhenNotPlainValueThenRejectedNamingType() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Details.of("thread", Thread.currentThread()));
    assertTrue(e.getMessage().endsWith("but was a java.lang.Thread"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> Details.of("nan", Double.NaN));
    assertThrows(IllegalArgumentException.class, () -> Details.of("opt", Optional.of(1)));
    assertThrows(IllegalArgumentException.class, () -> Details.builder().put("", 1));
  }

  @Test
  void secretWhenPrintedThenMasked() {
    Secret s = Secret.of("hunter2-password");
    assertEquals(Secret.MASK, s.toString());
    assertFalse(Details.of("pwd", s).toString().contains("hunter2"));
    assertEquals("hunter2-password", s.apply(String::new));
    char[] copy = s.reveal();
    s.destroy();
    assertArrayEquals("hunter2-password".toCharArray(), copy);
    assertThrows(IllegalStateException.class, s::reveal);
  }

  @Test
  void checkIdWhenMalformedThenRejectedWithForm() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> CheckId.of("WebApi.Health"));
    assertTrue(e.getMessage().contains("lower case"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> CheckId.of("a..b"));
    assertEquals("webapi.health", CheckCatalog.WEBAPI_HEALTH.toString());
  }

  @Test
  void statusWhenComparedThenOrderedPassSkippedWarnFailError() {
    assertEquals(Status.FAIL, Status.WARN.worst(Status.FAIL));
    assertEquals(Status.ERROR, Status.worstOf(List.of(Status.PASS, Status.ERROR, Status.FAIL)));
    assertTrue(Status.SKIPPED.isWorseThan(Status.PASS));
    assertFalse(Status.WARN.isWorseThan(Status.FAIL));
  }
}
