#!/usr/bin/env python3
"""A scripted IMAP server for what a real server won't do: hostile, broken or man-in-the-middle
behaviour. It plays one script to one client and records every byte the client sent, the bytes
sent in clear apart from those sent inside TLS.

Usage: server.py SCRIPT [--record FILE] [--record-tls FILE] [--certs DIR | --cert PEM --key PEM]
                        [--tls]

  --record FILE      the client's bytes before TLS (appended)
  --record-tls FILE  the client's bytes inside TLS (appended)
  --certs DIR        use DIR/server.pem and DIR/server.key, generating DIR (a test CA in
                     DIR/ca.pem and a `localhost` certificate) with certs.py if needed
  --tls              implicit TLS: handshake as soon as the client connects

Prints the listening port on stdout (one line), serves a single connection on 127.0.0.1, then
prints `end completed=0|1 accepts=N`: whether every step ran, and how many connections were
made to the port in all (a client that follows a referral to `{port}` makes a second one; it is
counted but never served).

Script lines (one step each, '#' comments). In texts, escapes \\r \\n \\t \\xNN \\\\ are decoded,
`{tag}` becomes the client's last tag and `{port}` the listening port.
  S: text               send text in ONE write (so several responses, or a response followed
                        by injected bytes, share a TCP segment)
  C: prefix             read one line from the client; fail unless, after its tag, it starts
                        with prefix (case-insensitive)
  READ n                read exactly n bytes from the client (e.g. a literal), recording them
  TLS                   server-side TLS handshake now. Right after `S:` this starts the handshake
                        with nothing in between: bytes sent in that `S:` precede it
  WAIT_READABLE         wait until the client has sent something, without reading it (e.g. its
                        ClientHello, so that the next `S:` arrives during its handshake)
  SLEEP secs            pause
  TRICKLE n secs text   send text n bytes at a time, pausing secs after each piece
  SEND_REPEAT count text  send text count times, generated in chunks (never held whole)
  SEND_FOREVER text     send text again and again until the client stops taking it
  SEND_RANDOM n seed    send n pseudo-random bytes (deterministic for a seed)
  CLOSE                 orderly close (TLS close_notify first when TLS is up)
  CUT                   close the TCP connection abruptly: inside TLS, no close_notify
  RESET                 abort the connection with a TCP RST
  DRAIN                 read (recording) until the client closes
"""
import argparse
import os
import random
import re
import select
import socket
import ssl
import struct
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import certs

CHUNK = 64 * 1024
# SEND_FOREVER stops here even if the client keeps reading (it should have failed long before).
FOREVER_CAP = 4 << 30
IO_TIMEOUT = 10.0


def unescape(s: str) -> bytes:
    out = bytearray()
    i = 0
    while i < len(s):
        c = s[i]
        if c == "\\" and i + 1 < len(s):
            n = s[i + 1]
            if n == "r":
                out += b"\r"
            elif n == "n":
                out += b"\n"
            elif n == "t":
                out += b"\t"
            elif n == "\\":
                out += b"\\"
            elif n == "x":
                out.append(int(s[i + 2 : i + 4], 16))
                i += 2
            else:
                out += ("\\" + n).encode()
            i += 2
            continue
        out += c.encode("utf-8")
        i += 1
    return bytes(out)


class ScriptError(Exception):
    pass


class Conn:
    def __init__(self, sock, plain_record, tls_record):
        self.sock = sock
        self.buf = b""
        self.plain_record = plain_record
        self.tls_record = tls_record
        self.tls = False

    def _record(self, data: bytes) -> None:
        rec = self.tls_record if self.tls else self.plain_record
        rec.write(data)
        rec.flush()

    def recv(self) -> bytes:
        self.sock.settimeout(IO_TIMEOUT)
        data = self.sock.recv(CHUNK)
        if data:
            self._record(data)
        return data

    def readline(self) -> bytes:
        while b"\n" not in self.buf:
            data = self.recv()
            if not data:
                raise EOFError("client closed")
            self.buf += data
        line, self.buf = self.buf.split(b"\n", 1)
        return line + b"\n"

    def read_exact(self, n: int) -> bytes:
        while len(self.buf) < n:
            data = self.recv()
            if not data:
                raise EOFError("client closed")
            self.buf += data
        out, self.buf = self.buf[:n], self.buf[n:]
        return out

    def drain(self) -> None:
        try:
            while self.recv():
                pass
        except OSError:
            pass

    def send(self, data: bytes) -> None:
        self.sock.settimeout(IO_TIMEOUT)
        self.sock.sendall(data)

    def start_tls(self, cert: str, key: str) -> None:
        if self.buf:
            raise ScriptError(f"client sent {self.buf!r} before the TLS handshake")
        ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        ctx.load_cert_chain(cert, key)
        self.sock.settimeout(IO_TIMEOUT)
        self.sock = ctx.wrap_socket(self.sock, server_side=True)
        self.tls = True

    def close(self) -> None:
        if self.tls:
            try:
                self.sock.settimeout(1.0)
                self.sock = self.sock.unwrap()
            except (OSError, ValueError):
                pass
        self.sock.close()

    def cut(self) -> None:
        # SSLSocket.shutdown drops the TLS state without close_notify, then sends a TCP FIN.
        try:
            self.sock.shutdown(socket.SHUT_RDWR)
        except OSError:
            pass
        self.sock.close()

    def reset(self) -> None:
        self.sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        self.sock.close()


