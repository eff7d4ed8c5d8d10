"""Mailbox commands, APPEND, COPY/MOVE/EXPUNGE and IDLE against the Dovecot fixture (user
`python`). Each test works in mailboxes of its own; INBOX stays as the seed tests expect it.

Dovecot facts these tests rely on (tests/scenarios/README.md, core/tests/mailbox_ops.rs): the
Maildir++ hierarchy delimiter is '.', names travel in modified UTF-7, APPEND reports APPENDUID."""

from __future__ import annotations

import datetime
import threading
import time
from collections.abc import Callable, Iterator

import pytest

import libimap


def connect(dovecot, credentials, **kwargs) -> libimap.Client:
    c = libimap.Client(dovecot.host, dovecot.port_tls, ca_file=dovecot.ca, **kwargs)
    c.login(*credentials)
    return c


@pytest.fixture
def client(dovecot, credentials) -> Iterator[libimap.Client]:
    with connect(dovecot, credentials) as c:
        yield c


@pytest.fixture
def fresh(client: libimap.Client) -> Iterator[Callable[[str], str]]:
    """Creates an empty mailbox (deleting a leftover first) and deletes it after the test."""
    made: list[str] = []

    def make(name: str) -> str:
        try:
            client.delete(name)
        except libimap.NoResponse:
            pass
        client.create(name)
        made.append(name)
        return name

    yield make
    try:
        client.unselect()
    except libimap.ImapError:
        pass
    for name in made:
        try:
            client.delete(name)
        except libimap.ImapError:
            pass


def test_create_list_rename_delete_with_a_unicode_name(client: libimap.Client):
    [root] = client.list("", "")
    assert root.delimiter == "."
    parent = "Tëst-py"
    name = f"{parent}.Ärchiv ☕"
    renamed = f"{parent}.Neu"
    for leftover in (renamed, name, parent):
        try:
            client.delete(leftover)
        except libimap.NoResponse:
            pass
    client.create(name)
    listed = client.list("", f"{parent}.*")
    assert [item.name for item in listed] == [name]
    [item] = listed
    # Modified UTF-7 on the wire (Dovecot 2.3 is an IMAP4rev1 server).
    assert item.name_raw == b"T&AOs-st-py.&AMQ-rchiv &JhU-"
    assert item.delimiter == "."
    assert "\\HasNoChildren" in item.attributes
    [parent_item] = client.list("", parent)
    assert parent_item.name == parent
    assert "\\HasChildren" in parent_item.attributes
    assert repr(item).startswith("ListItem(name='Tëst-py.Ärchiv ☕', delimiter='.'")
    # The name selects as it lists.
    assert client.select(name).exists == 0
    client.unselect()

    client.rename(name, renamed)
    assert [i.name for i in client.list("", f"{parent}.*")] == [renamed]
    client.delete(renamed)
    with pytest.raises(libimap.NoResponse) as info:
        client.delete(renamed)
    assert info.value.code == "NONEXISTENT"
    # Under Maildir++ the parent existed only through its child.
    assert client.list("", f"{parent}*") == []


def subscriptions(dovecot) -> list[str]:
    """The names in the user's Dovecot subscription file (fixture layout: DIR/home/USER/Maildir;
    the file is a version line, an empty line, then one name per line)."""
    path = dovecot.log.parent / "home" / "python" / "Maildir" / "subscriptions"
    return path.read_text(encoding="utf-8").split("\n")[2:] if path.exists() else []


def test_subscribe_and_unsubscribe(dovecot, client: libimap.Client, fresh):
    name = fresh("py-subscribed")
    assert name not in subscriptions(dovecot)
    client.subscribe(name)
    assert name in subscriptions(dovecot)
    client.unsubscribe(name)
    assert name not in subscriptions(dovecot)


