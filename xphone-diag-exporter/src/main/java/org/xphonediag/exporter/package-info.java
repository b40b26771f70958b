/**
 * {@code xphone-diag serve}: {@link org.xphonediag.exporter.Exporter}, a Prometheus exporter that
 * runs the doctor's checks for deployment profiles on {@code /probe} requests, in the style of
 * blackbox_exporter. Its metric values come from {@link org.xphonediag.metrics.ReportMetrics}.
 */
package org.xphonediag.exporter;
