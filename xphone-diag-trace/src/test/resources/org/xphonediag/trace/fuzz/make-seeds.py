#!/usr/bin/env python3
"""Writes the seed inputs of the trace fuzz targets (see README.md next to this script).

Run from this folder: python3 make-seeds.py. Deterministic; no network, no tools.
"""
import os
import struct

INVITE = (b"INVITE sip:1002@192.0.2.20:5060 SIP/2.0\r\n"
          b"Via: SIP/2.0/UDP 10.0.0.10:50000;branch=z9hG4bK-1\r\n"
          b"From: <sip:1001@192.0.2.20>;tag=a1\r\nTo: <sip:1002@192.0.2.20>\r\n"
          b"Call-ID: fuzz-1@10.0.0.10\r\nCSeq: 1 INVITE\r\nContact: <sip:1001@10.0.0.10:50000>\r\n"
          b"Content-Type: application/sdp\r\nContent-Length: %d\r\n\r\n")
SDP = (b"v=0\r\no=IceLink 1 1 IN IP4 10.0.0.10\r\ns=-\r\nc=IN IP4 10.0.0.10\r\nt=0 0\r\n"
       b"m=audio 50000 RTP/AVP 0\r\na=rtpmap:0 PCMU/8000\r\na=ice-ufrag:ab12\r\na=ice-pwd:0123456789abcdefghijkl\r\n"
       b"a=candidate:1 1 UDP 2130706431 10.0.0.10 50000 typ host\r\n"
       b"a=candidate:2 1 UDP 1694498815 203.0.113.7 50000 typ srflx raddr 10.0.0.10 rport 50000\r\n")


def response(code, reason, body=b""):
    head = (b"SIP/2.0 %d %s\r\nVia: SIP/2.0/UDP 10.0.0.10:50000;branch=z9hG4bK-1\r\n"
            b"From: <sip:1001@192.0.2.20>;tag=a1\r\nTo: <sip:1002@192.0.2.20>;tag=b2\r\n"
            b"Call-ID: fuzz-1@10.0.0.10\r\nCSeq: 1 INVITE\r\n" % (code, reason))
    if body:
        head += b"Content-Type: application/sdp\r\n"
    return head + b"Content-Length: %d\r\n\r\n" % len(body) + body


invite = INVITE % len(SDP) + SDP
ok = response(200, b"OK", SDP.replace(b"10.0.0.10", b"192.0.2.20").replace(b"IceLink", b"FreeSWITCH"))
# RFC 5769 section 2.1 sample request (STUN binding with USERNAME, MESSAGE-INTEGRITY, FINGERPRINT)
stun = bytes.fromhex(
    "000100582112a442b7e7a701bc34d686fa87dfae802200105354554e207465737420636c69656e74"
    "002400046e0001ff80290008932ff9b151263b36000600096576746a3a68367659202020000800149aeaa70cbfd8cb56"
    "781ef2b5b2d3f249c1b571a280280004e57a3bcf")
rtp = bytes.fromhex("80000001000000a012345678") + bytes(40)


def ipv4_udp(src, dst, sport, dport, payload):
    udp = struct.pack(">HHHH", sport, dport, 8 + len(payload), 0) + payload
    ip = struct.pack(">BBHHHBBH4s4s", 0x45, 0, 20 + len(udp), 1, 0, 64, 17, 0, bytes(src), bytes(dst))
    return ip + udp


def pcap(frames, big=False, nanos=False, link=101):
    e = ">" if big else "<"
    out = struct.pack(e + "IHHiIII", 0xA1B23C4D if nanos else 0xA1B2C3D4, 2, 4, 0, 0, 262144, link)
    for i, f in enumerate(frames):
        out += struct.pack(e + "IIII", 1700000000 + i, 500, len(f), len(f)) + f
    return out


def pcapng(frames):
    def block(t, body):
        body += bytes(-len(body) % 4)
        return struct.pack("<II", t, 12 + len(body)) + body + struct.pack("<I", 12 + len(body))
    out = block(0x0A0D0D0A, struct.pack("<IHHq", 0x1A2B3C4D, 1, 0, -1))
    out += block(1, struct.pack("<HHI", 101, 0, 262144) + struct.pack("<HHB3x", 9, 1, 9) + struct.pack("<HH", 0, 0))
    for i, f in enumerate(frames):
        ts = (1700000000 + i) * 10**9
        out += block(6, struct.pack("<IIIII", 0, ts >> 32, ts & 0xffffffff, len(f), len(f)) + f)
    return out


def rec(flags, payload):
    return bytes([flags]) + struct.pack(">H", len(payload)) + payload


def seg(flags, shift, payload):
    return bytes([flags]) + struct.pack(">hH", shift, len(payload)) + payload


def write(folder, name, data):
    os.makedirs(folder, exist_ok=True)
    with open(os.path.join(folder, name), "wb") as f:
        f.write(data)


a, b = [10, 0, 0, 10], [192, 0, 2, 20]
frames = [ipv4_udp(a, b, 50000, 5060, invite), ipv4_udp(b, a, 5060, 50000, ok),
          ipv4_udp(a, [198, 51, 100, 1], 50000, 3478, stun), ipv4_udp(a, b, 50000, 30000, rtp)]
write("CaptureReadFuzzTestInputs", "pcap-le-raw", pcap(frames))
write("CaptureReadFuzzTestInputs", "pcap-be-nanos-ethernet",
      pcap([bytes(12) + b"\x08\x00" + frames[2]], big=True, nanos=True, link=1))
write("CaptureReadFuzzTestInputs", "pcapng-raw-nanos", pcapng(frames[1:3]))

write("SipExtractionFuzzTestInputs", "invite-200", rec(0, invite) + rec(1, ok))
write("SipExtractionFuzzTestInputs", "invite-403-ipv6", rec(2, invite) + rec(3, response(403, b"Forbidden")))
write("SipExtractionFuzzTestInputs", "stun-rtp-488", rec(0, stun) + rec(0, rtp) + rec(5, response(488, b"Not Acceptable Here")))

write("TcpReassemblyFuzzTestInputs", "split-invite", seg(4, 0, b"") + seg(0, 0, invite[:300]) + seg(0, 0, invite[300:]))
write("TcpReassemblyFuzzTestInputs", "two-in-one", seg(0, 0, invite + response(100, b"Trying")) + seg(1, 0, ok))
write("TcpReassemblyFuzzTestInputs", "retransmit-gap",
      seg(0, 0, invite[:200]) + seg(0, -200, invite[:200]) + seg(0, 50, invite[250:]) + seg(0, 0, invite))
