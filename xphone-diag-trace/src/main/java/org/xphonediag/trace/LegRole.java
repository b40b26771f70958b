package org.xphonediag.trace;

/**
 * Which call leg a SIP dialog is (docs/field-guide.md#reading-a-trace): leg 1 is the loopback leg from the XPhone Server
 * (sipsorcery) to the XCC, leg 2 the XCC's leg toward gateway, desktop or phone.
 */
public enum LegRole {
  /** Leg 1: on loopback addresses, with a {@code sipsorcery} User-Agent, or toward TCP 4900/4901. */
  LOOPBACK,
  /** Leg 2: the INVITE's User-Agent is {@code XPhone Call Controller}. */
  XCC,
  /** Any other dialog. */
  OTHER
}
