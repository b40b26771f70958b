package org.xphonediag.sip.internal;

import java.io.EOFException;
import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.PortUnreachableException;
import java.net.ProtocolException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xphonediag.core.net.Transport;
import org.xphonediag.sip.SipAnswer.Kind;
import org.xphonediag.sip.SipMethod;

/**
 * Runs one SIP probe: a client transaction of our own (RFC 3261 §17.1) on a socket of its own
 * ({@link SipConnection}), with messages written by {@link SipRequests} and answers read by
 * jain-sip's parser ({@link ParsedResponse}). It starts no thread and shares nothing with other probes, so
 * probes run concurrently, each to its own deadline; the calling thread does all the work and the
 * socket is closed before {@link #run} returns.
 *
 * <p>Over UDP the request is retransmitted as RFC 3261 §17.1.1.2 and §17.1.2.2 say (Timer A for
 * INVITE until a provisional answer, Timer E for the others, from T1 = 500 ms, capped at T2 = 4 s for
 * non-INVITE); the channel is connected, so ICMP port unreachable ends the probe at once. Every
 * request goes to the probed address, also the ACK and BYE of a dialog whose Contact names another
 * one: a diagnostic probe never sends to an address it was not given. An answer counts when its top
 * Via branch, CSeq and Call-ID match a request of this probe; anything else is ignored.
 */
public final class ClientTransaction {
  private static final Logger LOG = LoggerFactory.getLogger(ClientTransaction.class);
  private static final long T1 = Duration.ofMillis(500).toNanos();
  private static final long T2 = Duration.ofSeconds(4).toNanos();
  /** How often the cancellation flag is polled while waiting. */
  private static final long POLL_SLICE = Duration.ofMillis(50).toNanos();

  private ClientTransaction() {}

  /** What to send. {@code body} is null for OPTIONS. */
  public record Spec(InetAddress address, int port, String user, Transport transport, SipMethod method,
      byte[] body, Duration timeout, Duration cleanupGrace, InetAddress localAddress, BooleanSupplier cancelled) {}

  /**
   * What happened; {@code statusCode} and {@code reason} only for ANSWERED; {@code error} what failed
   * (TRANSPORT_ERROR), or why a wait over TCP ended before the deadline (NO_ANSWER).
   */
  public record Raw(Kind kind, int statusCode, String reason, List<Integer> provisional, Duration elapsed,
      List<String> cleanup, String error) {}

  /** The local address the OS would send from towards {@code target} (a connected UDP socket sends nothing). */
  public static InetAddress localAddressTowards(InetAddress target) {
    if (target.isLoopbackAddress()) {
      return target;
    }
    try (DatagramSocket s = new DatagramSocket()) {
      s.connect(new InetSocketAddress(target, 9));
      InetAddress local = s.getLocalAddress();
      return local == null || local.isAnyLocalAddress() ? InetAddress.getLoopbackAddress() : local;
    } catch (SocketException e) {
      return InetAddress.getLoopbackAddress();
    }
  }

  /**
   * Runs one probe; see the class comment.
   *
   * @throws InterruptedException when interrupted or cancelled; a started INVITE is cancelled or ended first
   */
  public static Raw run(Spec spec) throws InterruptedException {
    return new Probe(spec).execute();
  }

  /** A client transaction: its request and, over UDP, its retransmission timer (Timer A or E). */
  private static final class Transaction {
    final String method;
    final String branch;
    final long cseq;
    final byte[] request;
    private final boolean retransmits;
    private long interval = T1;
    private long nextSend;
    private boolean waiting;

    Transaction(String method, String branch, long cseq, byte[] request, boolean reliable, long sentAt) {
      this.method = method;
      this.branch = branch;
      this.cseq = cseq;
      this.request = request;
      this.retransmits = !reliable;
      this.waiting = retransmits;
      this.nextSend = sentAt + interval;
    }

    boolean matches(ParsedResponse a) {
      return a.branch().equals(branch) && a.cseq() == cseq && a.method().equalsIgnoreCase(method);
    }

    boolean due(long now) {
      return waiting && now - nextSend >= 0;
    }

    /** Nanoseconds until the next retransmission, or {@code max} when none is due sooner. */
    long untilNext(long now, long max) {
      return waiting ? Math.max(0, Math.min(max, nextSend - now)) : max;
    }

    void retransmitted(long now) {
      interval = method.equals("INVITE") ? interval * 2 : Math.min(interval * 2, T2);
      nextSend = now + interval;
    }

    /** A provisional answer: an INVITE is no longer retransmitted, the others every T2 (§17.1.2.2). */
    void proceeding(long now) {
      if (method.equals("INVITE")) {
        waiting = false;
      } else if (retransmits) {
        interval = T2;
        nextSend = now + T2;
      }
    }
  }

