package org.xphonediag.webapi;

import java.util.List;
import java.util.Objects;
import org.xphonediag.core.Details;
import org.xphonediag.core.Outcome;

/**
 * The certificates the WebAPI's answer came with, leaf first, as {@code webapi.health} saw them (or, when
 * the handshake failed, as a second handshake that only inspects the chain saw them): what embedders and
 * the metrics read for certificate expiry without a {@code tls.chain} check. The health check writes the
 * chain among its other details ({@code chain}, after {@code status}), in their established order, so this
 * outcome adds no details of its own.
 *
 * @param certificates the served chain, leaf first; empty when none was seen
 */
public record ServedChain(List<CertificateInfo> certificates) implements Outcome {

  /** Copies the list. */
  public ServedChain {
    certificates = List.copyOf(Objects.requireNonNull(certificates, "certificates"));
  }

  /** None: the health check writes {@code chain} itself, see the class description. */
  @Override
  public Details details() {
    return Details.empty();
  }
}
