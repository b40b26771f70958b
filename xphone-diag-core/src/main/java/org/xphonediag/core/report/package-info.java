/** Report writers: text, JSON ({@code xphone-diag/1}), Markdown and JUnit XML. */
package org.xphonediag.core.report;