  /** The state of one probe; used by one thread. */
  private static final class Probe {
    private final Spec spec;
    private final InetSocketAddress peer;
    private final ParsedResponse.Parser parser = new ParsedResponse.Parser();
    private final List<Integer> provisional = new ArrayList<>();
    private final List<String> cleanup = new ArrayList<>();
    private final List<Transaction> active = new ArrayList<>();
    private SipConnection connection;
    private SipRequests requests;
    private Transaction invite;
    /** The ACK sent for the INVITE's final answer; sent again when that answer is retransmitted. */
    private byte[] inviteAck;
    private long start;

    Probe(Spec spec) {
      this.spec = spec;
      this.peer = new InetSocketAddress(spec.address(), spec.port());
    }

    Raw execute() throws InterruptedException {
      start = System.nanoTime();
      long deadline = start + spec.timeout().toNanos();
      try {
        connection = SipConnection.open(spec.transport(), peer, spec.localAddress(), deadline);
      } catch (SocketTimeoutException e) {
        return raw(Kind.NO_ANSWER, 0, null, e.getMessage());
      } catch (IOException e) {
        LOG.debug("opening the probe's connection to {} failed", peer, e);
        return raw(Kind.TRANSPORT_ERROR, 0, null, describe(e));
      }
      try {
        requests = new SipRequests(spec.method(), spec.transport(), spec.address(), spec.port(), spec.user(),
            connection.localAddress());
        String branch = SipRequests.branch();
        Transaction tx = send(new Transaction(spec.method().name(), branch, 1, requests.request(branch, spec.body()),
            spec.transport() == Transport.TCP, System.nanoTime()), deadline);
        if (spec.method() == SipMethod.INVITE) {
          invite = tx;
        }
        while (true) {
          ParsedResponse a = next(deadline, true);
          if (a == null) {
            cancelIfRinging();
            return raw(Kind.NO_ANSWER, 0, null, null);
          }
          if (a.provisional()) {
            provisional.add(a.status());
            tx.proceeding(System.nanoTime());
            continue;
          }
          active.remove(tx);
          Raw answered = raw(Kind.ANSWERED, a.status(), a.reason(), null);
          endCall(a);
          return answered;
        }
      } catch (PortUnreachableException e) {
        return raw(Kind.TRANSPORT_ERROR, 0, null, "ICMP port unreachable: nothing listens on "
            + connection.where() + ", or a firewall rejects it");
      } catch (EOFException | ProtocolException | SocketTimeoutException e) {
        // the peer hung up, sent what is not SIP, or does not read: nothing more can come on this connection
        return raw(Kind.NO_ANSWER, 0, null, e.getMessage());
      } catch (IOException e) {
        LOG.debug("the probe's exchange with {} failed", peer, e);
        return raw(Kind.TRANSPORT_ERROR, 0, null, describe(e));
      } catch (InterruptedException e) {
        awaitFirstAnswer();
        cancelIfRinging();
        throw e;
      } finally {
        connection.close();
      }
    }

    /** Sends a new transaction's request and makes it active. */
    private Transaction send(Transaction tx, long until) throws IOException {
      connection.send(tx.request, until);
      LOG.debug("sent {} (CSeq {}) to {}", tx.method, tx.cseq, connection.where());
      active.add(tx);
      return tx;
    }

    /**
     * The next answer to an active transaction by {@code until}, retransmitting over UDP meanwhile;
     * null at {@code until}. When {@code cancellable}, cancellation and interrupts throw; otherwise
     * (clean-up after the answer or the deadline) an interrupt ends the wait with null and stays set.
     */
    private ParsedResponse next(long until, boolean cancellable) throws IOException, InterruptedException {
      while (true) {
        if (cancellable) {
          boolean interrupted = Thread.interrupted(); // cleared, so that the clean-up can still wait
          if (interrupted || spec.cancelled().getAsBoolean()) {
            throw new InterruptedException("SIP probe to " + connection.where() + " cancelled");
          }
        } else if (Thread.currentThread().isInterrupted()) {
          return null;
        }
        long now = System.nanoTime();
        long left = until - now;
        if (left <= 0) {
          return null;
        }
        long wait = Math.min(left, POLL_SLICE);
        for (Transaction t : active) {
          if (t.due(now)) {
            connection.send(t.request, until);
            t.retransmitted(now);
            LOG.debug("sent {} (CSeq {}) to {} again", t.method, t.cseq, connection.where());
          }
          wait = t.untilNext(now, wait);
        }
        byte[] message = connection.receive(now + wait);
        if (message == null) {
          continue;
        }
        Optional<ParsedResponse> parsed = parser.parse(message);
        if (parsed.isEmpty() || !parsed.get().callId().equals(requests.callId())) {
          LOG.debug("ignored {} bytes from {}: not an answer to this probe", message.length, connection.where());
          continue;
        }
        ParsedResponse a = parsed.get();
        if (inviteAck != null && invite.matches(a) && !a.provisional()) {
          connection.send(inviteAck, until); // the final answer again: our ACK was lost
          continue;
        }
        for (Transaction t : active) {
          if (t.matches(a)) {
            LOG.debug("received {} to {} from {}", a.statusLine(), a.method(), connection.where());
            return a;
          }
        }
        LOG.debug("ignored {} to {} (CSeq {}) from {}: no such request pending", a.statusLine(), a.method(), a.cseq(),
            connection.where());
      }
    }

