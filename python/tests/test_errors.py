"""Failures: server refusals, network and TLS errors, bad arguments, and the exception table."""

from __future__ import annotations

import socket
import threading
import time

import pytest

import libimap
from libimap import errors


def test_wrong_password_is_an_authentication_error(dovecot, credentials):
    start = dovecot.log_size()
    with libimap.Client(dovecot.host, dovecot.port_tls, ca_file=dovecot.ca) as c:
        with pytest.raises(libimap.AuthenticationError) as info:
            c.login(credentials[0], "wrong-password")
        # The server's code and text, unchanged.
        assert info.value.code == "AUTHENTICATIONFAILED"
        assert info.value.text.startswith("Authentication failed")
        assert info.value.kind is libimap.ErrorKind.AUTH
        assert str(info.value).startswith("[AUTHENTICATIONFAILED] Authentication failed")
        # Still usable: the right password works on the same connection.
        assert c.login(*credentials) == "SCRAM-SHA-256"
    dovecot.wait_for_log(rf"\({credentials[0]},.*Password mismatch", start)


def test_unknown_mechanism_and_unoffered_mechanism(dovecot, credentials):
    with libimap.Client(dovecot.host, dovecot.port_tls, ca_file=dovecot.ca) as c:
        with pytest.raises(libimap.InvalidArgumentError):
            c.authenticate("NO-SUCH-MECH", *credentials)
        with pytest.raises(libimap.UnsupportedError, match="XOAUTH2"):
            c.authenticate("XOAUTH2", credentials[0], "token")
        c.authenticate("PLAIN", *credentials)
        assert c.select("INBOX").exists == 3


def _closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_nothing_listening_is_a_connection_error():
    with pytest.raises(libimap.ImapConnectionError) as info:
        libimap.Client("127.0.0.1", _closed_port(), security="insecure-plaintext", timeout=5)
    assert isinstance(info.value, ConnectionError)
    assert info.value.kind is libimap.ErrorKind.IO
    assert info.value.code is None


def test_wrong_server_name_is_a_tls_error(dovecot):
    with pytest.raises(libimap.TlsError) as info:
        libimap.Client(dovecot.host, dovecot.port_tls, ca_file=dovecot.ca, server_name="wrong.example")
    assert isinstance(info.value, libimap.ImapConnectionError)
    assert info.value.kind is libimap.ErrorKind.TLS


def test_system_roots_do_not_trust_the_test_ca(dovecot):
    with pytest.raises(libimap.TlsError):
        libimap.Client(dovecot.host, dovecot.port_starttls, security="starttls")


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"port": "x"}, "port must be int"),
        ({"port": 1.5}, "port must be int"),
        ({"host": b"localhost"}, None),
        ({"security": 1}, None),
        ({"timeout": "x"}, None),
        ({"ca_file": 5}, None),
        ({"trace": "not callable"}, "trace must be a callable"),
        ({"server_name": 5}, None),
    ],
)
def test_wrong_types_in_constructor(kwargs, message):
    args = {"host": "127.0.0.1", "port": 1, "security": "tls", **kwargs}
    with pytest.raises(TypeError, match=message):
        libimap.Client(**args)


@pytest.mark.parametrize(
    "kwargs",
    [
        {"security": "bogus"},
        {"security": "STARTTLS-if-available"},
        {"port": 0},
        {"port": 65536},
        {"port": -1},
        {"timeout": -1},
        {"timeout": 0},
        {"timeout": float("nan")},
    ],
)
def test_bad_values_in_constructor(kwargs):
    args = {"host": "127.0.0.1", "port": 1, "security": "insecure-plaintext", **kwargs}
    with pytest.raises(ValueError) as info:
        libimap.Client(**args)
    assert isinstance(info.value, libimap.InvalidArgumentError)


@pytest.fixture(scope="module")
def selected(dovecot):
    with libimap.Client(dovecot.host, dovecot.port_tls, ca_file=dovecot.ca) as c:
        c.login("python", "python-pass")
        c.select("INBOX")
        yield c


@pytest.mark.parametrize(
    "call",
    [
        lambda c: c.fetch("1", 5),
        lambda c: c.fetch("1", b"FLAGS"),
        lambda c: c.fetch("1", ["FLAGS", 5]),
        lambda c: c.fetch(1.0, "FLAGS"),
        lambda c: c.fetch(b"1", "FLAGS"),
        lambda c: c.fetch(["1"], "FLAGS"),
        lambda c: c.fetch(None, "FLAGS"),
        lambda c: c.store(1, "+FLAGS", [1]),
        lambda c: c.store(1, "+FLAGS", 1),
        lambda c: c.store(1, 5, ["\\Seen"]),
        lambda c: c.select(5),
        lambda c: c.select("INBOX", readonly="yes"),
        lambda c: c.login("python", None),
        lambda c: c.enable(5),
        lambda c: c.has_capability(None),
    ],
)
def test_wrong_types_raise_type_error(selected, call):
    with pytest.raises(TypeError):
        call(selected)
    # Nothing was sent and the connection is intact.
    selected.noop()