def test_append_then_fetch_gives_the_same_bytes_flags_and_date(dovecot, credentials, fresh):
    name = fresh("py-append")
    lines: list[str] = []
    client = connect(dovecot, credentials, trace=lambda d, line: lines.append(line))
    msg = b"From: a@example.com\r\nSubject: caf\xc3\xa9\r\n\r\nbody one\r\n"
    date = datetime.datetime(
        2021, 3, 4, 5, 6, 7, tzinfo=datetime.timezone(datetime.timedelta(hours=-5, minutes=-30))
    )
    placed = client.append(name, msg, ["\\Flagged", "$Label1"], date)
    assert any(
        f'APPEND {name} (\\Flagged $Label1) " 4-Mar-2021 05:06:07 -0530" {{' in line for line in lines
    ), lines
    assert placed is not None
    uidvalidity, uid = placed
    box = client.select(name)
    assert (box.exists, box.uidvalidity) == (1, uidvalidity)
    [m] = client.fetch(uid, "(FLAGS INTERNALDATE RFC822.SIZE BODY.PEEK[])", uid=True)
    assert m.uid == uid
    assert m.section("") == msg
    assert m.size == len(msg)
    # \Recent too: Dovecot 2.3 is an IMAP4rev1 server.
    assert set(m.flags or ()) - {"\\Recent"} == {"\\Flagged", "$Label1"}
    # The same instant; Dovecot keeps the time, not the offset, and reports it in its zone.
    assert m.internal_date == date
    # bytearray and memoryview are bytes too; no flags and no date are the defaults.
    second = client.append(name, bytearray(b"Subject: two\r\n\r\n2\r\n"))
    third = client.append(name, memoryview(b"Subject: three\r\n\r\n3\r\n"), flags=(), date=None)
    assert second is not None and third is not None
    assert (second[1], third[1]) == (uid + 1, uid + 2)
    client.noop()
    bodies = [x.section("") for x in client.fetch("2:3", "BODY.PEEK[]")]
    assert bodies == [b"Subject: two\r\n\r\n2\r\n", b"Subject: three\r\n\r\n3\r\n"]
    client.logout()


def test_append_to_a_missing_mailbox_says_trycreate(client: libimap.Client):
    with pytest.raises(libimap.NoResponse) as info:
        client.append("py-no-such-mailbox", b"Subject: x\r\n\r\nx\r\n")
    assert info.value.code == "TRYCREATE"


def test_copy_move_expunge_close(client: libimap.Client, fresh):
    src = fresh("py-ops-src")
    dst = fresh("py-ops-dst")
    for i in range(1, 5):
        client.append(src, f"Subject: {i}\r\n\r\nbody {i}\r\n".encode())
    assert client.select(src).exists == 4
    client.copy([1, 2], dst)
    client.move(3, dst)
    assert client.select(src).exists == 3
    [m] = client.fetch(3, "UID")
    client.copy(m.uid, dst, uid=True)
    client.move(f"{m.uid}", dst, uid=True)
    assert client.select(src).exists == 2
    client.store("1:2", "+FLAGS", "\\Deleted")
    # Dovecot reports the highest first, so both keep their number.
    assert client.expunge() == [2, 1]
    assert client.select(src).exists == 0
    assert client.expunge() == []

    box = client.select(dst)
    assert box.exists == 5
    subjects = [
        m.section("HEADER.FIELDS (SUBJECT)")
        for m in client.fetch("1:*", "BODY.PEEK[HEADER.FIELDS (SUBJECT)]")
    ]
    assert subjects == [f"Subject: {i}\r\n\r\n".encode() for i in (1, 2, 3, 4, 4)]
    client.store(5, "+FLAGS", "\\Deleted")
    client.close()
    with pytest.raises(libimap.StateError):
        client.fetch(1, "FLAGS")
    assert client.select(dst, readonly=True).exists == 4
    client.unselect()
    with pytest.raises(libimap.StateError):
        client.expunge()
    with pytest.raises(libimap.NoResponse):
        client.select("py-ops-missing")


def test_copy_to_a_missing_mailbox_says_trycreate(client: libimap.Client, fresh):
    src = fresh("py-copy-src")
    client.append(src, b"Subject: x\r\n\r\nx\r\n")
    client.select(src)
    with pytest.raises(libimap.NoResponse) as info:
        client.copy(1, "py-copy-nowhere")
    assert info.value.code == "TRYCREATE"


def test_idle_times_out_quietly_then_wakes_up_on_new_mail(
    dovecot, credentials, client: libimap.Client, fresh
):
    name = fresh("py-idle")
    client.select(name)
    start = time.monotonic()
    assert client.idle(0.3) == []
    assert time.monotonic() - start >= 0.3
    client.noop()

    errors: list[BaseException] = []

    def writer() -> None:
        try:
            with connect(dovecot, credentials) as other:
                time.sleep(0.3)
                other.append(name, b"Subject: wake up\r\n\r\n.\r\n")
        except BaseException as e:  # reported by the main thread
            errors.append(e)

    t = threading.Thread(target=writer)
    t.start()
    start = time.monotonic()
    got = client.idle(15)
    t.join()
    assert not errors
    assert ("EXISTS", 1) in got, got
    assert time.monotonic() - start < 10
    assert all(isinstance(kind, str) for kind, _ in got)
    # The connection is still in step after IDLE.
    [m] = client.fetch(1, "BODY.PEEK[]")
    assert m.section("") == b"Subject: wake up\r\n\r\n.\r\n"