    /** After a final answer to INVITE: ACK it, and end a 2xx's call with BYE (waits at most the grace). */
    private void endCall(ParsedResponse a) {
      if (invite == null) {
        return;
      }
      long graceEnd = System.nanoTime() + spec.cleanupGrace().toNanos();
      try {
        if (a.status() >= 300) {
          inviteAck = requests.ackFailure(invite.branch, a.toTag());
          connection.send(inviteAck, graceEnd);
          cleanup.add("ack");
          return;
        }
        inviteAck = requests.ackSuccess(SipRequests.branch(), a);
        connection.send(inviteAck, graceEnd);
        cleanup.add("ack");
        String branch = SipRequests.branch();
        Transaction bye = send(new Transaction("BYE", branch, 2, requests.bye(branch, a),
            spec.transport() == Transport.TCP, System.nanoTime()), graceEnd);
        cleanup.add("bye");
        ParsedResponse b;
        while ((b = next(graceEnd, false)) != null) {
          if (bye.matches(b) && !b.provisional()) {
            active.remove(bye);
            return;
          }
        }
      } catch (IOException | InterruptedException e) { // InterruptedException: not thrown when not cancellable
        LOG.debug("ending the probe's call at {} failed: {}", connection.where(), e.toString());
      }
    }

    /**
     * When cancelled before any answer to an INVITE arrived: waits up to the clean-up grace for the
     * first one, because CANCEL may only follow a provisional answer (RFC 3261 §9.1) and the peer may
     * already be ringing. A final answer that arrives instead is ended at once.
     */
    private void awaitFirstAnswer() {
      if (invite == null || !provisional.isEmpty() || !active.contains(invite)) {
        return;
      }
      try {
        ParsedResponse a = next(System.nanoTime() + spec.cleanupGrace().toNanos(), false);
        if (a == null || !invite.matches(a)) {
          return;
        }
        if (a.provisional()) {
          provisional.add(a.status());
          invite.proceeding(System.nanoTime());
        } else {
          active.remove(invite);
          endCall(a);
        }
      } catch (IOException | InterruptedException e) {
        LOG.debug("waiting for the first answer from {} failed: {}", connection.where(), e.toString());
      }
    }

    /** Cancels an INVITE that got a provisional answer but no final one (RFC 3261 §9.1), then ends its call. */
    private void cancelIfRinging() {
      if (invite == null || provisional.isEmpty() || !active.contains(invite)) {
        return;
      }
      long graceEnd = System.nanoTime() + spec.cleanupGrace().toNanos();
      try {
        Transaction cancel = send(new Transaction("CANCEL", invite.branch, 1, requests.cancel(invite.branch),
            spec.transport() == Transport.TCP, System.nanoTime()), graceEnd);
        cleanup.add("cancel");
        ParsedResponse a;
        while ((a = next(graceEnd, false)) != null) {
          if (cancel.matches(a) && !a.provisional()) {
            active.remove(cancel);
          } else if (invite.matches(a) && !a.provisional()) {
            active.remove(invite);
            endCall(a);
            return;
          }
        }
      } catch (IOException | InterruptedException e) {
        LOG.debug("cancelling the probe's INVITE at {} failed: {}", connection.where(), e.toString());
      }
    }

    private Raw raw(Kind kind, int code, String reason, String error) {
      return new Raw(kind, code, reason, provisional, Duration.ofNanos(System.nanoTime() - start), cleanup, error);
    }

    private String describe(IOException e) {
      String msg = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().replaceAll("\\s+", " ");
      if (spec.transport() == Transport.TCP && e instanceof java.net.ConnectException) {
        String host = spec.address().getHostAddress();
        return "TCP connection to " + (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + spec.port()
            + " failed (" + msg + ")";
      }
      return msg;
    }
  }
}
