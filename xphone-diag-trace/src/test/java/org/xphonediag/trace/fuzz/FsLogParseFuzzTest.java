package org.xphonediag.trace.fuzz;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.xphonediag.core.fuzz.FuzzBudget;
import org.xphonediag.trace.AclLogLine;
import org.xphonediag.trace.FsLogParser;

/**
 * Coverage-guided fuzz target for {@link FsLogParser} (docs/field-guide.md#failure-patterns): any text (the input bytes as
 * UTF-8) yields at most {@link FsLogParser#MAX_ENTRIES} ACL lines and no exception, within a CPU
 * budget.
 *
 * <p>Seeds: {@code FsLogParseFuzzTestInputs/} (verify and reject lines as FreeSWITCH writes them;
 * {@code port-overflow.log}: a port of 11 digits once escaped as a NumberFormatException).
 * {@code mvn -Pfuzz -pl xphone-diag-trace -am verify} fuzzes it.
 */
class FsLogParseFuzzTest {

  @FuzzTest
  // libFuzzer dictionary syntax: CR, LF and quotes as \xNN escapes, or the dictionary file does not load
  @DictionaryEntries({"verifying acl \\x22", "\\x22 for ip/port ", "IP ", " Rejected by acl \\x22", "2023-01-26 15:04:17.755102 ",
      "192.0.2.1", "2001:db8::1", ":5060."})
  void parseWhenAnyTextThenAclLinesAndNoException(byte[] bytes) throws IOException {
    long start = FuzzBudget.start();
    List<AclLogLine> lines = FsLogParser.parse(new StringReader(new String(bytes, StandardCharsets.UTF_8)));
    assertTrue(lines.size() <= FsLogParser.MAX_ENTRIES, lines.size() + " lines");
    lines.forEach(Object::toString);
    FuzzBudget.check(start, bytes.length);
  }
}
