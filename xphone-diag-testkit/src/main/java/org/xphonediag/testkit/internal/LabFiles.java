package org.xphonediag.testkit.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Comparator;
import java.util.stream.Stream;

/** The deployment's files the lab writes (web.config, appsettings.json, acl.conf.xml), shaped by a scenario. */
public final class LabFiles {
  private LabFiles() {}

  /**
   * Writes the three files to a new temporary folder and returns it.
   *
   * @param serverIp the XPhone Server's address (ACL, appsettings.json in the DMZ)
   * @param dmz IIS in the DMZ: appsettings.json names the server
   * @param inbound the inbound ACL list's name
   * @param candidates the candidate ACL list's name
   * @param publicCandidateDenied the candidate list leaves out 203.0.113.0/24
   */
  public static Path write(String serverIp, boolean dmz, String inbound, String candidates,
      boolean publicCandidateDenied) throws IOException {
    Path folder = Files.createTempDirectory("xphone-diag-demo");
    try {
      Files.writeString(folder.resolve("web.config"), webConfig());
      Files.writeString(folder.resolve("appsettings.json"), appSettings(serverIp, dmz));
      Files.writeString(folder.resolve("acl.conf.xml"), acl(serverIp, inbound, candidates, publicCandidateDenied));
      return folder;
    } catch (IOException | RuntimeException e) {
      delete(folder);
      throw e;
    }
  }

  /** WcfIPEndPoint stays localhost: right with IIS on the server, the classic mistake in the DMZ. */
  private static String webConfig() {
    return "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<configuration>\n  <appSettings>\n"
        + "    <add key=\"WcfIPEndPoint\" value=\"localhost\" />\n"
        + "    <add key=\"PatternNamesUnavailable\" value=\"Away;Holiday\" />\n"
        + "  </appSettings>\n</configuration>\n";
  }

  private static String appSettings(String serverIp, boolean dmz) {
    byte[] key = new byte[36];
    new SecureRandom().nextBytes(key);
    return "{\n  // written by xphone-diag doctor --demo\n  \"AppSettings\": {\n"
        + "    \"Secret\": \"" + Base64.getEncoder().encodeToString(key) + "\",\n"
        + "    \"JwtTokenLifetimeInMinutes\": 30,\n    \"RefreshTokenLifetimeInHours\": 96,\n"
        + "    \"SignalRLongPolling\": false,\n"
        + "    \"XPhoneServerHost\": \"" + (dmz ? serverIp : "") + "\",\n"
        + "    \"XPhoneServerUnifiedPort\": \"\"\n  },\n"
        + "  \"FeatureManagement\": { \"V9\": true },\n  \"AllowedHosts\": \"*\"\n}\n";
  }

  private static String acl(String serverIp, String inbound, String candidates, boolean publicCandidateDenied) {
    return "<configuration name=\"acl.conf\" description=\"Network Lists\">\n  <network-lists>\n"
        + "    <list name=\"" + inbound + "\" default=\"deny\">\n"
        + "      <node type=\"allow\" cidr=\"127.0.0.1/32\"/>\n"
        + "      <node type=\"allow\" cidr=\"" + serverIp + "/32\"/>\n"
        + "    </list>\n"
        + "    <list name=\"" + candidates + "\" default=\"deny\">\n"
        + "      <node type=\"allow\" cidr=\"127.0.0.0/8\"/>\n"
        + "      <node type=\"allow\" cidr=\"10.0.0.0/8\"/>\n"
        + "      <node type=\"allow\" cidr=\"192.168.0.0/16\"/>\n"
        + (publicCandidateDenied ? "" : "      <node type=\"allow\" cidr=\"203.0.113.0/24\"/>\n")
        + "    </list>\n  </network-lists>\n</configuration>\n";
  }

  /** Deletes {@code dir} and what it holds; null is nothing to do. */
  public static void delete(Path dir) {
    if (dir == null) {
      return;
    }
    try (Stream<Path> s = Files.walk(dir)) {
      s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException ignored) {
      // a temporary folder left behind is harmless
    }
  }
}
