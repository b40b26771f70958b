package org.xphonediag.trace.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.xphonediag.core.net.AddressClass;
import org.xphonediag.core.net.HostAndPort;
import org.xphonediag.trace.CallLeg;
import org.xphonediag.trace.LegRole;
import org.xphonediag.trace.SipMessage;

/**
 * Groups SIP messages into dialogs by Call-ID, gives each its role (docs/field-guide.md#reading-a-trace, ARCHITECTURE.md
 * "Trace reading") and pairs leg 2 with the loopback leg whose INVITE came last before it (within
 * {@link #PAIR_WINDOW_NANOS}). Bounded: {@link #MAX_DIALOGS} dialogs, {@link #MAX_KEPT} messages kept. Not thread-safe.
 */
public final class Legs {
  /** A leg 2 INVITE pairs with a loopback INVITE at most this long before it (or 1 s after). */
  public static final long PAIR_WINDOW_NANOS = 120_000_000_000L;
  private static final long SKEW_NANOS = 1_000_000_000L;
  /** Dialogs tracked; messages of further Call-IDs are not grouped. */
  public static final int MAX_DIALOGS = 10_000;
  /** Messages kept over all dialogs (each leg keeps at most {@link CallLeg#MAX_MESSAGES}); the rest are counted. */
  public static final int MAX_KEPT = 20_000;
  private int kept;

  private final Map<String, List<SipMessage>> dialogs = new LinkedHashMap<>();
  private final Map<String, Integer> counts = new LinkedHashMap<>();

  /** Adds a message to its dialog. */
  public void add(SipMessage m) {
    String id = m.callId();
    List<SipMessage> list = dialogs.get(id);
    if (list == null) {
      if (dialogs.size() >= MAX_DIALOGS) {
        return;
      }
      list = new ArrayList<>();
      dialogs.put(id, list);
    }
    counts.merge(id, 1, Integer::sum);
    if (list.size() < CallLeg.MAX_MESSAGES && kept < MAX_KEPT) {
      list.add(m);
      kept++;
    }
  }

  /** The legs, numbered into calls, in order of their first message. */
  public List<CallLeg> build() {
    record Draft(String callId, LegRole role, String by, String ua, Optional<SipMessage> invite,
        Optional<SipMessage> fin, List<SipMessage> msgs, int count) {}
    List<Draft> drafts = new ArrayList<>();
    for (Map.Entry<String, List<SipMessage>> e : dialogs.entrySet()) {
      List<SipMessage> msgs = e.getValue();
      Optional<SipMessage> invite = msgs.stream().filter(m -> m.request() && m.method().equals("INVITE")).findFirst();
      Optional<SipMessage> fin = msgs.stream()
          .filter(m -> !m.request() && m.statusCode() >= 200 && m.method().equals("INVITE")).findFirst();
      String ua = invite.map(SipMessage::userAgent).orElse("");
      LegRole role = LegRole.OTHER;
      String by = "none";
      if (msgs.stream().anyMatch(m -> loopback(m.source()) && loopback(m.destination()))) {
        role = LegRole.LOOPBACK;
        by = "loopback-addresses";
      } else if (msgs.stream().anyMatch(m -> lower(m.userAgent()).startsWith("sipsorcery"))) {
        role = LegRole.LOOPBACK;
        by = "user-agent";
      } else if (msgs.stream().anyMatch(m -> m.request() && isLoopbackPort(m.destination().port()))) {
        role = LegRole.LOOPBACK;
        by = "port-4900";
      } else if (msgs.stream().anyMatch(m -> m.request() && lower(m.userAgent()).contains("xphone call controller"))) {
        role = LegRole.XCC;
        by = "user-agent";
      }
      drafts.add(new Draft(e.getKey(), role, by, ua, invite, fin, msgs, counts.get(e.getKey())));
    }
    int[] calls = new int[drafts.size()];
    int next = 0;
    List<Integer> loopbackOrder = new ArrayList<>();
    for (int i = 0; i < drafts.size(); i++) {
      if (drafts.get(i).role == LegRole.LOOPBACK) {
        calls[i] = ++next;
        loopbackOrder.add(i);
      }
    }
    for (int i = 0; i < drafts.size(); i++) {
      Draft d = drafts.get(i);
      if (d.role == LegRole.LOOPBACK) {
        continue;
      }
      if (d.role == LegRole.XCC && d.invite.isPresent()) {
        long t = d.invite.get().epochNanos();
        Optional<Integer> best = loopbackOrder.stream()
            .filter(j -> drafts.get(j).invite.isPresent())
            .filter(j -> {
              long lt = drafts.get(j).invite.get().epochNanos();
              return lt <= t + SKEW_NANOS && t - lt <= PAIR_WINDOW_NANOS;
            })
            .max(Comparator.comparingLong(j -> drafts.get(j).invite.get().epochNanos()));
        if (best.isPresent()) {
          calls[i] = calls[best.get()];
          continue;
        }
      }
      calls[i] = ++next;
    }
    List<CallLeg> legs = new ArrayList<>();
    for (int i = 0; i < drafts.size(); i++) {
      Draft d = drafts.get(i);
      legs.add(new CallLeg(calls[i], d.callId, d.role, d.by, d.ua, d.invite, d.fin, d.msgs, d.count));
    }
    return legs;
  }

  private static boolean isLoopbackPort(int port) {
    return port == 4900 || port == 4901;
  }

  private static boolean loopback(HostAndPort hp) {
    return hp.ipAddress().map(a -> a.addressClass() == AddressClass.LOOPBACK).orElse(false);
  }

  private static String lower(String s) {
    return s.toLowerCase(Locale.ROOT);
  }
}
