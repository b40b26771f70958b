package org.xphonediag.core;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class OptionsTest {
  @Test
  void requireUnsetWhenSetBeforeThenNamesOptionWithoutItsValue() {
    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> Options.requireUnset("password", Secret.of("hunter2-hunter2"), "WebApiOptions"));
    assertEquals("WebApiOptions: password was already set; each option may be set once", e.getMessage());
    assertFalse(e.getMessage().contains("hunter2"));
    assertDoesNotThrow(() -> Options.requireUnset("password", null, "WebApiOptions"));
  }

  @Test
  void requireNotBothWhenBothOnThenNamesBoth() {
    assertEquals("WebApiOptions: insecure and trust exclude each other; set one of them",
        assertThrows(IllegalStateException.class,
            () -> Options.requireNotBoth("insecure", true, "trust", "roots.pem", "WebApiOptions")).getMessage());
    assertDoesNotThrow(() -> Options.requireNotBoth("insecure", false, "trust", "roots.pem", "WebApiOptions"));
    assertDoesNotThrow(() -> Options.requireNotBoth("insecure", true, "trust", null, "WebApiOptions"));
  }
}
