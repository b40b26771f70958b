package org.xphonediag.doctor;

import java.util.Locale;

/** The parts of the guide's flowchart, in the order the doctor walks them (docs/field-guide.md chapters 3-7). */
public enum Stage {
  /** Configuration files and ACLs, offline (docs/field-guide.md#configuration-files). */
  CONFIGURATION("Configuration files and XCC ACLs (offline)", "docs/field-guide.md#configuration-files"),
  /** The app's five-step connection test, TLS and reverse-proxy paths (docs/field-guide.md#ports-and-paths, #connection-test). */
  SIGNALLING("Signalling: the app's connection test, TLS, proxy paths", "docs/field-guide.md#ports-and-paths, #connection-test"),
  /** Classic STUN from this machine, candidates against the ACL, media ports (docs/field-guide.md#media). */
  MEDIA("Media: STUN, candidates against the ACL, XCC media ports", "docs/field-guide.md#xcc-acls, #media"),
  /** A capture and FreeSWITCH log, when given (docs/field-guide.md#reading-a-trace, #failure-patterns). */
  CAPTURE("Capture and FreeSWITCH log", "docs/field-guide.md#reading-a-trace, #failure-patterns");

  private final String title;
  private final String ref;

  Stage(String title, String ref) {
    this.title = title;
    this.ref = ref;
  }

  public String title() {
    return title;
  }

  public String ref() {
    return ref;
  }

  /** The JSON name. */
  public String jsonName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
