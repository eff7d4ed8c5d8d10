"""Misbehaving servers (tests/hostile/server.py plays a script): each failure reaches Python as
the documented exception, with the server's code and text where it sent them."""

from __future__ import annotations

import pathlib
import subprocess
import sys

import pytest

import libimap

SERVER = pathlib.Path(__file__).resolve().parents[2] / "tests" / "hostile" / "server.py"
GREETING = "S: * OK [CAPABILITY IMAP4rev1 AUTH=PLAIN] hostile test server ready\\r\\n"


@pytest.fixture
def scripted(tmp_path: pathlib.Path):
    """Starts the scripted server on a script given as lines; returns its port."""
    processes: list[subprocess.Popen[str]] = []

    def start(*steps: str) -> int:
        script = tmp_path / f"script-{len(processes)}.txt"
        script.write_text("\n".join(steps) + "\n", encoding="utf-8")
        proc = subprocess.Popen([sys.executable, str(SERVER), str(script)], stdout=subprocess.PIPE, text=True)
        processes.append(proc)
        assert proc.stdout is not None
        return int(proc.stdout.readline())

    yield start
    for proc in processes:
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def plain(port: int, **kwargs) -> libimap.Client:
    return libimap.Client("127.0.0.1", port, security="insecure-plaintext", timeout=5, **kwargs)


def test_bye_greeting(scripted):
    port = scripted("S: * BYE [UNAVAILABLE] too busy, try later\\r\\n", "CLOSE")
    with pytest.raises(libimap.ByeError) as info:
        plain(port)
    assert isinstance(info.value, ConnectionError)
    assert info.value.code == "UNAVAILABLE"
    assert info.value.text == "too busy, try later"


def test_starttls_refused_is_a_tls_error(scripted):
    port = scripted(
        "S: * OK [CAPABILITY IMAP4rev1 STARTTLS AUTH=PLAIN] ready\\r\\n",
        "C: STARTTLS",
        "S: {tag} NO [UNAVAILABLE] TLS is not available today\\r\\n",
        "DRAIN",
    )
    with pytest.raises(libimap.TlsError):
        libimap.Client("127.0.0.1", port, security="starttls", timeout=5)


def test_starttls_not_offered_is_a_tls_error(scripted):
    port = scripted("S: * OK [CAPABILITY IMAP4rev1 AUTH=PLAIN] ready\\r\\n", "DRAIN")
    with pytest.raises(libimap.TlsError):
        libimap.Client("127.0.0.1", port, security="starttls", timeout=5)


def test_not_imap_is_a_protocol_error(scripted):
    port = scripted("S: HTTP/1.1 400 Bad Request\\r\\n", "DRAIN")
    with pytest.raises(libimap.ProtocolError):
        plain(port)


def test_connection_closed_mid_command(scripted):
    port = scripted(GREETING, "C: NOOP", "CLOSE")
    c = plain(port)
    with pytest.raises(libimap.ImapConnectionError):
        c.noop()


def test_bad_response_keeps_code_and_text(scripted):
    port = scripted(
        GREETING,
        "C: NOOP",
        "S: {tag} BAD [CLIENTBUG] that was not nice\\r\\n",
        "C: LOGOUT",
        "S: * BYE bye\\r\\n",
        "S: {tag} OK done\\r\\n",
        "DRAIN",
    )
    with plain(port) as c:
        with pytest.raises(libimap.BadResponse) as info:
            c.noop()
        assert (info.value.code, info.value.text) == ("CLIENTBUG", "that was not nice")


def test_unsolicited_responses_are_queued_in_order(scripted):
    port = scripted(
        GREETING,
        "C: NOOP",
        "S: * 4 EXISTS\\r\\n",
        "S: * 2 EXPUNGE\\r\\n",
        "S: * OK [ALERT] maintenance at noon\\r\\n",
        "S: * 3 FETCH (FLAGS (\\\\Seen $Junk))\\r\\n",
        "S: {tag} OK NOOP done\\r\\n",
        "C: LOGOUT",
        "S: * BYE bye\\r\\n",
        "S: {tag} OK done\\r\\n",
        "DRAIN",
    )
    lines: list[tuple[str, str]] = []
    with plain(port, trace=lambda d, line: lines.append((d, line))) as c:
        c.noop()
        queued = c.take_unsolicited()
        kinds = [k for k, _ in queued]
        assert kinds[:3] == ["EXISTS", "EXPUNGE", "OK"]
        assert queued[0][1] == 4
        assert queued[1][1] == 2
        assert queued[2][1] == ("ALERT", "maintenance at noon")
        [message] = [value for kind, value in queued if kind == "FETCH"]
        assert isinstance(message, libimap.Message)
        assert (message.seq, message.flags) == (3, ("\\Seen", "$Junk"))
        assert c.take_unsolicited() == []
    assert ("S", "* 4 EXISTS") in lines
