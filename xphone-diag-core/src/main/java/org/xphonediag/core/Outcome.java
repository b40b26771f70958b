package org.xphonediag.core;

/**
 * The typed value a check produced, such as the STUN bindings of {@code stun.classic}, the TLS
 * inspection of {@code tls.chain} or the analysis of a capture: what checks that build on it and
 * embedders read, without casts and without parsing text back.
 *
 * <p>A result carries at most one outcome ({@link CheckResult#outcome(Class)}); a dependent check
 * reads its prerequisite's with {@link CheckContext#outcomeOf(CheckId, Class)}. The result's
 * {@link CheckResult#details() details} are derived from it for the report writers only: code reads
 * the outcome, never the details.
 *
 * <pre>{@code
 * Optional<TlsInspection> chain = report.outcome(CheckCatalog.TLS_CHAIN, TlsInspection.class);
 * }</pre>
 *
 * <p>Implementations are immutable values.
 */
public interface Outcome {

  /**
   * This outcome as plain values (see {@link Details}) for the report writers; the same keys and
   * shapes every time, as they are part of the JSON contract. Never a secret in clear.
   */
  Details details();
}
