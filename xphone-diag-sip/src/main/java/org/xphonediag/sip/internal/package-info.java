/** Implementation of the SIP probes: the jain-sip adapter and its slf4j loggers. Not API. */
package org.xphonediag.sip.internal;