@pytest.mark.parametrize(
    "call",
    [
        lambda c: c.fetch("0", "FLAGS"),
        lambda c: c.fetch(0, "FLAGS"),
        lambda c: c.fetch(-3, "FLAGS"),
        lambda c: c.fetch(2**32, "FLAGS"),
        lambda c: c.fetch([], "FLAGS"),
        lambda c: c.fetch([1, 0], "FLAGS"),
        lambda c: c.fetch("1\r\nA1 LOGOUT", "FLAGS"),
        lambda c: c.fetch("1", "FLAGS\r\nA1 LOGOUT"),
        lambda c: c.fetch("1", ""),
        lambda c: c.store("1", "+FLAGS.SILENT", ["\\Seen"]),
        lambda c: c.store("1", "ADD", ["\\Seen"]),
        lambda c: c.store("1", "+FLAGS", ["bad flag"]),
        lambda c: c.store("1", "+FLAGS", ["\\Seen\r\n"]),
    ],
)
def test_bad_values_raise_value_error(selected, call):
    with pytest.raises(ValueError) as info:
        call(selected)
    assert isinstance(info.value, libimap.InvalidArgumentError)
    assert info.value.kind is libimap.ErrorKind.INVALID_ARGUMENT
    selected.noop()


def test_server_refusal_is_a_no_response(dovecot, credentials):
    with libimap.Client(dovecot.host, dovecot.port_tls, ca_file=dovecot.ca) as c:
        c.login(*credentials)
        with pytest.raises(libimap.NoResponse) as info:
            c.select("NoSuchMailbox")
        assert isinstance(info.value, libimap.CommandError)
        assert info.value.kind is libimap.ErrorKind.NO
        # Dovecot 2.3 sends this refusal without a response code; the text is passed on as sent.
        assert info.value.code is None
        assert info.value.text.startswith("Mailbox doesn't exist: NoSuchMailbox")
        # A failed SELECT leaves no mailbox selected.
        with pytest.raises(libimap.StateError):
            c.fetch(1, "UID")
        assert c.select("INBOX").exists == 3


def _silent_server():
    """A listener that accepts and never sends a greeting."""
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(1)
    return server


def test_blocking_calls_release_the_gil():
    server = _silent_server()
    ticks = 0
    stop = threading.Event()

    def count():
        nonlocal ticks
        while not stop.is_set():
            ticks += 1
            time.sleep(0.005)

    thread = threading.Thread(target=count)
    thread.start()
    try:
        time.sleep(0.05)
        before = ticks
        started = time.monotonic()
        with pytest.raises(libimap.ImapTimeoutError) as info:
            libimap.Client("127.0.0.1", server.getsockname()[1], security="insecure-plaintext", timeout=0.5)
        elapsed = time.monotonic() - started
        during = ticks - before
    finally:
        stop.set()
        thread.join()
        server.close()
    assert isinstance(info.value, TimeoutError)
    assert info.value.kind is libimap.ErrorKind.TIMEOUT
    assert 0.4 <= elapsed < 5
    # Had the GIL been held for the half second, the counter could not have moved at all.
    assert during >= 20, during


def test_one_client_shared_by_threads(selected):
    failures = []

    def work():
        try:
            for _ in range(10):
                selected.noop()
                assert selected.fetch(1, "UID")[0].uid == 101
        except Exception as e:  # collected for the assertion below
            failures.append(e)

    threads = [threading.Thread(target=work) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert failures == []


def test_exception_table():
    """The one mapping: every core kind has exactly the documented class and builtin bases."""
    expected = {
        "io": (libimap.ImapConnectionError, ConnectionError),
        "timeout": (libimap.ImapTimeoutError, TimeoutError),
        "tls": (libimap.TlsError, ConnectionError),
        "protocol": (libimap.ProtocolError, libimap.ImapError),
        "no": (libimap.NoResponse, libimap.CommandError),
        "bad": (libimap.BadResponse, libimap.CommandError),
        "bye": (libimap.ByeError, ConnectionError),
        "auth": (libimap.AuthenticationError, libimap.ImapError),
        "state": (libimap.StateError, libimap.ImapError),
        "invalid_argument": (libimap.InvalidArgumentError, ValueError),
        "limit": (libimap.LimitError, libimap.ImapError),
        "unsupported": (libimap.UnsupportedError, libimap.ImapError),
    }
    assert {k.value for k in libimap.ErrorKind} == set(expected)
    assert set(errors.ERROR_CLASSES) == set(libimap.ErrorKind)
    for kind, (cls, base) in expected.items():
        exc = errors._from_native(kind, "CODE", "text")
        assert type(exc) is cls
        assert isinstance(exc, libimap.ImapError)
        assert isinstance(exc, base)
        assert exc.kind == kind
        assert (exc.code, exc.text) == ("CODE", "text")
        assert cls.kind.value == kind
    assert issubclass(libimap.TlsError, libimap.ImapConnectionError)
    assert issubclass(libimap.ByeError, libimap.ImapConnectionError)
    unknown = errors._from_native("something-new", None, "text")
    assert type(unknown) is libimap.ImapError
