/**
 * The doctor: the troubleshooting guide's flowchart (DOMAIN §4-§7) as a plan of checks built from a
 * {@link org.xphonediag.doctor.DeploymentProfile}, plus the inside/outside comparison and the
 * support-ticket bundle (DOMAIN §9).
 */
package org.xphonediag.doctor;
