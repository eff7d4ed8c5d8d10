# Hand-written stubs for the native module; tests/test_stubs.py checks them against it.
# Inside Client, `builtins.list` because the method `list` shadows the type there.
import builtins
import datetime
import os
from collections.abc import Callable, Iterable
from typing import Any, Literal, final

from typing_extensions import Self, TypeAlias

__version__: str

_SequenceSet: TypeAlias = int | str | Iterable[int]
_Security: TypeAlias = Literal["tls", "starttls", "insecure-plaintext"]

@final
class Address:
    @property
    def name(self) -> str | None: ...
    @property
    def route(self) -> str | None: ...
    @property
    def mailbox(self) -> str | None: ...
    @property
    def host(self) -> str | None: ...
    @property
    def name_raw(self) -> bytes | None: ...
    @property
    def route_raw(self) -> bytes | None: ...
    @property
    def mailbox_raw(self) -> bytes | None: ...
    @property
    def host_raw(self) -> bytes | None: ...
    @property
    def email(self) -> str | None:
        """``mailbox@host`` when both are present."""
    @property
    def is_group_start(self) -> bool: ...
    @property
    def is_group_end(self) -> bool: ...

@final
class Envelope:
    @property
    def date(self) -> datetime.datetime | None:
        """The Date: header as an aware datetime; None when absent or unreadable."""
    @property
    def date_raw(self) -> bytes | None: ...
    @property
    def subject(self) -> str | None:
        """Decoded (RFC 2047)."""
    @property
    def subject_raw(self) -> bytes | None: ...
    @property
    def from_(self) -> tuple[Address, ...]: ...
    @property
    def sender(self) -> tuple[Address, ...]: ...
    @property
    def reply_to(self) -> tuple[Address, ...]: ...
    @property
    def to(self) -> tuple[Address, ...]: ...
    @property
    def cc(self) -> tuple[Address, ...]: ...
    @property
    def bcc(self) -> tuple[Address, ...]: ...
    @property
    def in_reply_to(self) -> str | None: ...
    @property
    def in_reply_to_raw(self) -> bytes | None: ...
    @property
    def message_id(self) -> str | None: ...
    @property
    def message_id_raw(self) -> bytes | None: ...

@final
class BodyStructure:
    @property
    def mime_type(self) -> str:
        """``"text/plain"``, lower-cased."""
    @property
    def maintype(self) -> str: ...
    @property
    def subtype(self) -> str: ...
    @property
    def is_multipart(self) -> bool: ...
    @property
    def params(self) -> dict[str, str]:
        """Content-Type parameters, names as sent; a new dict on each access."""
    @property
    def id(self) -> str | None: ...
    @property
    def description(self) -> str | None: ...
    @property
    def encoding(self) -> str | None:
        """Content-Transfer-Encoding as sent; None for multiparts."""
    @property
    def size(self) -> int | None:
        """Octets of the encoded body; None for multiparts."""
    @property
    def lines(self) -> int | None:
        """Line count of text/* and message/rfc822 parts."""
    @property
    def md5(self) -> str | None: ...
    @property
    def disposition(self) -> str | None:
        """``"attachment"``, ``"inline"``… as sent."""
    @property
    def disposition_params(self) -> dict[str, str]: ...
    @property
    def language(self) -> tuple[str, ...]: ...
    @property
    def location(self) -> str | None: ...
    @property
    def parts(self) -> tuple[BodyStructure, ...]:
        """Children of a multipart; empty otherwise."""
    @property
    def envelope(self) -> Envelope | None:
        """The embedded message's envelope (message/rfc822)."""
    @property
    def body(self) -> BodyStructure | None:
        """The embedded message's structure (message/rfc822)."""
    @property
    def raw(self) -> bytes | None:
        """The exact bytes of a part the core could not read."""

@final
class Message:
    @property
    def seq(self) -> int: ...
    @property
    def uid(self) -> int | None: ...
    @property
    def flags(self) -> tuple[str, ...] | None:
        """``("\\\\Seen", "$Junk")``; None when FLAGS was not fetched."""
    @property
    def internal_date(self) -> datetime.datetime | None: ...
    @property
    def size(self) -> int | None: ...
    @property
    def envelope(self) -> Envelope | None: ...
    @property
    def body_structure(self) -> BodyStructure | None: ...
    @property
    def modseq(self) -> int | None: ...
    @property
    def sections(self) -> dict[str, bytes | None]:
        """Section spec as the server named it (``"HEADER"``, ``""`` for BODY[],
        ``"<origin>"`` appended for partial fetches) to its bytes (None for NIL)."""
    @property
    def other(self) -> dict[str, bytes]:
        """Items kept raw (unknown or malformed)."""
    def section(self, spec: str) -> bytes | None:
        """One section's bytes, the spec matched case-insensitively."""

@final
class ListItem:
    @property
    def attributes(self) -> tuple[str, ...]: ...
    @property
    def delimiter(self) -> str | None: ...
    @property
    def name(self) -> str: ...
    @property
    def name_raw(self) -> bytes: ...
    @property
    def old_name(self) -> str | None: ...

