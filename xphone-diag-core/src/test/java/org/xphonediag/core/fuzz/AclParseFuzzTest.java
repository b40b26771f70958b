package org.xphonediag.core.fuzz;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.xphonediag.core.acl.AclChain;
import org.xphonediag.core.acl.AclConfig;
import org.xphonediag.core.acl.AclLint;
import org.xphonediag.core.acl.AclParseException;
import org.xphonediag.core.net.IpAddress;

/**
 * Coverage-guided fuzz target for acl.conf.xml ({@link AclConfig#parse(String, String)},
 * docs/field-guide.md#failure-patterns): any text (the input bytes as UTF-8) parses or fails with a located {@link
 * AclParseException}; a parsed file resolves, evaluates and lints without an exception, within a
 * CPU budget. A DOCTYPE is refused, so no entity expansion can blow up.
 *
 * <p>Seeds: {@code AclParseFuzzTestInputs/} (the ACL fixtures). {@code mvn -Pfuzz -pl
 * xphone-diag-core verify} fuzzes it.
 */
class AclParseFuzzTest {
  private static final IpAddress PROBE = IpAddress.parse("192.168.1.20");
  private static final AclLint LINT = AclLint.builder().serverIp(IpAddress.parse("192.168.1.10")).build();

  @FuzzTest
  void parseWhenAnyTextThenListsOrLocatedParseException(byte[] bytes) {
    long start = FuzzBudget.start();
    try {
      AclConfig config = AclConfig.parse(new String(bytes, StandardCharsets.UTF_8), "acl.conf.xml");
      config.problems().forEach(f -> assertTrue(f.location().isPresent(), f.toString()));
      AclChain chain = AclChain.resolve(config, config.knownNames(), List.of());
      chain.inbound(PROBE);
      chain.toString();
      LINT.lint(config, chain);
    } catch (AclParseException e) {
      assertTrue(e.location() != null, e.getMessage());
      e.toFinding();
    }
    FuzzBudget.check(start, bytes.length);
  }
}
