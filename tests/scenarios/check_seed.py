"""Check tests/scenarios/seed.json against a running fixture, by talking IMAP to it.

    source DIR/env && python3 tests/scenarios/check_seed.py          # compare, exit 1 on any mismatch
    source DIR/env && python3 tests/scenarios/check_seed.py --dump   # print what the server says

This is the proof that every expected value in seed.json is what the real Dovecot sends. It uses only
the standard library (raw sockets, its own small IMAP parser, email.header for RFC 2047) so it does not
depend on libimap. It logs in as every user (LOGIN, and SCRAM-SHA-256 for `unicode`), checks the login
lines in the Dovecot log, and runs the STORE round trip on the `unicode` user's INBOX, leaving it as found.
"""

import base64
import hashlib
import hmac
import json
import os
import quopri
import re
import socket
import ssl
import sys
import time
import unicodedata
from datetime import datetime
from email.header import decode_header, make_header
from email.utils import parsedate_to_datetime
from pathlib import Path


class Conn:
    """One implicit-TLS IMAP connection with just enough framing for literals."""

    def __init__(self):
        ctx = ssl.create_default_context(cafile=os.environ["LIBIMAP_TEST_CA"])
        raw = socket.create_connection(
            (os.environ["LIBIMAP_TEST_HOST"], int(os.environ["LIBIMAP_TEST_PORT_TLS"])),
            timeout=10,
        )
        self.sock = ctx.wrap_socket(
            raw, server_hostname=os.environ["LIBIMAP_TEST_HOST"]
        )
        self.file = self.sock.makefile("rb")
        self.tag = 0
        self.greeting = self.read_response()

    def read_response(self):
        """One complete response: a line plus any literals it announces, CRLFs kept."""
        data = b""
        while True:
            line = self.file.readline()
            if not line:
                raise ConnectionError("server closed the connection")
            data += line
            m = re.search(rb"\{(\d+)\}\r\n$", line)
            if not m:
                return data
            data += self.file.read(int(m.group(1)))

    def send(self, line):
        self.sock.sendall(line.encode() + b"\r\n")

    def cmd(self, text):
        """Run a command; return (untagged responses, tagged status line)."""
        self.tag += 1
        tag = f"c{self.tag}"
        self.send(f"{tag} {text}")
        untagged = []
        while True:
            resp = self.read_response()
            if resp.startswith(tag.encode() + b" "):
                return untagged, resp
            untagged.append(resp)

    def ok(self, text):
        untagged, tagged = self.cmd(text)
        if not tagged.split(b" ")[1] == b"OK":
            raise RuntimeError(f"{text!r} failed: {tagged!r}")
        return untagged

    def scram(self, user, password, mech="SCRAM-SHA-256"):
        h = {"SCRAM-SHA-1": hashlib.sha1, "SCRAM-SHA-256": hashlib.sha256}[mech]
        nonce = base64.b64encode(os.urandom(18)).decode()
        bare = f"n={user},r={nonce}"
        self.tag += 1
        tag = f"c{self.tag}"
        self.send(
            f"{tag} AUTHENTICATE {mech} "
            + base64.b64encode(b"n,," + bare.encode()).decode()
        )
        server_first = base64.b64decode(self.read_response()[2:].strip()).decode()
        attrs = dict(kv.split("=", 1) for kv in server_first.split(","))
        # SASLprep of these test passwords is NFKC; the general mapping steps do not apply to them.
        secret = unicodedata.normalize("NFKC", password).encode()
        salted = hashlib.pbkdf2_hmac(
            h().name, secret, base64.b64decode(attrs["s"]), int(attrs["i"])
        )
        client_key = hmac.new(salted, b"Client Key", h).digest()
        without_proof = f"c=biws,r={attrs['r']}"
        auth_message = f"{bare},{server_first},{without_proof}".encode()
        signature = hmac.new(h(client_key).digest(), auth_message, h).digest()
        proof = base64.b64encode(
            bytes(a ^ b for a, b in zip(client_key, signature))
        ).decode()
        self.send(base64.b64encode(f"{without_proof},p={proof}".encode()).decode())
        resp = self.read_response()
        if resp.startswith(b"+ "):
            self.send("")
            resp = self.read_response()
        if not resp.startswith(tag.encode() + b" OK"):
            raise RuntimeError(f"{mech} for {user} failed: {resp!r}")

    def close(self):
        try:
            self.cmd("LOGOUT")
        finally:
            self.sock.close()


