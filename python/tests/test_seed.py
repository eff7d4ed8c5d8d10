"""The seed scenario against the real Dovecot: every value asserted comes from seed.json."""

from __future__ import annotations

import datetime
import hashlib

import pytest
from helpers import check_envelope, check_part, decode_transfer, leaves, mime_tree

import libimap


@pytest.fixture
def client(dovecot, credentials):
    with libimap.Client(dovecot.host, dovecot.port_starttls, security="starttls", ca_file=dovecot.ca) as c:
        c.login(*credentials)
        c.select("INBOX")
        yield c


def test_seed_exchange(dovecot, credentials):
    assert {"user": credentials[0], "password": credentials[1]} in dovecot.scenario["users"]
    expected_box = dovecot.scenario["mailbox"]
    log_start = dovecot.log_size()
    with libimap.Client(
        dovecot.host, dovecot.port_starttls, security="starttls", ca_file=dovecot.ca, timeout=10.0
    ) as c:
        caps = c.capabilities
        assert isinstance(caps, frozenset)
        assert "AUTH=SCRAM-SHA-256" in caps
        # After STARTTLS the server no longer offers it, and the core re-read the list.
        assert "STARTTLS" not in caps
        assert c.has_capability("auth=scram-sha-256")

        assert c.login(*credentials) == "SCRAM-SHA-256"
        line = dovecot.wait_for_log(rf"Login: user=<{credentials[0]}>", log_start)
        assert "method=SCRAM-SHA-256" in line
        assert "TLS" in line

        enabled = c.enable("IMAP4rev2")
        assert isinstance(enabled, list)
        rev2 = any(cap.upper() == "IMAP4REV2" for cap in c.capabilities)
        assert [e.upper() for e in enabled] == (["IMAP4REV2"] if rev2 else [])

        box = c.select("INBOX")
        assert isinstance(box, libimap.MailboxInfo)
        assert box.name == expected_box["name"]
        assert box.exists == expected_box["exists"] == 3
        assert box.uidvalidity == expected_box["uidvalidity"]
        assert box.uidnext == expected_box["uidnext"]
        assert list(box.flags) == expected_box["flags"]
        assert list(box.permanent_flags) == expected_box["permanent_flags"]
        assert box.read_only is expected_box["read_only"]
        assert box.recent == expected_box["recent"]
        assert box.unseen == expected_box["unseen"]

        [m] = c.fetch("1", "FULL")
        expected = dovecot.message(1)
        assert m.seq == 1
        assert set(m.flags) == set(expected["flags"])
        assert m.size == expected["rfc822_size"]
        assert m.internal_date.timestamp() == expected["internal_date"]
        assert m.internal_date.utcoffset() == datetime.timedelta(0)
        assert m.envelope.subject == "Grüße aus Köln ☕ und café notes" == expected["envelope"]["subject"]
        assert m.envelope.from_[0].name == "Anna Müller"
        assert m.envelope.from_[0].email == "anna.mueller@example.com"
        assert [a.email for a in m.envelope.to] == ["bob@example.org", "carol@example.net"]
        check_envelope(m.envelope, expected["envelope"])
        # FULL asks for BODY: the structure without extension data.
        assert mime_tree(m.body_structure) == expected["mime"]
        check_part(m.body_structure, expected["parts"][0])

        [h] = c.fetch(1, "BODY.PEEK[HEADER]")
        assert h.sections == {"HEADER": dovecot.scenario_file(expected["header_file"])}
        assert len(h.sections["HEADER"]) == expected["header_size"]

        store = dovecot.scenario["store"]
        try:
            [after_add] = c.store(store["seq"], "+FLAGS", ["\\Deleted"])
            assert after_add.seq == store["seq"]
            assert set(after_add.flags) == set(store["after_add_deleted"])
        finally:
            [after_remove] = c.store(store["seq"], "-FLAGS", "\\Deleted")
        assert set(after_remove.flags) == set(store["after_remove_deleted"])

        c.noop()
        c.logout()
    # The context manager's LOGOUT after an explicit one is not an error; the client is closed.
    with pytest.raises(libimap.StateError):
        c.noop()


