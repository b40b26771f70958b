package org.xphonediag.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StunDecodeCommandTest {
  // RFC 5769 §2.2 (IPv4 response), password VOkJxbRl1RmTxUk/WvJxBt
  static final String IPV4_RESPONSE = "0101003c2112a442b7e7a701bc34d686fa87dfae8022000b7465737420766563746f7220"
      + "002000080001a147e112a643000800142b91f599fd9e90c38c7489f92af9ba53f06be7d780280004c07d4c96";

  @Test
  void decodeHexWithPasswordThenDataShapeAndValid() throws Exception {
    StunCommandsIT.Run run = StunCommandsIT.run("stun-decode", "--hex", IPV4_RESPONSE, "--password",
        "VOkJxbRl1RmTxUk/WvJxBt", "--json");
    assertEquals(0, run.code(), run.err());
    JsonNode data = run.json().get("data");
    assertEquals("success-response", data.get("messageClass").asText());
    assertEquals("binding", data.get("method").asText());
    assertEquals("b7e7a701bc34d686fa87dfae", data.get("transactionId").asText());
    assertEquals("valid", data.get("integrity").asText());
    assertEquals("valid", data.get("fingerprint").asText());
    JsonNode xma = data.get("attributes").get(1);
    assertEquals("xor-mapped-address", xma.get("type").asText());
    assertEquals("XOR-MAPPED-ADDRESS", xma.get("name").asText());
    assertEquals("192.0.2.1", xma.get("address").asText());
    assertEquals(32853, xma.get("port").asInt());
  }

  @Test
  void decodeWithoutPasswordThenUnverified() throws Exception {
    StunCommandsIT.Run run = StunCommandsIT.run("stun-decode", "--hex", IPV4_RESPONSE, "--json");
    assertEquals(0, run.code());
    assertEquals("unverified", run.json().at("/data/integrity").asText());
  }

  @Test
  void decodeWithWrongPasswordThenExit1IntegrityInvalid() throws Exception {
    StunCommandsIT.Run run = StunCommandsIT.run("stun-decode", "--hex", IPV4_RESPONSE, "--password", "x", "--json");
    assertEquals(1, run.code());
    assertEquals("invalid", run.json().at("/data/integrity").asText());
    assertEquals("stun.integrity-invalid", run.json().at("/results/0/findings/0/code").asText());
  }

  @Test
  void decodeLongTermCredentialsThenValid(@TempDir Path dir) throws Exception {
    Path f = dir.resolve("lt.hex");
    Files.writeString(f, "000100602112a44278ad3433c6ad72c029da412e00060012e3839ee38388e383aae38383e382afe382b9"
        + "0000001500 1c662f2f3439396b39353464364f4c33346f4c394653547679363473410014000b6578616d706c652e6f726700"
        + "00080014f67024656dd64a3e02b8e0712e85c9a28ca89666");
    StunCommandsIT.Run run = StunCommandsIT.run("stun-decode", "--file", f.toString(), "--username",
        "\u30DE\u30C8\u30EA\u30C3\u30AF\u30B9", "--realm", "example.org", "--password", "The\u00ADM\u00AAtr\u2168",
        "--json");
    assertEquals(0, run.code(), run.err());
    assertEquals("valid", run.json().at("/data/integrity").asText());
    assertEquals("absent", run.json().at("/data/fingerprint").asText());
  }

  @Test
  void decodeRawBinaryFileThenDecoded(@TempDir Path dir) throws Exception {
    Path f = dir.resolve("msg.bin");
    Files.write(f, java.util.HexFormat.of().parseHex(IPV4_RESPONSE));
    assertEquals(0, StunCommandsIT.run("stun-decode", "--file", f.toString()).code());
  }

  @Test
  void decodeWhenNotStunOrBadHexOrMissingFileThenExit2() {
    StunCommandsIT.Run notStun = StunCommandsIT.run("stun-decode", "--hex", "474554202f20485454502f312e310d0a0d0a00000000");
    assertEquals(2, notStun.code());
    assertTrue(notStun.err().contains("STUN header at offset"), notStun.err());
    StunCommandsIT.Run shortAttr = StunCommandsIT.run("stun-decode", "--hex",
        "0101000c2112a442b7e7a701bc34d686fa87dfae002000060001a147e112a643");
    assertEquals(2, shortAttr.code());
    assertTrue(shortAttr.err().contains("attribute XOR-MAPPED-ADDRESS at offset 20: length must be 8 or 20 but was 6"),
        shortAttr.err());
    assertEquals(2, StunCommandsIT.run("stun-decode", "--hex", "zz").code());
    assertEquals(2, StunCommandsIT.run("stun-decode", "--file", "/nonexistent/x.hex").code());
    assertEquals(2, StunCommandsIT.run("stun-decode").code());
    assertEquals(2, StunCommandsIT.run("stun-decode", "--hex", IPV4_RESPONSE, "--username", "u").code());
  }
}
