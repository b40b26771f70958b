/** The exporter's implementation: HTTP handlers, profile folder, probe runs and metrics. Not API. */
package org.xphonediag.exporter.internal;