def parse(data):
    """Parse IMAP data into nested lists: bytes for atoms/strings/literals, None for NIL."""
    pos = 0

    def value():
        nonlocal pos
        while data[pos : pos + 1] == b" ":
            pos += 1
        c = data[pos : pos + 1]
        if c == b"(":
            pos += 1
            items = []
            while True:
                while data[pos : pos + 1] == b" ":
                    pos += 1
                if data[pos : pos + 1] == b")":
                    pos += 1
                    return items
                items.append(value())
        if c == b'"':
            pos += 1
            out = b""
            while data[pos : pos + 1] != b'"':
                if data[pos : pos + 1] == b"\\":
                    pos += 1
                out += data[pos : pos + 1]
                pos += 1
            pos += 1
            return out
        if c == b"{":
            end = data.index(b"}", pos)
            n = int(data[pos + 1 : end])
            start = end + 3
            pos = start + n
            return data[start:pos]
        m = re.compile(rb"[^ ()\r\n\[]+(\[[^\]]*\](<\d+>)?)?").match(data, pos)
        pos = m.end()
        return None if m.group(0) == b"NIL" else m.group(0)

    items = []
    while pos < len(data) and data[pos:] not in (b"\r\n", b""):
        items.append(value())
    return items


def fetch_items(resp):
    """`* n FETCH (k v k v ...)` -> (n, {k: v})."""
    star, seq, word, attrs = parse(resp)
    assert star == b"*" and word == b"FETCH", resp
    return int(seq), {
        attrs[i].decode().upper(): attrs[i + 1] for i in range(0, len(attrs), 2)
    }


def text(b):
    return None if b is None else b.decode()


def decoded(b):
    return None if b is None else str(make_header(decode_header(b.decode())))


def addresses(lst):
    out = []
    for name, _adl, mailbox, host in lst or []:
        out.append(
            {
                "name": decoded(name),
                "name_raw": text(name),
                "mailbox": text(mailbox),
                "host": text(host),
            }
        )
    return out


def envelope(env):
    date, subject, frm, sender, reply_to, to, cc, bcc, in_reply_to, message_id = env
    return {
        "date": int(parsedate_to_datetime(date.decode()).timestamp()),
        "date_raw": text(date),
        "subject": decoded(subject),
        "subject_raw": text(subject),
        "from": addresses(frm),
        "sender": addresses(sender),
        "reply_to": addresses(reply_to),
        "to": addresses(to),
        "cc": addresses(cc),
        "bcc": addresses(bcc),
        "in_reply_to": text(in_reply_to),
        "message_id": text(message_id),
    }


def children(body):
    """The parts of a multipart body: the lists before its subtype (later lists are extension data)."""
    out = []
    for b in body:
        if not isinstance(b, list):
            return out
        out.append(b)
    return out


def mime_tree(body):
    """The format documented in README.md: "type/subtype", or [type, [children]]."""
    if isinstance(body[0], list):
        subtype = body[len(children(body))]
        return [
            f"multipart/{subtype.decode().lower()}",
            [mime_tree(b) for b in children(body)],
        ]
    kind = f"{body[0].decode().lower()}/{body[1].decode().lower()}"
    if kind == "message/rfc822":
        return [kind, [mime_tree(body[8])]]
    return kind


def params(lst):
    return {
        lst[i].decode().lower(): lst[i + 1].decode()
        for i in range(0, len(lst or []), 2)
    }


