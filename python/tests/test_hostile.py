"""Misbehaving servers (tests/hostile/server.py plays a script): each failure reaches Python as
the documented exception, with the server's code and text where it sent them."""

from __future__ import annotations

import pathlib
import subprocess
import sys
from dataclasses import dataclass

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


# ---------------------------------------------------------------------------------------------
# STARTTLS attack classes (Poddebniak et al., "Why TLS is better without STARTTLS", USENIX
# Security 2021) and resource attacks, on the shared scripts of tests/hostile/scripts/. The
# server records what the client sent in clear and inside TLS apart, and counts connections.

SCRIPTS = SERVER.parent / "scripts"
USER = "victim"
PASSWORD = "hunter2-secret"


@dataclass
class Report:
    plain: bytes
    tls: bytes
    completed: bool
    accepts: int

    def assert_nothing_sensitive_in_clear(self) -> None:
        """Only CAPABILITY and STARTTLS crossed in clear: no credential, no mailbox command."""
        for line in self.plain.split(b"\r\n")[:-1]:
            tag, _, command = line.partition(b" ")
            assert tag.startswith(b"A") and command in (b"CAPABILITY", b"STARTTLS"), self.plain
        assert self.plain.endswith(b"\r\n") or self.plain == b""
        assert PASSWORD.encode() not in self.plain and USER.encode() not in self.plain


class Hostile:
    """One run of server.py on a script file; `finish()` after the client is closed."""

    def __init__(self, workdir: pathlib.Path, certs: pathlib.Path, script: str, tls: bool) -> None:
        self.plain = workdir / f"{script}.plain"
        self.tls = workdir / f"{script}.tls"
        self.ca = str(certs / "ca.pem")
        args = [sys.executable, str(SERVER), str(SCRIPTS / f"{script}.txt"), "--record", str(self.plain),
                "--record-tls", str(self.tls), "--certs", str(certs)]
        self.proc = subprocess.Popen([*args, "--tls"] if tls else args, stdout=subprocess.PIPE, text=True)
        assert self.proc.stdout is not None
        self.port = int(self.proc.stdout.readline())

    def client(self, security: str) -> libimap.Client:
        return libimap.Client("127.0.0.1", self.port, security=security, ca_file=self.ca, timeout=3,
                              server_name="localhost")

    def finish(self) -> Report:
        assert self.proc.stdout is not None
        end, _ = self.proc.communicate(timeout=15)
        fields = dict(f.split("=", 1) for f in end.split() if "=" in f)
        return Report(
            plain=self.plain.read_bytes() if self.plain.exists() else b"",
            tls=self.tls.read_bytes() if self.tls.exists() else b"",
            completed=fields["completed"] == "1",
            accepts=int(fields["accepts"]),
        )


@pytest.fixture(scope="module")
def certs(tmp_path_factory: pytest.TempPathFactory) -> pathlib.Path:
    # server.py generates the test CA and `localhost` certificate here on first use.
    return tmp_path_factory.mktemp("hostile") / "certs"


@pytest.fixture
def hostile(tmp_path: pathlib.Path, certs: pathlib.Path):
    started: list[Hostile] = []

    def start(script: str, tls: bool = False) -> Hostile:
        started.append(Hostile(tmp_path, certs, script, tls))
        return started[-1]

    yield start
    for h in started:
        if h.proc.poll() is None:
            h.proc.kill()
            h.proc.wait()


@pytest.mark.parametrize(
    ("script", "error", "reason", "sent_in_clear"),
    [
        # STARTTLS stripping
        ("starttls-not-offered", libimap.TlsError, "does not offer STARTTLS", b""),
        ("starttls-no-capability-code", libimap.TlsError, "STARTTLS", b"A1 CAPABILITY\r\n"),
        ("starttls-refused", libimap.TlsError, "TLS is not available today", b"A1 STARTTLS\r\n"),
        ("starttls-bad", libimap.TlsError, "refused STARTTLS", b"A1 STARTTLS\r\n"),
        ("starttls-continuation", libimap.TlsError, "continuation", b"A1 STARTTLS\r\n"),
        ("starttls-preauth", libimap.TlsError, "PREAUTH", b""),
        ("starttls-bye-greeting", libimap.ByeError, "moved", b""),
        ("starttls-bye-response", libimap.ByeError, "no TLS for you", b"A1 STARTTLS\r\n"),
        # response injection
        ("starttls-injection", libimap.TlsError, "response injection", b"A1 STARTTLS\r\n"),
        ("starttls-injection-separate", libimap.TlsError, "not TLS", b"A1 STARTTLS\r\n"),
        ("starttls-injection-race", libimap.TlsError, "injection", b"A1 STARTTLS\r\n"),
        # the STARTTLS reply planted before the command (net-imap CVE-2026-42246 class)
        (
            "starttls-early-ok",
            libimap.TlsError,
            "before the command was sent",
            b"A1 CAPABILITY\r\nA2 STARTTLS\r\n",
        ),
    ],
)
def test_starttls_attack_is_refused(hostile, script, error, reason, sent_in_clear):
    server = hostile(script)
    with pytest.raises(libimap.ImapError) as info:
        c = server.client("starttls")
        c.login(USER, PASSWORD)  # only reached if connect wrongly succeeded: shows the leak
    assert type(info.value) is error, info.value
    assert reason in info.value.text
    report = server.finish()
    report.assert_nothing_sensitive_in_clear()
    assert report.plain == sent_in_clear
    assert report.tls == b""
    assert report.accepts == 1


