package org.xphonediag.stun.turn;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiFunction;
import org.xphonediag.core.Secret;
import org.xphonediag.stun.AttributeValue;
import org.xphonediag.stun.StunClass;
import org.xphonediag.stun.StunCredentials;
import org.xphonediag.stun.StunDecoder;
import org.xphonediag.stun.StunFormatException;
import org.xphonediag.stun.StunMessage;
import org.xphonediag.stun.internal.Attributes;
import org.xphonediag.stun.internal.MessageWriter;

/**
 * A UDP TURN server played from a script (no relaying of its own): each received message and its
 * index go to the script, which returns the bytes to answer or null. Records what it received.
 */
final class ScriptedTurnServer implements AutoCloseable {
  static final StunCredentials KEY = StunCredentials.longTerm("alice", "lab.example", Secret.of("secret"));
  final List<StunMessage> received = new CopyOnWriteArrayList<>();
  private final DatagramSocket socket;
  private final Thread thread;

  ScriptedTurnServer(BiFunction<StunMessage, Integer, byte[]> script) throws IOException {
    socket = new DatagramSocket(0, InetAddress.getLoopbackAddress());
    thread = new Thread(() -> {
      byte[] buf = new byte[2048];
      while (!socket.isClosed()) {
        DatagramPacket p = new DatagramPacket(buf, buf.length);
        try {
          socket.receive(p);
          StunMessage m = StunDecoder.decode(java.util.Arrays.copyOf(buf, p.getLength()), KEY);
          received.add(m);
          byte[] answer = script.apply(m, received.size() - 1);
          if (answer != null) {
            send(answer, p.getSocketAddress());
          }
        } catch (IOException | StunFormatException e) {
          // closed, or a message the script does not care about
        }
      }
    }, "scripted-turn");
    thread.setDaemon(true);
    thread.start();
  }

  private void send(byte[] b, SocketAddress to) throws IOException {
    socket.send(new DatagramPacket(b, b.length, to));
  }

  TurnUri uri() {
    return TurnUri.parse("turn:127.0.0.1:" + socket.getLocalPort());
  }

  InetSocketAddress address() {
    return new InetSocketAddress(InetAddress.getLoopbackAddress(), socket.getLocalPort());
  }

  static byte[] error(StunMessage req, int code, String reason, String nonce) {
    MessageWriter w = new MessageWriter(StunClass.ERROR_RESPONSE, req.method(), req.transactionId())
        .errorCode(code, reason);
    if (nonce != null) {
      w.text(Attributes.REALM, "lab.example").text(Attributes.NONCE, nonce);
    }
    return w.fingerprint().toBytes();
  }

  static byte[] allocated(StunMessage req, InetSocketAddress relayed, InetSocketAddress mapped) {
    return new MessageWriter(StunClass.SUCCESS_RESPONSE, req.method(), req.transactionId())
        .address(Attributes.XOR_RELAYED_ADDRESS, relayed).address(Attributes.XOR_MAPPED_ADDRESS, mapped)
        .u32Attribute(Attributes.LIFETIME, 600).integrity(KEY).fingerprint().toBytes();
  }

  static byte[] success(StunMessage req) {
    return new MessageWriter(StunClass.SUCCESS_RESPONSE, req.method(), req.transactionId()).integrity(KEY)
        .fingerprint().toBytes();
  }

  /** The Data indication a relay would send for a Send indication (the peer echoing at once). */
  static byte[] echoData(StunMessage send) {
    byte[] txid = org.xphonediag.stun.internal.Requests.newTransactionId();
    return new MessageWriter(StunClass.INDICATION, 0x007, txid)
        .address(Attributes.XOR_PEER_ADDRESS, send.address(Attributes.XOR_PEER_ADDRESS).orElseThrow())
        .attribute(Attributes.DATA, send.attribute(Attributes.DATA).orElseThrow().value()).fingerprint().toBytes();
  }

  static String nonce(StunMessage m) {
    return m.value(Attributes.NONCE, AttributeValue.Text.class).map(AttributeValue.Text::text).orElse(null);
  }

  static long lifetime(StunMessage m) {
    return m.value(Attributes.LIFETIME, AttributeValue.Lifetime.class).orElseThrow().seconds();
  }

  @Override
  public void close() throws InterruptedException {
    socket.close();
    thread.join(1000);
  }
}