def leaf_parts(body, section):
    """Every non-multipart part with its IMAP section number, as BODYSTRUCTURE describes it."""
    if isinstance(body[0], list):
        out = []
        for i, child in enumerate(children(body)):
            out += leaf_parts(child, f"{section}.{i + 1}" if section else str(i + 1))
        return out
    kind = f"{body[0].decode().lower()}/{body[1].decode().lower()}"
    part = {
        "section": section or "1",
        "type": kind,
        "params": params(body[2]),
        "encoding": body[5].decode().lower(),
        "size": int(body[6]),
    }
    ext = 7
    if kind.startswith("text/"):
        part["lines"] = int(body[7])
        ext = 8
    elif kind == "message/rfc822":
        part["envelope"] = envelope(body[7])
        part["lines"] = int(body[9])
        ext = 10
    # Extension data of a single part: md5, disposition, language, location.
    disposition = body[ext + 1] if len(body) > ext + 1 else None
    part["disposition"] = (
        None if disposition is None else disposition[0].decode().lower()
    )
    part["disposition_params"] = {} if disposition is None else params(disposition[1])
    out = [part]
    if kind == "message/rfc822":
        inner = body[8]
        inner_section = f"{section}.1" if not isinstance(inner[0], list) else section
        out += leaf_parts(inner, inner_section)
    return out


def part_content(conn, uid, part):
    """Decoded content of a part: text for text/*, size and sha256 for anything else."""
    untagged = conn.ok(f"UID FETCH {uid} (BODY.PEEK[{part['section']}])")
    raw = fetch_items(untagged[0])[1][f"BODY[{part['section']}]"]
    if part["encoding"] == "base64":
        data = base64.b64decode(raw)
    elif part["encoding"] == "quoted-printable":
        data = quopri.decodestring(raw)
    else:
        data = raw
    if part["type"].startswith("text/"):
        return {"content": data.decode(part["params"].get("charset", "us-ascii"))}
    if part["type"] == "message/rfc822":
        return {}
    return {
        "content_size": len(data),
        "content_sha256": hashlib.sha256(data).hexdigest(),
    }


def flags(b):
    return [f.decode() for f in b]


def server_facts(conn):
    """Everything seed.json states about INBOX, read from the server."""
    untagged = conn.ok("SELECT INBOX")
    mailbox = {"name": "INBOX", "read_only": False}
    for resp in untagged:
        m = re.match(rb"\* (\d+) (EXISTS|RECENT)\r\n", resp)
        if m:
            mailbox[m.group(2).decode().lower()] = int(m.group(1))
        m = re.match(rb"\* FLAGS (.*)\r\n", resp)
        if m:
            mailbox["flags"] = flags(parse(m.group(1))[0])
        m = re.match(
            rb"\* OK \[(PERMANENTFLAGS|UIDVALIDITY|UIDNEXT|UNSEEN) (.*?)\]", resp
        )
        if m:
            key = {"PERMANENTFLAGS": "permanent_flags"}.get(
                m.group(1).decode(), m.group(1).decode().lower()
            )
            mailbox[key] = (
                flags(parse(m.group(2))[0])
                if key == "permanent_flags"
                else int(m.group(2))
            )
    messages = []
    items = (
        "UID FLAGS INTERNALDATE RFC822.SIZE ENVELOPE BODYSTRUCTURE BODY.PEEK[HEADER]"
    )
    for resp in conn.ok(f"FETCH 1:* ({items})"):
        seq, it = fetch_items(resp)
        internal = it["INTERNALDATE"].decode()
        parts = leaf_parts(it["BODYSTRUCTURE"], "")
        for part in parts:
            part.update(part_content(conn, int(it["UID"]), part))
        messages.append(
            {
                "seq": seq,
                "uid": int(it["UID"]),
                "flags": flags(it["FLAGS"]),
                "internal_date": int(
                    datetime.strptime(internal, "%d-%b-%Y %H:%M:%S %z").timestamp()
                ),
                "internal_date_raw": internal,
                "rfc822_size": int(it["RFC822.SIZE"]),
                "header_size": len(it["BODY[HEADER]"]),
                "envelope": envelope(it["ENVELOPE"]),
                "mime": mime_tree(it["BODYSTRUCTURE"]),
                "parts": parts,
                "_header": it["BODY[HEADER]"],
            }
        )
    return mailbox, messages