def send_repeat(conn: Conn, count: int, text: bytes) -> None:
    if not text or count <= 0:
        return
    per_chunk = max(1, CHUNK // len(text))
    chunk = text * per_chunk
    full, rest = divmod(count, per_chunk)
    for _ in range(full):
        conn.send(chunk)
    if rest:
        conn.send(text * rest)


def run(steps, conn: Conn, args, port: int) -> bool:
    tag = "*"

    def expand(text: str) -> bytes:
        return unescape(text).replace(b"{tag}", tag.encode()).replace(b"{port}", str(port).encode())

    for step in steps:
        word, _, rest = step.partition(" ")
        if step.startswith("S: "):
            conn.send(expand(step[3:]))
        elif step.startswith("C: "):
            line = conn.readline().decode("utf-8", "replace")
            m = re.match(r"(\S+) ?(.*)", line)
            tag = m.group(1) if m else ""
            got = m.group(2) if m else line
            want = step[3:]
            if not got.upper().startswith(want.upper()):
                raise ScriptError(f"expected {want!r}, got {line!r}")
        elif word == "READ":
            conn.read_exact(int(rest))
        elif step == "TLS":
            conn.start_tls(args.cert, args.key)
        elif step == "WAIT_READABLE":
            if not select.select([conn.sock], [], [], IO_TIMEOUT)[0]:
                raise ScriptError("client sent nothing")
        elif word == "SLEEP":
            time.sleep(float(rest))
        elif word == "TRICKLE":
            n, secs, text = rest.split(" ", 2)
            data = expand(text)
            for i in range(0, len(data), int(n)):
                conn.send(data[i : i + int(n)])
                time.sleep(float(secs))
        elif word == "SEND_REPEAT":
            count, text = rest.split(" ", 1)
            send_repeat(conn, int(count), expand(text))
        elif word == "SEND_FOREVER":
            send_repeat(conn, FOREVER_CAP // max(1, len(expand(rest))), expand(rest))
        elif word == "SEND_RANDOM":
            n, seed = rest.split()
            rng = random.Random(int(seed))
            left = int(n)
            while left > 0:
                piece = rng.randbytes(min(left, CHUNK))
                conn.send(piece)
                left -= len(piece)
        elif step == "CLOSE":
            conn.close()
            return True
        elif step == "CUT":
            conn.cut()
            return True
        elif step == "RESET":
            conn.reset()
            return True
        elif step == "DRAIN":
            conn.drain()
        else:
            raise ScriptError(f"unknown step {step!r}")
    conn.close()
    return True


def count_backlog(lsock: socket.socket) -> int:
    """Connections the kernel completed on the listening socket that nobody accepted."""
    lsock.setblocking(False)
    n = 0
    while True:
        try:
            s, _ = lsock.accept()
        except OSError:
            return n
        s.close()
        n += 1


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("script")
    ap.add_argument("--record", default=os.devnull)
    ap.add_argument("--record-tls", default=os.devnull)
    ap.add_argument("--certs")
    ap.add_argument("--cert")
    ap.add_argument("--key")
    ap.add_argument("--tls", action="store_true")
    args = ap.parse_args()
    if args.certs:
        certs.ensure(args.certs)
        args.cert = os.path.join(args.certs, "server.pem")
        args.key = os.path.join(args.certs, "server.key")
    steps = []
    with open(args.script, encoding="utf-8") as f:
        for raw in f:
            line = raw.rstrip("\n")
            if not line.strip() or line.lstrip().startswith("#"):
                continue
            steps.append(line)

    lsock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    lsock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    lsock.bind(("127.0.0.1", 0))
    lsock.listen(8)
    port = lsock.getsockname()[1]
    print(port, flush=True)
    lsock.settimeout(30)
    sock, _ = lsock.accept()
    # Every write is its own segment (no Nagle coalescing), so separate `S:` steps stay separate.
    sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    completed = False
    with open(args.record, "ab") as plain, open(args.record_tls, "ab") as tls:
        conn = Conn(sock, plain, tls)
        try:
            if args.tls:
                conn.start_tls(args.cert, args.key)
            completed = run(steps, conn, args, port)
        except ScriptError as e:
            print(f"script: {e}", file=sys.stderr)
        except (EOFError, OSError) as e:
            print(f"script: connection ended: {e}", file=sys.stderr)
        finally:
            try:
                conn.sock.close()
            except OSError:
                pass
    print(f"end completed={int(completed)} accepts={1 + count_backlog(lsock)}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
