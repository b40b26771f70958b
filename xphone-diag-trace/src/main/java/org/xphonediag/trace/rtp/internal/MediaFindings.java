package org.xphonediag.trace.rtp.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.xphonediag.core.Finding;
import org.xphonediag.core.FindingCatalog;
import org.xphonediag.core.Status;
import org.xphonediag.trace.rtp.MediaDirection;
import org.xphonediag.trace.rtp.MediaHint;
import org.xphonediag.trace.rtp.RtpStream;
import org.xphonediag.trace.rtp.RtpThresholds;

/**
 * Turns streams and hints into findings (docs/field-guide.md#media, #failure-patterns; ARCHITECTURE.md "RTP streams"): loss and
 * jitter per stream against {@link RtpThresholds}; per answered call, no RTP toward either side
 * ({@code media.no-rtp}) or toward one side only ({@code media.one-way-audio}), judged only when
 * every hint of the call is {@code sendrecv} (hold and one-way directions are intended). Stateless.
 */
public final class MediaFindings {
  private MediaFindings() {}

  /** The findings; {@code towardAfterAnswer[i]} counts RTP packets sent to hint i after its answer. */
  public static List<Finding> of(List<RtpStream> streams, List<MediaHint> hints, long[] towardAfterAnswer,
      RtpThresholds t) {
    List<Finding> out = new ArrayList<>();
    for (RtpStream s : streams) {
      if (s.expected() < t.minPackets()) {
        continue;
      }
      double loss = s.lossPercent();
      if (loss > t.lossWarnPercent()) {
        boolean severe = loss > t.lossFailPercent();
        out.add(FindingCatalog.MEDIA_PACKET_LOSS.finding(String.format(Locale.ROOT,
                "RTP %s -> %s ssrc %s: packet loss must be at most %.1f %% but was %.2f %% (%d of %d expected, "
                    + "%d bursts, longest %d)", s.source(), s.destination(), s.ssrcHex(),
                severe ? t.lossFailPercent() : t.lossWarnPercent(), loss, s.lost(), s.expected(), s.lossBursts(),
                s.maxBurst()))
            .severity(severe ? Status.FAIL : Status.WARN)
            .evidence("stream", s.source() + " -> " + s.destination()).evidence("ssrcHex", s.ssrcHex())
            .evidence("lost", s.lost()).evidence("expected", s.expected())
            .evidence("lossPercent", Math.round(loss * 1000) / 1000.0).build());
      }
      if (s.jitterKnown() && s.maxJitterMs() > t.jitterWarnMs()) {
        boolean severe = s.maxJitterMs() > t.jitterFailMs();
        out.add(FindingCatalog.MEDIA_HIGH_JITTER.finding(String.format(Locale.ROOT,
                "RTP %s -> %s ssrc %s: jitter (RFC 3550) must be at most %.0f ms but reached %.1f ms (mean %.1f ms)",
                s.source(), s.destination(), s.ssrcHex(), severe ? t.jitterFailMs() : t.jitterWarnMs(),
                s.maxJitterMs(), s.meanJitterMs()))
            .severity(severe ? Status.FAIL : Status.WARN)
            .evidence("stream", s.source() + " -> " + s.destination()).evidence("ssrcHex", s.ssrcHex())
            .evidence("maxJitterMs", Math.round(s.maxJitterMs() * 1000) / 1000.0).build());
      }
    }
    Map<Integer, List<Integer>> calls = new LinkedHashMap<>();
    for (int i = 0; i < hints.size(); i++) {
      if (hints.get(i).answeredAt().isPresent()) {
        calls.computeIfAbsent(hints.get(i).call(), k -> new ArrayList<>()).add(i);
      }
    }
    calls.forEach((call, idx) -> judgeCall(call, idx, hints, towardAfterAnswer, out));
    return out;
  }

  private static void judgeCall(int call, List<Integer> idx, List<MediaHint> hints, long[] toward,
      List<Finding> out) {
    if (idx.size() < 2 || idx.stream().anyMatch(i -> hints.get(i).direction() != MediaDirection.SENDRECV)) {
      return;
    }
    List<Integer> silent = idx.stream().filter(i -> toward[i] == 0).toList();
    String answered = hints.get(idx.get(0)).answeredAt().orElseThrow().toString();
    if (silent.size() == idx.size()) {
      out.add(FindingCatalog.MEDIA_NO_RTP.finding(String.format(Locale.ROOT,
              "call %d: an answered call must carry RTP but no RTP reached %s after the answer at %s", call,
              idx.stream().map(i -> hints.get(i).endpoint().toString()).toList(), answered))
          .evidence("call", call).evidence("answeredAt", answered).build());
    } else if (!silent.isEmpty()) {
      MediaHint missing = hints.get(silent.get(0));
      long other = idx.stream().mapToLong(i -> toward[i]).sum();
      out.add(FindingCatalog.MEDIA_ONE_WAY_AUDIO.finding(String.format(Locale.ROOT,
              "call %d: RTP must flow both ways in a sendrecv call but none reached %s after the answer at %s, "
                  + "while %d packets went the other way", call, missing.endpoint(), answered, other))
          .evidence("call", call).evidence("missingToward", missing.endpoint().toString())
          .evidence("packetsOtherWay", other).evidence("answeredAt", answered).build());
    }
  }
}
