package org.xphonediag.stun;

import java.util.List;
import java.util.Optional;
import org.xphonediag.core.Details;
import org.xphonediag.core.Outcome;

/**
 * The typed outcome of {@link StunBindingCheck} ({@code stun.classic}): one {@link StunBinding} per
 * server address, in the order the servers were given and their addresses resolved. Immutable.
 *
 * <pre>{@code
 * Optional<StunBindings> b = context.outcomeOf(CheckCatalog.STUN_CLASSIC, StunBindings.class);
 * }</pre>
 *
 * @param bindings one per server address
 */
public record StunBindings(List<StunBinding> bindings) implements Outcome {

  /** Copies the list. */
  public StunBindings {
    bindings = List.copyOf(bindings);
  }

  /** The bindings that got an answer, in order. */
  public List<StunBinding> answered() {
    return bindings.stream().filter(StunBinding::answered).toList();
  }

  /** The first mapped (public) address seen, if any server answered. */
  public Optional<StunBinding> firstAnswered() {
    return bindings.stream().filter(StunBinding::answered).findFirst();
  }

  /** {@code servers}: each binding's {@link StunBinding#toDetails()}, in order. */
  @Override
  public Details details() {
    return Details.of("servers", bindings.stream().map(StunBinding::toDetails).toList());
  }
}
