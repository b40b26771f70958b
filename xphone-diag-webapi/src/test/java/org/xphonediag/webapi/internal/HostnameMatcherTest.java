package org.xphonediag.webapi.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.xphonediag.webapi.internal.HostnameMatcher.Outcome;

class HostnameMatcherTest {

  @Test
  void matchWhenExactNameInOtherCaseThenMatch() {
    assertEquals(Outcome.MATCH, HostnameMatcher.match("XPhone.Example.com", List.of("xphone.example.com")));
  }

  @Test
  void matchWhenWildcardCoversOneLabelThenMatch() {
    assertEquals(Outcome.MATCH, HostnameMatcher.match("xphone.example.com", List.of("*.example.com")));
  }

  @Test
  void matchWhenWildcardOnSubSubdomainThenSubSubdomainWildcard() {
    assertEquals(Outcome.SUB_SUBDOMAIN_WILDCARD, HostnameMatcher.match("a.b.example.com", List.of("*.example.com")));
  }

  @Test
  void matchWhenWildcardOnBareDomainThenMismatch() {
    assertEquals(Outcome.MISMATCH, HostnameMatcher.match("example.com", List.of("*.example.com")));
  }

  @Test
  void matchWhenOtherHostThenMismatch() {
    assertEquals(Outcome.MISMATCH, HostnameMatcher.match("xphone.example.com", List.of("other.example.net")));
  }
}
