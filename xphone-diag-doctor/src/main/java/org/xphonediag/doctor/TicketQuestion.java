package org.xphonediag.doctor;

import java.util.Locale;
import java.util.Optional;

/** The questions a support ticket must answer (docs/field-guide.md#support-ticket), with their keys for files and flags. */
public enum TicketQuestion {
  CUSTOMER_XID("customerXid", "Customer XID"),
  SYMPTOM("symptom", "Symptom"),
  SINCE("since", "Since when, and what changed"),
  AFFECTED_USERS("affectedUsers", "All users or some (which)"),
  NETWORK("network", "Internal, external or both"),
  DESKTOP_WORKS("desktopWorks", "Does Softphone Desktop work"),
  XCC_OUTSOURCED("xccOutsourced", "Is the XCC outsourced"),
  SCENARIO("scenario", "Step-by-step test scenario"),
  DEVICES("devices", "Devices involved"),
  NUMBERS("numbers", "Phone numbers involved"),
  NETWORK_DIAGRAM("networkDiagram", "Rough network diagram (file name or description)"),
  TEST_TIME("testTime", "Time of the test");

  private final String key;
  private final String text;

  TicketQuestion(String key, String text) {
    this.key = key;
    this.text = text;
  }

  /** The key used in answer files and {@code --answer key=value}. */
  public String key() {
    return key;
  }

  /** The question as docs/field-guide.md#support-ticket asks it. */
  public String text() {
    return text;
  }

  /** The question with {@code key} (case-insensitive). */
  public static Optional<TicketQuestion> byKey(String key) {
    for (TicketQuestion q : values()) {
      if (q.key.toLowerCase(Locale.ROOT).equals(key.toLowerCase(Locale.ROOT))) {
        return Optional.of(q);
      }
    }
    return Optional.empty();
  }
}