def store_round_trip(conn):
    def after(cmd):
        resp = [r for r in conn.ok(cmd) if b" FETCH " in r]
        return flags(fetch_items(resp[0])[1]["FLAGS"])

    return {
        "seq": 1,
        "after_add_deleted": after("STORE 1 +FLAGS (\\Deleted)"),
        "after_remove_deleted": after("STORE 1 -FLAGS (\\Deleted)"),
    }


def login_lines(log, user):
    pattern = re.compile(r"Login: user=<" + re.escape(user) + r">, method=([A-Z0-9-]+)")
    return [m.group(1) for m in pattern.finditer(Path(log).read_text(errors="replace"))]


def diff(expected, actual, path, problems):
    if isinstance(expected, dict) and isinstance(actual, dict):
        for key in actual:
            if key not in expected:
                problems.append(
                    f"{path}.{key}: missing in seed.json (server: {actual[key]!r})"
                )
            else:
                diff(expected[key], actual[key], f"{path}.{key}", problems)
    elif (
        isinstance(expected, list)
        and isinstance(actual, list)
        and len(expected) == len(actual)
    ):
        for i, (e, a) in enumerate(zip(expected, actual)):
            diff(e, a, f"{path}[{i}]", problems)
    elif expected != actual:
        problems.append(f"{path}: seed.json has {expected!r}, server says {actual!r}")


def main():
    conn = Conn()
    conn.scram("unicode", "pässwörd")
    mailbox, messages = server_facts(conn)
    store = store_round_trip(conn)
    conn.close()

    if "--dump" in sys.argv:
        for m in messages:
            m.pop("_header")
        print(
            json.dumps(
                {"mailbox": mailbox, "store": store, "messages": messages},
                indent=2,
                ensure_ascii=False,
            )
        )
        return 0

    scenario_file = Path(os.environ["LIBIMAP_TEST_SCENARIO"])
    scenario = json.loads(scenario_file.read_text())
    log = os.environ["LIBIMAP_TEST_LOG"]
    problems = []
    diff(scenario["mailbox"], mailbox, "mailbox", problems)
    diff(scenario["store"], store, "store", problems)
    if len(scenario["messages"]) != len(messages):
        problems.append(
            f"messages: seed.json has {len(scenario['messages'])}, server has {len(messages)}"
        )
    for expected, actual in zip(scenario["messages"], messages):
        header = (scenario_file.parent / expected["header_file"]).read_bytes()
        if header != actual.pop("_header"):
            problems.append(
                f"message {actual['seq']}: {expected['header_file']} differs from BODY[HEADER]"
            )
        if not (scenario_file.parent / expected["eml"]).is_file():
            problems.append(
                f"message {actual['seq']}: {expected['eml']} does not exist"
            )
        diff(expected, actual, f"messages[{actual['seq'] - 1}]", problems)

    # Every user logs in with its password; Dovecot logs the LOGIN command as method=PLAIN.
    for entry in scenario["users"]:
        conn = Conn()
        if entry["user"] == "unicode":
            conn.scram(entry["user"], entry["password"], "SCRAM-SHA-1")
        else:
            conn.ok(f'LOGIN {entry["user"]} "{entry["password"]}"')
        conn.close()
    time.sleep(0.3)  # the log process writes asynchronously
    for entry in scenario["users"]:
        want = "SCRAM-SHA-1" if entry["user"] == "unicode" else "PLAIN"
        got = login_lines(log, entry["user"])
        if not got or got[-1] != want:
            problems.append(
                f"log: last login of {entry['user']} is {got[-1:]} not {want}"
            )

    for p in problems:
        print(p)
    print(f"seed.json check: {len(problems)} problem(s)")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
