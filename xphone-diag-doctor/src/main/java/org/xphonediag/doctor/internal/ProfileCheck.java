package org.xphonediag.doctor.internal;

import java.util.ArrayList;
import java.util.List;
import org.xphonediag.core.Check;
import org.xphonediag.core.CheckCatalog;
import org.xphonediag.core.CheckContext;
import org.xphonediag.core.CheckId;
import org.xphonediag.core.CheckResult;
import org.xphonediag.core.FindingCatalog;
import org.xphonediag.core.net.AddressClass;
import org.xphonediag.core.net.HostAndPort;
import org.xphonediag.doctor.DeploymentProfile;

/**
 * The check {@code doctor.profile}: what the profile itself says about the deployment. An outsourced
 * XCC with a STUN server on 127.0.0.1 cannot work (docs/field-guide.md#stun-server-settings); the result lists which inputs the
 * profile lacks, so the report says what the run could not judge.
 */
public final class ProfileCheck implements Check {
  private final DeploymentProfile profile;

  public ProfileCheck(DeploymentProfile profile) {
    this.profile = profile;
  }

  @Override
  public CheckId id() {
    return CheckCatalog.DOCTOR_PROFILE;
  }

  @Override
  public String title() {
    return "Deployment profile";
  }

  @Override
  public CheckResult run(CheckContext context) {
    CheckResult.Builder b = CheckResult.builder(CheckCatalog.DOCTOR_PROFILE).title(title());
    b.detail("iis", profile.iis().jsonName()).detail("xcc", profile.xccPlacement().jsonName());
    profile.name().ifPresent(n -> b.detail("name", n));
    if (profile.xccPlacement() == DeploymentProfile.Placement.OUTSOURCED) {
      for (HostAndPort s : profile.stunServers()) {
        if (s.ipAddress().map(a -> a.addressClass() == AddressClass.LOOPBACK).orElse(false)) {
          b.finding(FindingCatalog.CONFIG_STUN_LOOPBACK_WITH_OUTSOURCED_XCC.finding(
              "the XCC is outsourced but the STUN server is " + s + ": the XCC cannot reach a STUN server on the "
                  + "XPhone Server's loopback address").evidence("stunServer", s.toString()).build());
        }
      }
    }
    List<String> missing = new ArrayList<>();
    if (profile.webApiUrl().isEmpty()) {
      missing.add("webApiUrl");
    }
    if (profile.user().isEmpty() || profile.passwordEnv().isEmpty()) {
      missing.add("user/passwordEnv");
    }
    if (profile.stunServers().isEmpty()) {
      missing.add("stunServers");
    }
    if (profile.xccAddress().isEmpty()) {
      missing.add("xcc.address");
    }
    if (profile.webConfig().isEmpty() && profile.appSettings().isEmpty()) {
      missing.add("files.webConfig/appSettings");
    }
    if (profile.aclFile().isEmpty()) {
      missing.add("files.acl");
    }
    if (profile.iis() == DeploymentProfile.Placement.DMZ && profile.serverAddress().isEmpty()) {
      missing.add("server.address");
    }
    b.detail("missingInputs", missing);
    if (profile.capture().isEmpty()) {
      b.detail("optionalNotGiven", List.of("files.capture", "files.fsLog"));
    }
    b.summary(missing.isEmpty() ? "every input of the flowchart is given"
        : "not given: " + String.join(", ", missing));
    return b.build();
  }
}
