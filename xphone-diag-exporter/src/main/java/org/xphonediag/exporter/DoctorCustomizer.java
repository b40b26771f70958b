package org.xphonediag.exporter;

import org.xphonediag.doctor.DeploymentProfile;
import org.xphonediag.doctor.Doctor;

/**
 * Adjusts the doctor of one probe before it runs, e.g. a host resolver or trust material that a
 * profile file cannot express. Called on the probe's thread, once per probe; must be thread-safe.
 */
@FunctionalInterface
public interface DoctorCustomizer {
  /** Adjusts {@code doctor}, built for the profile of {@code target}. */
  void customize(String target, DeploymentProfile profile, Doctor.Builder doctor);

  /** Changes nothing. */
  static DoctorCustomizer none() {
    return (target, profile, doctor) -> { };
  }
}
