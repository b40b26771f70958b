package org.xphonediag.sip.internal;

import gov.nist.core.ServerLogger;
import gov.nist.javax.sip.message.SIPMessage;
import java.util.Properties;
import javax.sip.SipStack;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Routes jain-sip's message log to slf4j at DEBUG: direction, peer and the first line only, never
 * the body (an SDP carries the ICE password). Named in {@code gov.nist.javax.sip.SERVER_LOGGER}.
 */
public final class Slf4jServerLogger implements ServerLogger {
  private static final Logger LOG = LoggerFactory.getLogger("org.xphonediag.sip.jainsip.messages");

  /** Called by jain-sip. */
  public Slf4jServerLogger() {}

  @Override
  public void closeLogFile() {}

  @Override
  public void logMessage(SIPMessage message, String from, String to, boolean sender, long time) {
    log(message, from, to, sender);
  }

  @Override
  public void logMessage(SIPMessage message, String from, String to, String status, boolean sender, long time) {
    log(message, from, to, sender);
  }

  @Override
  public void logMessage(SIPMessage message, String from, String to, String status, boolean sender) {
    log(message, from, to, sender);
  }

  private static void log(SIPMessage message, String from, String to, boolean sender) {
    if (LOG.isDebugEnabled()) {
      String first = message.getFirstLine() == null ? "" : message.getFirstLine().strip();
      LOG.debug("{} {} -> {}: {}", sender ? "sent" : "received", from, to, first);
    }
  }

  @Override
  public void logException(Exception ex) {
    LOG.debug("jain-sip exception", ex);
  }

  @Override
  public void setStackProperties(Properties stackProperties) {}

  @Override
  public void setSipStack(SipStack sipStack) {}
}
