/**
 * The doctor: the troubleshooting guide's flowchart (docs/field-guide.md chapters 4-7) as a plan of checks built from a
 * {@link org.xphonediag.doctor.DeploymentProfile}, plus the inside/outside comparison and the
 * support-ticket bundle (docs/field-guide.md#support-ticket).
 */
package org.xphonediag.doctor;