def test_bye_greeting_referral_keeps_its_code(hostile):
    server = hostile("starttls-bye-greeting")
    with pytest.raises(libimap.ByeError) as info:
        server.client("starttls")
    assert info.value.code == "REFERRAL"
    assert server.finish().accepts == 1


def test_tampering_before_tls_never_reaches_the_caller(hostile):
    server = hostile("starttls-tamper")
    with server.client("starttls") as c:
        assert c.capabilities == frozenset({"IMAP4rev1", "AUTH=PLAIN", "SASL-IR"})
        assert c.take_unsolicited() == []
        assert c.login(USER, PASSWORD) == "PLAIN"
        box = c.select("INBOX")
        assert (box.exists, box.flags, box.list, box.uidvalidity) == (3, ("\\Seen", "\\Answered"), (), 42)
        c.noop()
        assert c.take_unsolicited() == []
    report = server.finish()
    assert report.completed
    assert report.plain == b"A1 CAPABILITY\r\nA2 STARTTLS\r\n"
    assert report.tls.startswith(b"A3 CAPABILITY\r\nA4 AUTHENTICATE PLAIN ")


def test_referrals_are_never_followed(hostile):
    server = hostile("referral", tls=True)
    c = server.client("tls")
    with pytest.raises(libimap.AuthenticationError) as auth:
        c.login(USER, PASSWORD)
    assert auth.value.code == "REFERRAL"
    assert c.login(USER, PASSWORD) == "PLAIN"
    with pytest.raises(libimap.NoResponse) as no:
        c.select("INBOX")
    assert no.value.code == "REFERRAL"
    with pytest.raises(libimap.ByeError) as bye:
        c.noop()
    assert bye.value.code == "REFERRAL"
    del c
    report = server.finish()
    assert report.completed
    assert report.accepts == 1


def test_tagged_ok_for_a_command_not_yet_sent(hostile):
    server = hostile("early-tagged", tls=True)
    c = server.client("tls")
    with pytest.raises(libimap.ProtocolError, match="before the command was sent"):
        c.login(USER, PASSWORD)
    del c
    server.finish()


def test_literal_command_answered_before_the_continuation(hostile):
    server = hostile("early-literal", tls=True)
    c = server.client("tls")
    with pytest.raises(libimap.ProtocolError, match="completely sent"):
        c.login(USER, "pässword")
    del c
    report = server.finish()
    assert report.tls.startswith(b"A1 LOGIN victim {")
    assert "pässword".encode() not in report.tls


@pytest.mark.parametrize(
    ("script", "tls", "error", "kind", "reason"),
    [
        ("huge-literal", True, libimap.LimitError, libimap.ErrorKind.LIMIT, "1000000000000"),
        ("endless-line", False, libimap.LimitError, libimap.ErrorKind.LIMIT, "line"),
        ("cut-literal", False, libimap.ProtocolError, libimap.ErrorKind.PROTOCOL, "middle of a response"),
        ("cut-literal", True, libimap.ImapConnectionError, libimap.ErrorKind.IO, "close_notify"),
    ],
)
def test_resource_attack_fails_cleanly(hostile, script, tls, error, kind, reason):
    server = hostile(script, tls=tls)
    c = server.client("tls" if tls else "insecure-plaintext")
    with pytest.raises(error) as info:
        c.noop()
    assert info.value.kind == kind
    assert reason in info.value.text
    del c
    server.finish()
