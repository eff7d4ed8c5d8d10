#!/usr/bin/env python3
"""A scripted IMAP server for what a real server won't do: hostile, broken or man-in-the-middle
behaviour. It plays one script to one client and records every byte the client sent.

Usage: server.py SCRIPT [--record FILE] [--cert PEM --key PEM]
Prints the listening port on stdout (one line), then serves a single connection on 127.0.0.1.

Script lines (one step each, '#' comments):
  S: text      send text (escapes: \\r \\n \\t \\xNN \\\\; `{tag}` is the last client tag)
  C: prefix    read one line from the client; fail unless it starts with prefix (after `{tag}`
               substitution of the client's own tag, i.e. the prefix is matched after the tag)
  TLS          wrap the connection in TLS now (server side; needs --cert/--key)
  SLEEP secs   pause
  CLOSE        close the connection
  DRAIN        read until the client closes (recording)
"""
import argparse
import re
import socket
import ssl
import sys
import time


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


class Conn:
    def __init__(self, sock, record):
        self.sock = sock
        self.buf = b""
        self.record = record

    def readline(self, timeout=10.0):
        self.sock.settimeout(timeout)
        while b"\n" not in self.buf:
            data = self.sock.recv(65536)
            if not data:
                raise EOFError("client closed")
            self.record.write(data)
            self.record.flush()
            self.buf += data
        line, self.buf = self.buf.split(b"\n", 1)
        return line + b"\n"

    def drain(self, timeout=10.0):
        self.sock.settimeout(timeout)
        try:
            while True:
                data = self.sock.recv(65536)
                if not data:
                    return
                self.record.write(data)
                self.record.flush()
        except OSError:
            return


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("script")
    ap.add_argument("--record", default="/dev/null")
    ap.add_argument("--cert")
    ap.add_argument("--key")
    args = ap.parse_args()
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
    lsock.listen(1)
    print(lsock.getsockname()[1], flush=True)
    lsock.settimeout(30)
    sock, _ = lsock.accept()
    tag = "*"
    with open(args.record, "ab") as record:
        conn = Conn(sock, record)
        try:
            for step in steps:
                if step.startswith("S: "):
                    conn.sock.sendall(unescape(step[3:]).replace(b"{tag}", tag.encode()))
                elif step.startswith("C: "):
                    line = conn.readline().decode("utf-8", "replace")
                    m = re.match(r"(\S+) ?(.*)", line)
                    tag = m.group(1) if m else ""
                    rest = m.group(2) if m else line
                    want = step[3:]
                    if not rest.upper().startswith(want.upper()):
                        print(f"script: expected {want!r}, got {line!r}", file=sys.stderr)
                        break
                elif step == "TLS":
                    ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
                    ctx.load_cert_chain(args.cert, args.key)
                    conn.sock = ctx.wrap_socket(conn.sock, server_side=True)
                elif step.startswith("SLEEP "):
                    time.sleep(float(step[6:]))
                elif step == "CLOSE":
                    break
                elif step == "DRAIN":
                    conn.drain()
                else:
                    print(f"script: unknown step {step!r}", file=sys.stderr)
                    return 2
        except (EOFError, OSError) as e:
            print(f"script: connection ended: {e}", file=sys.stderr)
        finally:
            try:
                conn.sock.close()
            except OSError:
                pass
    return 0


if __name__ == "__main__":
    sys.exit(main())
