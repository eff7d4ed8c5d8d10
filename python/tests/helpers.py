"""Comparisons between libimap results and the seed.json format (tests/scenarios/README.md)."""

from __future__ import annotations

import base64
import datetime
import quopri
from collections.abc import Iterator
from typing import Any

import libimap


def address_dict(a: libimap.Address) -> dict[str, Any]:
    return {
        "name": a.name,
        "name_raw": None if a.name_raw is None else a.name_raw.decode("utf-8"),
        "mailbox": a.mailbox,
        "host": a.host,
    }


def raw_offset(date_raw: str) -> datetime.timedelta:
    """The UTC offset at the end of an RFC 5322 date such as '... 08:00:00 -0500'."""
    zone = date_raw.split()[-1]
    sign = -1 if zone[0] == "-" else 1
    return sign * datetime.timedelta(hours=int(zone[1:3]), minutes=int(zone[3:5]))


def check_envelope(env: libimap.Envelope, expected: dict[str, Any]) -> None:
    assert env.subject == expected["subject"]
    assert env.subject_raw == expected["subject_raw"].encode("utf-8")
    assert env.date_raw == expected["date_raw"].encode("utf-8")
    assert env.date is not None
    assert env.date.timestamp() == expected["date"]
    assert env.date.utcoffset() == raw_offset(expected["date_raw"])
    for field, attr in [
        ("from", "from_"),
        ("sender", "sender"),
        ("reply_to", "reply_to"),
        ("to", "to"),
        ("cc", "cc"),
        ("bcc", "bcc"),
    ]:
        got = getattr(env, attr)
        assert isinstance(got, tuple)
        assert [address_dict(a) for a in got] == expected[field], field
    assert env.in_reply_to == expected["in_reply_to"]
    assert env.message_id == expected["message_id"]


def mime_tree(b: libimap.BodyStructure) -> Any:
    """The seed's `mime` notation of a body structure."""
    if b.is_multipart:
        return [b.mime_type, [mime_tree(p) for p in b.parts]]
    if b.body is not None:
        return [b.mime_type, [mime_tree(b.body)]]
    return b.mime_type


def leaves(b: libimap.BodyStructure, number: str = "") -> Iterator[tuple[str, libimap.BodyStructure]]:
    """Every non-multipart part with its IMAP section number, depth first."""
    if b.is_multipart:
        for i, part in enumerate(b.parts, 1):
            yield from leaves(part, f"{number}.{i}" if number else str(i))
        return
    me = number or "1"
    yield me, b
    if b.body is not None:
        yield from leaves(b.body, me if b.body.is_multipart else f"{me}.1")


def check_part(part: libimap.BodyStructure, expected: dict[str, Any]) -> None:
    assert part.mime_type == expected["type"]
    assert {k.lower(): v for k, v in part.params.items()} == expected["params"]
    assert part.encoding is not None and part.encoding.lower() == expected["encoding"]
    assert part.size == expected["size"]
    if "lines" in expected:
        assert part.lines == expected["lines"]
    else:
        assert part.lines is None
    disposition = None if part.disposition is None else part.disposition.lower()
    assert disposition == expected["disposition"]
    assert {k.lower(): v for k, v in part.disposition_params.items()} == expected["disposition_params"]
    if "envelope" in expected:
        assert part.envelope is not None
        check_envelope(part.envelope, expected["envelope"])
    else:
        assert part.envelope is None


def decode_transfer(data: bytes, encoding: str) -> bytes:
    if encoding == "base64":
        return base64.b64decode(data)
    if encoding == "quoted-printable":
        return quopri.decodestring(data)
    return data
