"""Trace callback, context manager and threading behaviour of Client."""

from __future__ import annotations

import base64
import sys

import pytest

import libimap


def test_trace_sees_redacted_protocol_lines(dovecot, credentials):
    lines: list[tuple[str, str]] = []
    with libimap.Client(
        dovecot.host,
        dovecot.port_starttls,
        security="starttls",
        ca_file=dovecot.ca,
        trace=lambda direction, line: lines.append((direction, line)),
    ) as c:
        c.authenticate("PLAIN", *credentials)
        c.select("INBOX")
        c.fetch(1, "UID")
    assert {d for d, _ in lines} == {"C", "S"}
    assert lines[0][0] == "S" and lines[0][1].startswith("* OK")
    sent = [line for d, line in lines if d == "C"]
    assert any(line.endswith("STARTTLS") for line in sent)
    assert any("AUTHENTICATE PLAIN" in line for line in sent)
    assert any("SELECT INBOX" in line for line in sent)
    assert any(line.endswith("LOGOUT") for line in sent)
    # Neither the password nor its base64 form (PLAIN's initial response) may appear.
    secret = base64.b64encode(f"\0{credentials[0]}\0{credentials[1]}".encode()).decode()
    for _, line in lines:
        assert credentials[1] not in line
        assert secret not in line
    assert all(isinstance(line, str) and "\r\n" not in line for _, line in lines)


def test_failing_trace_callback_does_not_break_the_session(dovecot, credentials, monkeypatch):
    reported = []
    monkeypatch.setattr(sys, "unraisablehook", lambda u: reported.append(u.exc_value))

    def trace(direction, line):
        raise RuntimeError("logger is broken")

    with libimap.Client(dovecot.host, dovecot.port_tls, ca_file=dovecot.ca, trace=trace) as c:
        assert c.login(*credentials) == "SCRAM-SHA-256"
        assert c.select("INBOX").exists == 3
    assert reported
    assert all(isinstance(e, RuntimeError) for e in reported)


def test_trace_callback_calling_its_own_client_gets_state_error(dovecot, credentials):
    holder: list[libimap.Client] = []
    seen: list[BaseException] = []

    def trace(direction, line):
        if holder and not seen:
            try:
                holder[0].noop()
            except BaseException as e:
                seen.append(e)

    with libimap.Client(dovecot.host, dovecot.port_tls, ca_file=dovecot.ca, trace=trace) as c:
        holder.append(c)
        c.login(*credentials)
        assert len(seen) == 1
        assert isinstance(seen[0], libimap.StateError)
        c.noop()


def test_context_manager_logs_out(dovecot, credentials):
    start = dovecot.log_size()
    with libimap.Client(dovecot.host, dovecot.port_tls, ca_file=dovecot.ca) as c:
        assert isinstance(c, libimap.Client)
        c.login(*credentials)
    dovecot.wait_for_log(rf"imap\({credentials[0]}\).*Logged out", start)
    with pytest.raises(libimap.StateError):
        c.select("INBOX")


def test_context_manager_does_not_mask_the_body_exception(dovecot):
    with pytest.raises(KeyError):
        with libimap.Client(dovecot.host, dovecot.port_tls, ca_file=dovecot.ca) as c:
            c.logout()
            raise KeyError("from the body")


def test_repr_and_unsolicited(dovecot, credentials):
    with libimap.Client(dovecot.host, dovecot.port_tls, ca_file=dovecot.ca) as c:
        assert repr(c) == f"<libimap.Client {dovecot.host}:{dovecot.port_tls} tls>"
        c.login(*credentials)
        c.select("INBOX")
        queued = c.take_unsolicited()
        assert isinstance(queued, list)
        assert all(isinstance(kind, str) for kind, _ in queued)
        assert c.take_unsolicited() == []