def test_idle_without_a_selected_mailbox(client: libimap.Client):
    # RFC 2177 allows IDLE in the authenticated state as well.
    assert client.idle(0.1) == []
    client.noop()


# ---------------------------------------------------------------------------------------------
# Nothing lost: message bytes go through APPEND and FETCH unchanged. Dovecot normalises bare CR
# and LF to CRLF, so here every line ends in CRLF; test_hostile.py covers bare CR/LF against
# the scripted server.

HEADER = (
    b"From: bytes@example.com\r\nSubject: every byte\r\nMIME-Version: 1.0\r\n"
    b"Content-Type: application/octet-stream\r\nContent-Transfer-Encoding: binary\r\n\r\n"
)
NO_LINE_ENDS = bytes(b for b in range(1, 256) if b not in (0x0D, 0x0A))
BYTE_CASES = {
    "every byte 0x01-0xFF but CR/LF": HEADER + NO_LINE_ENDS + b"\r\n",
    "8-bit": HEADER + b"\xff\xfe\x80 8-bit \xc3\xa9\r\n" + bytes(range(0x80, 0x100)) + b"\r\n",
    "NUL and 8-bit": HEADER + b"NUL \0 in \0\0 the middle\r\n\xff\xfe\x80\r\n\0" + NO_LINE_ENDS + b"\r\n",
    "1 MiB line": b"Subject: long line\r\n\r\n" + b"x" * (1 << 20) + b"\r\n",
}


@pytest.mark.parametrize("case", list(BYTE_CASES))
def test_append_then_fetch_is_byte_identical(client: libimap.Client, fresh, case: str):
    data = BYTE_CASES[case]
    name = fresh("py-bytes")
    placed = client.append(name, data)
    assert placed is not None
    _, uid = placed
    client.select(name, readonly=True)
    # A message holding NUL cannot travel in a plain literal: Dovecot re-encodes it for BODY[]
    # (RFC 3516 §4.2), so only BINARY[] must give it back unchanged.
    [m] = client.fetch(uid, "BINARY.PEEK[]", uid=True)
    got = m.section("BINARY[]")
    assert got is not None and len(got) == len(data)
    assert got == data
    if b"\0" not in data:
        [m] = client.fetch(uid, "BODY.PEEK[]", uid=True)
        assert m.section("") == data


# ---------------------------------------------------------------------------------------------
# Configuration: limits and the command timeout reach the core.


def test_limits_class():
    default = libimap.Limits()
    assert (
        default.max_line,
        default.max_literal,
        default.max_response,
        default.max_depth,
        default.max_items,
    ) == (
        1 << 20,
        256 << 20,
        512 << 20,
        64,
        1 << 20,
    )
    small = libimap.Limits(max_literal=100, max_depth=3)
    assert (small.max_literal, small.max_depth, small.max_line) == (100, 3, 1 << 20)
    assert small == libimap.Limits(max_depth=3, max_literal=100)
    assert small != default
    assert repr(small) == (
        "Limits(max_line=1048576, max_literal=100, max_response=536870912, max_depth=3, max_items=1048576)"
    )
    with pytest.raises(AttributeError):
        small.max_line = 5  # type: ignore[misc]


def test_a_small_literal_limit_refuses_a_big_body(dovecot, credentials):
    # Seed messages are 552, 1248 and 806 bytes.
    with connect(dovecot, credentials, limits=libimap.Limits(max_literal=1000)) as c:
        c.select("INBOX", readonly=True)
        [m] = c.fetch(1, "BODY.PEEK[]")
        assert m.section("") is not None and len(m.section("") or b"") == 552
        with pytest.raises(libimap.LimitError) as info:
            c.fetch(2, "BODY.PEEK[]")
        assert info.value.kind == libimap.ErrorKind.LIMIT
        assert "1248" in info.value.text
        # The session is over; leaving the block does not raise again.
        with pytest.raises(libimap.LimitError):
            c.noop()


def test_a_small_line_limit_refuses_the_greeting(dovecot):
    with pytest.raises(libimap.LimitError):
        libimap.Client(dovecot.host, dovecot.port_tls, ca_file=dovecot.ca, limits=libimap.Limits(max_line=10))


def test_command_timeout_none_and_numbers_are_accepted(dovecot, credentials):
    for value in (None, 5, 2.5):
        with connect(dovecot, credentials, command_timeout=value) as c:
            c.noop()


# ---------------------------------------------------------------------------------------------
# Wrong argument types and values: TypeError or ValueError (InvalidArgumentError), nothing sent.

