/** Implementation of the RTP stream analysis: per-stream state, header checks, the MOS estimate. */
package org.xphonediag.trace.rtp.internal;
