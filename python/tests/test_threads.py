"""Threads: eight clients used at once from eight threads, and one client shared by eight threads,
each thread looping SELECT/FETCH/STORE for a few seconds. No crash, no deadlock, and every result
is the one the thread expects (user `python`, in a mailbox of this module's own)."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator

import pytest

import libimap

MAILBOX = "py-threads"
MESSAGES = [f"Subject: thread test {i}\r\n\r\nbody {i}\r\n".encode() for i in range(1, 4)]
SECONDS = 2.0
THREADS = 8


def connect(dovecot, credentials) -> libimap.Client:
    c = libimap.Client(dovecot.host, dovecot.port_tls, ca_file=dovecot.ca, timeout=30)
    c.login(*credentials)
    return c


@pytest.fixture(scope="module")
def mailbox(dovecot) -> Iterator[str]:
    credentials = ("python", "python-pass")
    with connect(dovecot, credentials) as c:
        try:
            c.delete(MAILBOX)
        except libimap.NoResponse:
            pass
        c.create(MAILBOX)
        for m in MESSAGES:
            c.append(MAILBOX, m)
        yield MAILBOX
        c.delete(MAILBOX)


def loop(client: libimap.Client, index: int, stop: float) -> int:
    """SELECT, FETCH and STORE until `stop`, checking every answer; returns the rounds done.
    Each thread adds and removes a keyword of its own, so threads sharing a message never
    disturb each other's check."""
    keyword = f"$T{index}"
    seq = index % len(MESSAGES) + 1
    rounds = 0
    while time.monotonic() < stop:
        box = client.select(MAILBOX)
        assert box.exists == len(MESSAGES)
        fetched = client.fetch("1:*", "(UID BODY.PEEK[])")
        assert sorted(m.seq for m in fetched) == [1, 2, 3]
        for m in fetched:
            assert m.section("") == MESSAGES[m.seq - 1]
        [added] = [m for m in client.store(seq, "+FLAGS", keyword) if m.seq == seq]
        assert keyword in (added.flags or ())
        [removed] = [m for m in client.store(seq, "-FLAGS", keyword) if m.seq == seq]
        assert keyword not in (removed.flags or ())
        rounds += 1
    return rounds


def run_threads(target: Callable[[int], int]) -> list[int]:
    rounds: list[int] = [0] * THREADS
    errors: list[BaseException] = []

    def body(i: int) -> None:
        try:
            rounds[i] = target(i)
        except BaseException as e:  # reported by the main thread
            errors.append(e)

    threads = [threading.Thread(target=body, args=(i,), daemon=True) for i in range(THREADS)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=SECONDS + 60)
    assert not any(t.is_alive() for t in threads), "a thread is stuck (deadlock?)"
    assert not errors, errors
    return rounds


def test_eight_threads_with_a_client_each(dovecot, credentials, mailbox):
    clients = [connect(dovecot, credentials) for _ in range(THREADS)]
    stop = time.monotonic() + SECONDS
    try:
        rounds = run_threads(lambda i: loop(clients[i], i, stop))
    finally:
        for c in clients:
            c.logout()
    assert all(r > 0 for r in rounds), rounds


def test_eight_threads_sharing_one_client(dovecot, credentials, mailbox):
    with connect(dovecot, credentials) as shared:
        stop = time.monotonic() + SECONDS
        rounds = run_threads(lambda i: loop(shared, i, stop))
        assert all(r > 0 for r in rounds), rounds
        # Every keyword was removed again.
        shared.select(MAILBOX)
        for m in shared.fetch("1:*", "FLAGS"):
            assert not [f for f in m.flags or () if f.startswith("$T")], m.flags


def test_the_gil_is_released_while_a_call_waits(dovecot, credentials, mailbox):
    """A thread idling on the network does not stop Python threads from running."""
    with connect(dovecot, credentials) as c:
        c.select(MAILBOX)
        ticks = 0
        done = threading.Event()

        def idle() -> None:
            c.idle(1.0)
            done.set()

        t = threading.Thread(target=idle)
        t.start()
        while not done.is_set():
            ticks += 1
            time.sleep(0.01)
        t.join()
        assert ticks > 20
