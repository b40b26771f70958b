/**
 * The binary distribution's build-time parts: the workload its class-data-sharing archive is
 * recorded from ({@link org.xphonediag.dist.CdsTraining}). The launcher jar of this module carries
 * no other code: its manifest names the CLI's main class and every jar of {@code lib/}.
 */
package org.xphonediag.dist;
