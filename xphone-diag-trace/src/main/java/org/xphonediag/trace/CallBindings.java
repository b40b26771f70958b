package org.xphonediag.trace;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import org.xphonediag.core.Details;

/**
 * The binding transactions of one call and their media verdict (docs/field-guide.md#media,
 * #failure-patterns). One element of {@code data.bindings}. Immutable.
 *
 * @param call the call number (0: binding requests no call's ufrags or candidates name)
 * @param requests binding requests of all pairs
 * @param successes success responses of all pairs
 * @param errors error responses of all pairs
 * @param firstSuccessFrame the frame of the call's first success, when there was one
 * @param firstSuccessMs milliseconds from the call's first request to its first success
 * @param peerReflexive packets from a port the client did not offer ({@code "a -> b (kind)"}), a
 *     peer-reflexive candidate
 * @param hint a note for people (a port-changing NAT), when there is one
 * @param verdict {@code ok}, {@code no finding}, {@code no binding requests captured}, or the
 *     finding codes raised, comma separated
 * @param pairs the pairs in order of their first request
 */
public record CallBindings(int call, int requests, int successes, int errors, OptionalLong firstSuccessFrame,
    OptionalDouble firstSuccessMs, List<String> peerReflexive, Optional<String> hint, String verdict,
    List<BindingPair> pairs) {
  public CallBindings {
    Objects.requireNonNull(firstSuccessFrame, "firstSuccessFrame");
    Objects.requireNonNull(firstSuccessMs, "firstSuccessMs");
    Objects.requireNonNull(hint, "hint");
    Objects.requireNonNull(verdict, "verdict");
    peerReflexive = List.copyOf(peerReflexive);
    pairs = List.copyOf(pairs);
  }

  /** The {@code data.bindings} entry. */
  public Details toDetails() {
    Details.Builder d = Details.builder().put("call", call).put("requests", requests).put("successes", successes)
        .put("errors", errors);
    if (firstSuccessFrame.isPresent()) {
      d.put("firstSuccessFrame", firstSuccessFrame.getAsLong()).put("firstSuccessMs", firstSuccessMs.getAsDouble());
    }
    if (!peerReflexive.isEmpty()) {
      d.put("peerReflexive", peerReflexive);
    }
    hint.ifPresent(h -> d.put("hint", h));
    return d.put("verdict", verdict).put("pairs", pairs.stream().map(BindingPair::toDetails).toList()).build();
  }
}
