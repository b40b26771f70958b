/**
 * The check model and runner: {@link org.xphonediag.core.Check}, {@link org.xphonediag.core.CheckResult},
 * {@link org.xphonediag.core.Finding} and its {@link org.xphonediag.core.FindingCatalog},
 * {@link org.xphonediag.core.Report} and {@link org.xphonediag.core.DiagRunner}.
 *
 * <p>Everything here is immutable or thread-safe; nothing knows a network library.
 */
package org.xphonediag.core;
