package org.xphonediag.trace;

import java.util.List;
import java.util.Objects;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import org.xphonediag.core.Details;
import org.xphonediag.core.net.HostAndPort;
import org.xphonediag.core.net.Transport;

/**
 * The STUN binding requests from one source to one destination in one call and their answers,
 * matched by transaction id (RFC 8445 §7.2, docs/field-guide.md#media). One element of a {@link
 * CallBindings}' pairs. Immutable.
 *
 * @param source where the requests came from
 * @param destination where they went
 * @param direction who sent them
 * @param transport UDP, or TCP for ICE-TCP (RFC 6544)
 * @param username the requests' USERNAME ({@code receiver:sender} ufrags), "" when they had none
 * @param requests requests sent
 * @param successes success responses
 * @param errors error responses
 * @param errorCodes the error responses' codes
 * @param firstRequestFrame the first request's frame
 * @param firstSuccessFrame the first success's frame, when there was one
 * @param firstSuccessMs milliseconds from the first request to the first success, rounded to microseconds
 * @param requestFrames the first requests' frames (at most 10)
 * @param responseFrames the first responses' frames (at most 10)
 */
public record BindingPair(HostAndPort source, HostAndPort destination, BindingDirection direction, Transport transport,
    String username, int requests, int successes, int errors, List<Integer> errorCodes, long firstRequestFrame,
    OptionalLong firstSuccessFrame, OptionalDouble firstSuccessMs, List<Long> requestFrames, List<Long> responseFrames) {
  public BindingPair {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(destination, "destination");
    Objects.requireNonNull(direction, "direction");
    Objects.requireNonNull(transport, "transport");
    Objects.requireNonNull(username, "username");
    Objects.requireNonNull(firstSuccessFrame, "firstSuccessFrame");
    Objects.requireNonNull(firstSuccessMs, "firstSuccessMs");
    errorCodes = List.copyOf(errorCodes);
    requestFrames = List.copyOf(requestFrames);
    responseFrames = List.copyOf(responseFrames);
  }

  /** The pair as an element of {@code data.bindings[].pairs}. */
  public Details toDetails() {
    Details.Builder d = Details.builder().put("source", source.toString())
        .put("destination", destination.toString()).put("direction", direction.jsonName())
        .put("transport", transport.jsonName());
    if (!username.isEmpty()) {
      d.put("username", username);
    }
    d.put("requests", requests).put("successes", successes).put("errors", errors);
    if (!errorCodes.isEmpty()) {
      d.put("errorCodes", errorCodes);
    }
    d.put("firstRequestFrame", firstRequestFrame);
    if (firstSuccessFrame.isPresent()) {
      d.put("firstSuccessFrame", firstSuccessFrame.getAsLong()).put("firstSuccessMs", firstSuccessMs.getAsDouble());
    }
    return d.put("requestFrames", requestFrames).put("responseFrames", responseFrames).build();
  }
}
