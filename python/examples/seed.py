"""The seed exchange from start to end, printing the protocol trace and the decoded results.

Against the test fixture (tests/dovecot/fixture.sh start DIR; source DIR/env):

    python python/examples/seed.py

or against any server: python seed.py HOST PORT USER PASSWORD [--ca-file PEM] [--security tls]
"""

from __future__ import annotations

import argparse
import os
import sys

import libimap


def trace(direction: str, line: str) -> None:
    print(f"  {direction}: {line}")


def describe(body: libimap.BodyStructure, number: str = "", indent: str = "    ") -> None:
    label = number or "(top)"
    details = [f"{k}={v}" for k, v in body.params.items()]
    if body.encoding:
        details.append(body.encoding)
    if body.size is not None:
        details.append(f"{body.size} octets")
    if body.disposition:
        details.append(f"{body.disposition} {body.disposition_params}")
    print(f"{indent}{label:6} {body.mime_type}  {', '.join(details)}")
    for i, part in enumerate(body.parts, 1):
        describe(part, f"{number}.{i}" if number else str(i), indent + "  ")
    if body.body is not None:
        assert body.envelope is not None
        print(f"{indent}  enclosed message: {body.envelope.subject!r} from {body.envelope.from_[0]}")
        describe(body.body, f"{number or '1'}.1" if not body.body.is_multipart else number, indent + "  ")


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    env = os.environ
    parser.add_argument("host", nargs="?", default=env.get("LIBIMAP_TEST_HOST", "localhost"))
    parser.add_argument("port", nargs="?", type=int, default=int(env.get("LIBIMAP_TEST_PORT_STARTTLS", 143)))
    parser.add_argument("user", nargs="?", default="demo")
    parser.add_argument("password", nargs="?", default="demo-pass")
    parser.add_argument("--security", default="starttls", choices=["tls", "starttls", "insecure-plaintext"])
    parser.add_argument("--ca-file", default=os.environ.get("LIBIMAP_TEST_CA"))
    args = parser.parse_args()

    print(f"connecting to {args.host}:{args.port} ({args.security})")
    try:
        with libimap.Client(
            args.host, args.port, security=args.security, ca_file=args.ca_file, timeout=15, trace=trace
        ) as c:
            print("capabilities:", " ".join(sorted(c.capabilities)))
            print("authenticated with", c.login(args.user, args.password))
            print("enabled:", c.enable("IMAP4rev2") or "nothing (the server does not do IMAP4rev2)")

            box = c.select("INBOX")
            print(box)

            for m in c.fetch("1:*", "FULL"):
                env = m.envelope
                print(f"message {m.seq}: flags {m.flags}, {m.size} octets, arrived {m.internal_date}")
                if env is not None:
                    print(f"    subject: {env.subject}")
                    print(f"    raw subject: {env.subject_raw!r}")
                    print(f"    date: {env.date}")
                    print(f"    from: {', '.join(map(str, env.from_))}")
                    print(f"    to: {', '.join(map(str, env.to))}")
                if m.body_structure is not None:
                    describe(m.body_structure)

            [first] = c.fetch(1, "BODY.PEEK[HEADER]")
            header = first.sections["HEADER"]
            print(f"header of message 1 ({len(header)} bytes):")
            print(header.decode("utf-8", "replace"))

            [flagged] = c.store(1, "+FLAGS", ["\\Flagged"])
            print("after +FLAGS \\Flagged:", flagged.flags)
            [restored] = c.store(1, "-FLAGS", ["\\Flagged"])
            print("after -FLAGS \\Flagged:", restored.flags)
            c.noop()
        print("logged out")
    except libimap.ImapError as e:
        print(f"failed: {type(e).__name__}: {e}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
