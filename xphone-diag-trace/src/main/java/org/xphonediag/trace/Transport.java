package org.xphonediag.trace;

/** The transport protocols whose payloads the trace reader extracts. */
public enum Transport {
  UDP,
  TCP
}