def test_implicit_tls_port(dovecot, credentials):
    with libimap.Client(dovecot.host, dovecot.port_tls, security="tls", ca_file=dovecot.ca) as c:
        assert "AUTH=SCRAM-SHA-256" in c.capabilities
        assert c.login(*credentials) == "SCRAM-SHA-256"
        box = c.select("INBOX", readonly=True)
        assert box.read_only is True
        assert box.exists == dovecot.scenario["mailbox"]["exists"]


def test_envelopes_and_dates_of_every_message(client, dovecot):
    messages = client.fetch("1:*", "(UID FLAGS INTERNALDATE RFC822.SIZE ENVELOPE)")
    assert [m.seq for m in messages] == [1, 2, 3]
    for m in messages:
        expected = dovecot.message(m.seq)
        assert m.uid == expected["uid"]
        assert set(m.flags) == set(expected["flags"])
        assert m.size == expected["rfc822_size"]
        assert m.internal_date.timestamp() == expected["internal_date"]
        check_envelope(m.envelope, expected["envelope"])
        assert m.body_structure is None
        assert m.sections == {}


def test_body_structures_and_part_contents(client, dovecot):
    for m in client.fetch([1, 2, 3], "BODYSTRUCTURE"):
        expected = dovecot.message(m.seq)
        assert mime_tree(m.body_structure) == expected["mime"]
        numbered = list(leaves(m.body_structure))
        assert [n for n, _ in numbered] == [p["section"] for p in expected["parts"]]
        for (number, part), exp in zip(numbered, expected["parts"]):
            check_part(part, exp)
            [fetched] = client.fetch(m.seq, f"BODY.PEEK[{number}]")
            data = decode_transfer(fetched.sections[number], exp["encoding"])
            if "content" in exp:
                assert data.decode(exp["params"]["charset"]) == exp["content"]
            elif "content_sha256" in exp:
                assert len(data) == exp["content_size"]
                assert hashlib.sha256(data).hexdigest() == exp["content_sha256"]


def test_headers_of_every_message(client, dovecot):
    messages = client.fetch("1:3", ["UID", "BODY.PEEK[HEADER]"])
    assert len(messages) == 3
    for m in messages:
        expected = dovecot.message(m.seq)
        assert m.section("header") == dovecot.scenario_file(expected["header_file"])
        assert m.sections["HEADER"] == m.section("HEADER")


def test_uid_fetch_and_sets(client, dovecot):
    uids = [m["uid"] for m in dovecot.scenario["messages"]]
    by_uid = client.fetch(uids[1], "FLAGS", uid=True)
    assert [(m.seq, m.uid) for m in by_uid] == [(2, uids[1])]
    # An iterable of numbers becomes a set; duplicates and order do not matter.
    assert [m.seq for m in client.fetch((3, 1, 1), "UID")] == [1, 3]
    assert [m.uid for m in client.fetch(range(1, 4), "UID")] == uids


def test_body_fetch_whole_message(client, dovecot):
    [m] = client.fetch(2, "BODY.PEEK[]")
    raw = m.sections[""]
    expected = dovecot.message(2)
    assert len(raw) == expected["rfc822_size"]
    eml = dovecot.scenario_file(expected["eml"])
    assert raw == eml.replace(b"\n", b"\r\n")


def test_results_are_frozen_and_printable(client, dovecot):
    [m] = client.fetch(1, "(UID FLAGS ENVELOPE BODY.PEEK[HEADER])")
    with pytest.raises(AttributeError):
        m.uid = 5
    with pytest.raises(AttributeError):
        m.envelope.subject = "x"
    m.sections.clear()
    assert "HEADER" in m.sections
    text = repr(m)
    assert text.startswith("Message(seq=1, uid=101, flags=('\\\\Seen',)")
    assert "Grüße aus Köln" in text
    assert f"'HEADER': <{dovecot.message(1)['header_size']} bytes>" in text
    assert str(m.envelope.from_[0]) == "Anna Müller <anna.mueller@example.com>"
    box = client.select("INBOX")
    assert repr(box).startswith("MailboxInfo(name='INBOX', exists=3, uidvalidity=1700000000")
