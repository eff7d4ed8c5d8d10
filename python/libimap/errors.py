"""The exception hierarchy of libimap, and the one mapping from the core's error kinds to it.

Every exception the library raises on purpose is an :class:`ImapError`. Each carries
``.kind`` (an :class:`ErrorKind`), ``.code`` (the server's response code such as
``"AUTHENTICATIONFAILED"``, or None) and ``.text`` (the server's text, or a description).
Where a builtin category fits, the class also derives from it, so ``except TimeoutError`` and
``except ValueError`` work as expected.
"""

from __future__ import annotations

import enum

__all__ = [
    "AuthenticationError",
    "BadResponse",
    "ByeError",
    "CommandError",
    "ErrorKind",
    "ImapConnectionError",
    "ImapError",
    "ImapTimeoutError",
    "InvalidArgumentError",
    "LimitError",
    "NoResponse",
    "ProtocolError",
    "StateError",
    "TlsError",
    "UnsupportedError",
]


class ErrorKind(str, enum.Enum):
    """The core's ``ErrorKind``; values are stable strings."""

    IO = "io"
    TIMEOUT = "timeout"
    TLS = "tls"
    PROTOCOL = "protocol"
    NO = "no"
    BAD = "bad"
    BYE = "bye"
    AUTH = "auth"
    STATE = "state"
    INVALID_ARGUMENT = "invalid_argument"
    LIMIT = "limit"
    UNSUPPORTED = "unsupported"


class ImapError(Exception):
    """Base of every libimap error."""

    kind: ErrorKind = ErrorKind.PROTOCOL

    def __init__(self, text: str = "", code: str | None = None, kind: ErrorKind | None = None) -> None:
        super().__init__(text, code)
        self.text = text
        self.code = code
        if kind is not None:
            self.kind = ErrorKind(kind)

    def __str__(self) -> str:
        if self.code:
            return f"[{self.code}] {self.text}"
        return self.text

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.text!r}, code={self.code!r}, kind={self.kind.value!r})"


class ImapConnectionError(ImapError, ConnectionError):
    """The connection failed or was lost (refused, reset, closed by the peer)."""

    kind = ErrorKind.IO


class ImapTimeoutError(ImapError, TimeoutError):
    """A configured timeout expired; the connection is not usable afterwards."""

    kind = ErrorKind.TIMEOUT


class TlsError(ImapConnectionError):
    """TLS handshake or certificate failure, or a STARTTLS policy violation."""

    kind = ErrorKind.TLS


class ByeError(ImapConnectionError):
    """The server closed the session with BYE."""

    kind = ErrorKind.BYE


class ProtocolError(ImapError):
    """The server sent something that cannot be framed or violates the protocol."""

    kind = ErrorKind.PROTOCOL


class CommandError(ImapError):
    """The server refused a command (see :class:`NoResponse` and :class:`BadResponse`)."""


class NoResponse(CommandError):
    """The server answered NO."""

    kind = ErrorKind.NO


class BadResponse(CommandError):
    """The server answered BAD."""

    kind = ErrorKind.BAD


class AuthenticationError(ImapError):
    """Authentication failed: refused by the server, or the server failed SASL verification."""

    kind = ErrorKind.AUTH


class StateError(ImapError):
    """The command is not valid in the connection's current state (e.g. after LOGOUT)."""

    kind = ErrorKind.STATE


class InvalidArgumentError(ImapError, ValueError):
    """An argument was refused before anything was sent."""

    kind = ErrorKind.INVALID_ARGUMENT


class LimitError(ImapError):
    """A configured limit (line length, literal size, response size) was exceeded."""

    kind = ErrorKind.LIMIT


class UnsupportedError(ImapError):
    """The server lacks a capability the operation needs."""

    kind = ErrorKind.UNSUPPORTED


#: The one mapping from the core's error kinds to exception classes.
ERROR_CLASSES: dict[ErrorKind, type[ImapError]] = {
    ErrorKind.IO: ImapConnectionError,
    ErrorKind.TIMEOUT: ImapTimeoutError,
    ErrorKind.TLS: TlsError,
    ErrorKind.PROTOCOL: ProtocolError,
    ErrorKind.NO: NoResponse,
    ErrorKind.BAD: BadResponse,
    ErrorKind.BYE: ByeError,
    ErrorKind.AUTH: AuthenticationError,
    ErrorKind.STATE: StateError,
    ErrorKind.INVALID_ARGUMENT: InvalidArgumentError,
    ErrorKind.LIMIT: LimitError,
    ErrorKind.UNSUPPORTED: UnsupportedError,
}


def _from_native(kind: str, code: str | None, text: str) -> ImapError:
    """Called by the native module to build the exception for a core error."""
    try:
        error_kind = ErrorKind(kind)
    except ValueError:
        # A kind added to the core but not yet here: still an ImapError, never a crash.
        return ImapError(f"{text} (unknown error kind {kind!r})", code)
    return ERROR_CLASSES[error_kind](text, code, error_kind)
