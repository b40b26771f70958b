/** Implementation of the trace module: file formats, link layers, reassembly, SIP adapter. Not API. */
package org.xphonediag.trace.internal;
