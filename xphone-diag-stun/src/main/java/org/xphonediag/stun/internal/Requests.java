package org.xphonediag.stun.internal;

import java.security.SecureRandom;
import org.xphonediag.stun.StunClass;
import org.xphonediag.stun.StunCredentials;
import org.xphonediag.stun.StunMessage;

/** Builds the Binding requests the probes send (RFC 8489 §6.1, RFC 8445 §7.2.2). Thread-safe. */
public final class Requests {
  private static final SecureRandom RANDOM = new SecureRandom();

  private Requests() {}

  /** A fresh random 96-bit transaction id. */
  public static byte[] newTransactionId() {
    byte[] txid = new byte[12];
    RANDOM.nextBytes(txid);
    return txid;
  }

  /** A random 64-bit tie-breaker. */
  public static long newTieBreaker() {
    return RANDOM.nextLong();
  }

  /** A classic Binding request with FINGERPRINT. */
  public static byte[] classic(byte[] txid) {
    return new MessageWriter(StunClass.REQUEST, StunMessage.BINDING, txid).fingerprint().toBytes();
  }

  /** A classic Binding request with CHANGE-REQUEST (RFC 5780 §7.2). */
  public static byte[] changeRequest(byte[] txid, boolean changeIp, boolean changePort) {
    return new MessageWriter(StunClass.REQUEST, StunMessage.BINDING, txid)
        .u32Attribute(Attributes.CHANGE_REQUEST, (changeIp ? 4 : 0) | (changePort ? 2 : 0)).fingerprint().toBytes();
  }

  /**
   * An ICE connectivity check: USERNAME {@code remoteUfrag:localUfrag}, PRIORITY, ICE-CONTROLLING
   * or ICE-CONTROLLED with the tie-breaker, MESSAGE-INTEGRITY keyed with the remote password,
   * FINGERPRINT.
   */
  public static byte[] ice(byte[] txid, IceParameters p) {
    MessageWriter w = new MessageWriter(StunClass.REQUEST, StunMessage.BINDING, txid)
        .text(Attributes.USERNAME, p.remoteUfrag() + ":" + p.localUfrag())
        .u32Attribute(Attributes.PRIORITY, p.priority())
        .u64Attribute(p.controlling() ? Attributes.ICE_CONTROLLING : Attributes.ICE_CONTROLLED, p.tieBreaker());
    return w.integrity(p.credentials()).fingerprint().toBytes();
  }

  /**
   * What an ICE check needs.
   *
   * @param remoteUfrag the peer's ice-ufrag
   * @param localUfrag our ice-ufrag
   * @param credentials short-term credentials with the peer's ice-pwd
   * @param priority PRIORITY
   * @param controlling ICE-CONTROLLING (else ICE-CONTROLLED)
   * @param tieBreaker the tie-breaker
   */
  public record IceParameters(String remoteUfrag, String localUfrag, StunCredentials credentials, long priority,
      boolean controlling, long tieBreaker) {}
}