NAIVE = datetime.datetime(2021, 1, 1, 12, 0, 0)
ODD_OFFSET = datetime.datetime(2021, 1, 1, tzinfo=datetime.timezone(datetime.timedelta(seconds=90)))


@pytest.mark.parametrize(
    ("call", "error"),
    [
        (lambda c: c.list(1), TypeError),
        (lambda c: c.list("", None), TypeError),
        (lambda c: c.list(pattern=b"*"), TypeError),
        (lambda c: c.create(None), TypeError),
        (lambda c: c.create(b"box"), TypeError),
        (lambda c: c.create(), TypeError),
        (lambda c: c.delete(7), TypeError),
        (lambda c: c.rename("a"), TypeError),
        (lambda c: c.rename("a", None), TypeError),
        (lambda c: c.subscribe(["a"]), TypeError),
        (lambda c: c.unsubscribe(None), TypeError),
        (lambda c: c.append("INBOX", "text is not bytes"), TypeError),
        (lambda c: c.append("INBOX", None), TypeError),
        (lambda c: c.append("INBOX", [1, 2]), TypeError),
        (lambda c: c.append(None, b"x"), TypeError),
        (lambda c: c.append("INBOX", b"x", [1]), TypeError),
        (lambda c: c.append("INBOX", b"x", 5), TypeError),
        (lambda c: c.append("INBOX", b"x", date="2021-01-01"), TypeError),
        (lambda c: c.append("INBOX", b"x", date=1700000000), TypeError),
        (lambda c: c.append("INBOX", b"x", date=NAIVE), ValueError),
        (lambda c: c.append("INBOX", b"x", date=ODD_OFFSET), ValueError),
        (lambda c: c.append("INBOX", b"x", ["bad flag"]), ValueError),
        (lambda c: c.copy(0, "INBOX"), ValueError),
        (lambda c: c.copy("1:x", "INBOX"), ValueError),
        (lambda c: c.copy(b"1", "INBOX"), TypeError),
        (lambda c: c.copy(1, None), TypeError),
        (lambda c: c.copy(1, "INBOX", uid="yes"), TypeError),
        (lambda c: c.move([], "INBOX"), ValueError),
        (lambda c: c.move(1.5, "INBOX"), TypeError),
        (lambda c: c.move(1, 2), TypeError),
        (lambda c: c.move(1, "INBOX", uid=1), TypeError),
        (lambda c: c.expunge(1), TypeError),
        (lambda c: c.close(True), TypeError),
        (lambda c: c.unselect("INBOX"), TypeError),
        (lambda c: c.idle(), TypeError),
        (lambda c: c.idle("1"), TypeError),
        (lambda c: c.idle(None), TypeError),
        (lambda c: c.idle(0), ValueError),
        (lambda c: c.idle(-1), ValueError),
        (lambda c: c.idle(float("nan")), ValueError),
        (lambda c: c.idle(float("inf")), ValueError),
    ],
)
def test_wrong_arguments(client: libimap.Client, call, error):
    with pytest.raises(error):
        call(client)
    client.noop()  # nothing half-sent: the session is still in step


@pytest.mark.parametrize(
    ("kwargs", "error"),
    [
        ({"command_timeout": 0}, ValueError),
        ({"command_timeout": -2.0}, ValueError),
        ({"command_timeout": float("nan")}, ValueError),
        ({"command_timeout": "10"}, TypeError),
        ({"limits": {"max_line": 100}}, TypeError),
        ({"limits": 5}, TypeError),
    ],
)
def test_wrong_client_configuration(dovecot, kwargs, error):
    with pytest.raises(error):
        libimap.Client(dovecot.host, dovecot.port_tls, ca_file=dovecot.ca, **kwargs)


@pytest.mark.parametrize(
    ("kwargs", "error"),
    [
        ({"max_line": 0}, ValueError),
        ({"max_literal": -1}, ValueError),
        ({"max_response": 2**64}, ValueError),
        ({"max_depth": 2**70}, ValueError),
        ({"max_items": 1.5}, TypeError),
        ({"max_line": True}, TypeError),
        ({"max_line": "1000"}, TypeError),
        ({"max_lines": 10}, TypeError),
    ],
)
def test_wrong_limits(kwargs, error):
    with pytest.raises(error):
        libimap.Limits(**kwargs)


def test_limits_are_keyword_only():
    with pytest.raises(TypeError):
        libimap.Limits(1000)  # type: ignore[misc]


def test_value_errors_are_invalid_argument_errors(client: libimap.Client):
    with pytest.raises(libimap.InvalidArgumentError):
        client.idle(0)
    with pytest.raises(libimap.InvalidArgumentError):
        libimap.Limits(max_line=0)
