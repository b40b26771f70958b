package org.xphonediag.sip.internal;

import gov.nist.core.StackLogger;
import java.util.Properties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Routes jain-sip's stack log to slf4j (logger {@code org.xphonediag.sip.jainsip}), so the stack
 * never needs log4j (DEPENDENCIES.md). Named in {@code gov.nist.javax.sip.STACK_LOGGER}; jain-sip
 * instantiates it. Its messages go to DEBUG/TRACE: a probe's outcome is a result, not a log line.
 */
public final class Slf4jStackLogger implements StackLogger {
  private static final Logger LOG = LoggerFactory.getLogger("org.xphonediag.sip.jainsip");

  /** Called by jain-sip. */
  public Slf4jStackLogger() {}

  @Override
  public void logStackTrace() {}

  @Override
  public void logStackTrace(int traceLevel) {}

  @Override
  public int getLineCount() {
    return 0;
  }

  @Override
  public void logException(Throwable ex) {
    LOG.debug("jain-sip exception", ex);
  }

  @Override
  public void logDebug(String message) {
    LOG.trace(message);
  }

  @Override
  public void logDebug(String message, Exception ex) {
    LOG.trace(message, ex);
  }

  @Override
  public void logTrace(String message) {
    LOG.trace(message);
  }

  @Override
  public void logFatalError(String message) {
    LOG.warn(message);
  }

  @Override
  public void logError(String message) {
    LOG.debug(message);
  }

  @Override
  public boolean isLoggingEnabled() {
    return LOG.isDebugEnabled();
  }

  @Override
  public boolean isLoggingEnabled(int logLevel) {
    if (logLevel <= TRACE_FATAL) {
      return LOG.isWarnEnabled();
    }
    if (logLevel <= TRACE_INFO) {
      return LOG.isDebugEnabled();
    }
    return LOG.isTraceEnabled();
  }

  @Override
  public void logError(String message, Exception ex) {
    LOG.debug(message, ex);
  }

  @Override
  public void logWarning(String message) {
    LOG.debug(message);
  }

  @Override
  public void logInfo(String message) {
    LOG.debug(message);
  }

  @Override
  public void disableLogging() {}

  @Override
  public void enableLogging() {}

  @Override
  public void setBuildTimeStamp(String buildTimeStamp) {}

  @Override
  public void setStackProperties(Properties stackProperties) {}

  @Override
  public String getLoggerName() {
    return LOG.getName();
  }
}
