package org.xphonediag.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * One rule for a target host in every command (README, exit codes): a valid name that does not
 * resolve is a FAIL of the check (exit 1); a malformed host is bad usage (exit 2). {@code .invalid}
 * never resolves (RFC 6761 §6.4).
 */
class UnresolvableHostIT {

  private static List<String> codes(JsonNode doc) {
    List<String> codes = new ArrayList<>();
    for (JsonNode r : doc.get("results")) {
      for (JsonNode f : r.get("findings")) {
        codes.add(f.get("code").asText());
      }
    }
    return codes;
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "stun nosuch.invalid --budget 2s|stun.unreachable",
      "tls nosuch.invalid --timeout 2|webapi.unreachable",
      "ice-probe nosuch.invalid:30000 --ufrag u --pwd p --budget 1s|media.port-unreachable",
      "sweep nosuch.invalid --ports 30000-30002 --budget 1s|media.port-unreachable"})
  void targetWhenNameDoesNotResolveThenFailExitOne(String command, String code) throws Exception {
    List<String> args = new ArrayList<>(List.of(command.split(" ")));
    args.add("--json");
    CliRun r = CliRun.of(args.toArray(String[]::new));
    assertEquals(1, r.exitCode(), r.err());
    JsonNode doc = r.json();
    assertEquals("FAIL", doc.get("status").asText());
    assertTrue(codes(doc).contains(code), codes(doc).toString());
    assertEquals("", r.err());
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "ice-probe bad_host!:30000 --ufrag u --pwd p",
      "sweep bad_host! --ports 30000-30002",
      "sweep 127.0.0.1:5 --ports 30000-30002",
      "stun bad_host!"})
  void targetWhenMalformedThenExitTwoWithOneLine(String command) {
    CliRun r = CliRun.of(command.split(" "));
    assertEquals(2, r.exitCode(), r.err());
    assertEquals(1, r.err().lines().count(), r.err());
  }
}
