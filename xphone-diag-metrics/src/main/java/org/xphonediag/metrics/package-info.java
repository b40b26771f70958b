/**
 * Metrics of a {@link org.xphonediag.core.Report}: {@link org.xphonediag.metrics.ReportMetrics} reads
 * the values (statuses, durations, finding counts, certificate expiry, STUN and TURN round trips) and
 * {@link org.xphonediag.metrics.ReportMeters} publishes them to a Micrometer registry. The
 * {@code xphone-diag-exporter} module serves the same values to Prometheus.
 */
package org.xphonediag.metrics;
