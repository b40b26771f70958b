package org.xphonediag.stun;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.xphonediag.core.Details;
import org.xphonediag.core.Outcome;

/**
 * What a UDP port sweep found (docs/field-guide.md#media), the typed outcome of
 * {@link UdpPortSweepCheck} ({@code stun.sweep}): ports by outcome (answered, rejected with an error
 * response, silent, unreachable by ICMP, unprobed when the budget ran out first), error codes of
 * rejected ports, answered ports whose integrity failed, packets sent, datagrams ignored and wall
 * time. Immutable.
 *
 * @param host the swept address
 * @param answered ports with a success response
 * @param rejected ports with an error response
 * @param silent ports without an answer
 * @param unreachable ports answered by ICMP port unreachable
 * @param unprobed ports never probed because the budget ran out
 * @param errorCodes the error code per rejected port
 * @param integrityInvalid answered ports whose MESSAGE-INTEGRITY did not verify (ICE sweeps)
 * @param packetsSent requests sent, retransmissions included
 * @param ignored datagrams ignored (another transaction id, not STUN)
 * @param elapsed wall time of the sweep
 */
public record PortSweep(String host, List<Integer> answered, List<Integer> rejected, List<Integer> silent,
    List<Integer> unreachable, List<Integer> unprobed, Map<Integer, Integer> errorCodes,
    List<Integer> integrityInvalid, long packetsSent, long ignored, Duration elapsed) implements Outcome {

  /** Copies the collections. */
  public PortSweep {
    answered = List.copyOf(answered);
    rejected = List.copyOf(rejected);
    silent = List.copyOf(silent);
    unreachable = List.copyOf(unreachable);
    unprobed = List.copyOf(unprobed);
    errorCodes = Map.copyOf(errorCodes);
    integrityInvalid = List.copyOf(integrityInvalid);
  }

  /** The number of ports in the sweep. */
  public int total() {
    return answered.size() + rejected.size() + silent.size() + unreachable.size() + unprobed.size();
  }

  /**
   * The {@code sweep} command's {@code data.ports}: {@code answered}, {@code rejected},
   * {@code silent}, {@code unreachable} (lists of port numbers), {@code unprobed} and {@code counts}.
   */
  public Details portsDetails() {
    return Details.builder()
        .put("answered", answered).put("rejected", rejected).put("silent", silent)
        .put("unreachable", unreachable).put("unprobed", unprobed)
        .put("counts", Details.builder().put("answered", answered.size()).put("rejected", rejected.size())
            .put("silent", silent.size()).put("unreachable", unreachable.size()).put("unprobed", unprobed.size())
            .put("total", total()).build())
        .build();
  }

  /**
   * {@code host}, {@code ports} ({@link #portsDetails()}), {@code packetsSent}, {@code ignored},
   * {@code elapsedMs}, and {@code errorCodes} ({@code [{"port", "errorCode"}]} by port) when some port
   * rejected the request.
   */
  @Override
  public Details details() {
    Details.Builder b = Details.builder().put("host", host).put("ports", portsDetails())
        .put("packetsSent", packetsSent).put("ignored", ignored).put("elapsedMs", elapsed.toMillis());
    if (!errorCodes.isEmpty()) {
      List<Details> codes = new ArrayList<>();
      errorCodes.entrySet().stream().sorted(Map.Entry.comparingByKey())
          .forEach(e -> codes.add(Details.of("port", e.getKey(), "errorCode", e.getValue())));
      b.put("errorCodes", codes);
    }
    return b.build();
  }

  /** Port lists as compact ranges, e.g. {@code 30000-30002, 30007}. */
  public static String ranges(List<Integer> ports, int maxRanges) {
    List<String> out = new ArrayList<>();
    int i = 0;
    while (i < ports.size() && out.size() < maxRanges) {
      int j = i;
      while (j + 1 < ports.size() && ports.get(j + 1) == ports.get(j) + 1) {
        j++;
      }
      out.add(i == j ? String.valueOf(ports.get(i)) : ports.get(i) + "-" + ports.get(j));
      i = j + 1;
    }
    return String.join(", ", out) + (i < ports.size() ? ", ..." : "");
  }
}
