/**
 * The {@code xphone-diag} command (ARCHITECTURE.md "The CLI contract"): a thin shell over the
 * modules and the doctor. Every command produces a {@link org.xphonediag.core.Report}, writes it with
 * {@code --format text|json|markdown|junit|html} and maps its status to the exit code; bad usage
 * and unreadable input are one line on stderr with exit 2.
 */
package org.xphonediag.cli;