@final
class MailboxInfo:
    @property
    def name(self) -> str: ...
    @property
    def exists(self) -> int: ...
    @property
    def recent(self) -> int | None: ...
    @property
    def flags(self) -> tuple[str, ...]: ...
    @property
    def permanent_flags(self) -> tuple[str, ...]: ...
    @property
    def uidvalidity(self) -> int | None: ...
    @property
    def uidnext(self) -> int | None: ...
    @property
    def unseen(self) -> int | None: ...
    @property
    def highest_modseq(self) -> int | None: ...
    @property
    def read_only(self) -> bool: ...
    @property
    def list(self) -> tuple[ListItem, ...]: ...

@final
class Limits:
    """Bounds on what a server may send; exceeding one raises ``LimitError``. Values left out
    keep the library's defaults; each must be a positive int."""

    def __new__(
        cls,
        *,
        max_line: int | None = None,
        max_literal: int | None = None,
        max_response: int | None = None,
        max_depth: int | None = None,
        max_items: int | None = None,
    ) -> Limits: ...
    @property
    def max_line(self) -> int:
        """Longest line outside literals, CRLF included (default 1 MiB)."""
    @property
    def max_literal(self) -> int:
        """Largest single literal (default 256 MiB)."""
    @property
    def max_response(self) -> int:
        """Largest complete response, lines and literals (default 512 MiB)."""
    @property
    def max_depth(self) -> int:
        """Deepest parenthesis nesting (default 64)."""
    @property
    def max_items(self) -> int:
        """Most items in one list: flags, addresses, parts, search results (default 2**20)."""

@final
class Client:
    def __new__(
        cls,
        host: str,
        port: int,
        security: _Security = "tls",
        ca_file: str | os.PathLike[str] | None = None,
        timeout: float | None = 30.0,
        *,
        server_name: str | None = None,
        trace: Callable[[str, str], object] | None = None,
        command_timeout: float | None = 600.0,
        limits: Limits | None = None,
    ) -> Client:
        """Connects (TLS or STARTTLS as asked), reads the greeting and the capabilities.

        ``timeout`` bounds each wait on the network; ``command_timeout`` the whole wait for one
        response however slowly it trickles in (None: no overall bound).
        ``trace(direction, line)`` is called for each protocol line, ``direction`` being
        ``"C"`` (sent) or ``"S"`` (received), secrets already redacted.
        """
    @property
    def capabilities(self) -> frozenset[str]: ...
    def has_capability(self, capability: str) -> bool: ...
    def login(self, user: str, password: str) -> str:
        """Authenticates with the strongest mechanism offered; returns its name."""
    def authenticate(self, mechanism: str, user: str, password: str) -> None: ...
    def enable(self, *capabilities: str) -> builtins.list[str]: ...
    def select(self, mailbox: str = "INBOX", readonly: bool = False) -> MailboxInfo: ...
    def fetch(
        self, sequence_set: _SequenceSet, items: str | Iterable[str], uid: bool = False
    ) -> builtins.list[Message]: ...
    def store(
        self,
        sequence_set: _SequenceSet,
        operation: Literal["+FLAGS", "-FLAGS", "FLAGS"],
        flags: str | Iterable[str],
        uid: bool = False,
    ) -> builtins.list[Message]: ...
    def list(self, reference: str = "", pattern: str = "*") -> builtins.list[ListItem]: ...
    def create(self, mailbox: str) -> None: ...
    def delete(self, mailbox: str) -> None: ...
    def rename(self, old_name: str, new_name: str) -> None: ...
    def subscribe(self, mailbox: str) -> None: ...
    def unsubscribe(self, mailbox: str) -> None: ...
    def append(
        self,
        mailbox: str,
        data: bytes | bytearray | memoryview,
        flags: str | Iterable[str] | None = None,
        date: datetime.datetime | None = None,
    ) -> tuple[int, int] | None:
        """Sends ``data`` exactly as given; ``date`` (aware) becomes the internal date.
        Returns ``(uidvalidity, uid)`` when the server reports them (UIDPLUS), else None."""
    def copy(self, sequence_set: _SequenceSet, mailbox: str, uid: bool = False) -> None: ...
    def move(self, sequence_set: _SequenceSet, mailbox: str, uid: bool = False) -> None: ...
    def expunge(self) -> builtins.list[int]:
        """The sequence numbers the server reported expunged, in its order."""
    def close(self) -> None: ...
    def unselect(self) -> None: ...
    def idle(self, timeout: float) -> builtins.list[tuple[str, Any]]:
        """IDLE until the server reports something or ``timeout`` seconds pass; what it reported,
        as ``take_unsolicited`` tuples (empty after a quiet wait)."""
    def noop(self) -> None: ...
    def logout(self) -> None: ...
    def take_unsolicited(self) -> builtins.list[tuple[str, Any]]:
        """``("EXISTS", 4)``, ``("EXPUNGE", 2)``, ``("FETCH", Message)``, ``("OK", (code, text))``,
        ``("STATUS", (mailbox, {item: n}))``… oldest first; taking them empties the queue."""
    def __enter__(self) -> Self: ...
    def __exit__(self, exc_type: object, exc_value: object, traceback: object) -> bool: ...
