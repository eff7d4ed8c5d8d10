"""libimap: an IMAP client with STARTTLS done right, SCRAM authentication and typed results.

::

    import libimap

    with libimap.Client("imap.example.com", 993, security="tls") as c:
        print(c.login("user", "password"))      # "SCRAM-SHA-256"
        box = c.select("INBOX")
        for m in c.fetch("1:*", "(FLAGS ENVELOPE)"):
            print(m.seq, m.flags, m.envelope.subject)

Every blocking call releases the GIL. A ``Client`` may be shared between threads; calls are
serialised.
"""

from libimap._native import (
    Address,
    BodyStructure,
    Client,
    Envelope,
    Limits,
    ListItem,
    MailboxInfo,
    Message,
    __version__,
)
from libimap.errors import (
    AuthenticationError,
    BadResponse,
    ByeError,
    CommandError,
    ErrorKind,
    ImapConnectionError,
    ImapError,
    ImapTimeoutError,
    InvalidArgumentError,
    LimitError,
    NoResponse,
    ProtocolError,
    StateError,
    TlsError,
    UnsupportedError,
)

__all__ = [
    "Address",
    "AuthenticationError",
    "BadResponse",
    "BodyStructure",
    "ByeError",
    "Client",
    "CommandError",
    "Envelope",
    "ErrorKind",
    "ImapConnectionError",
    "ImapError",
    "ImapTimeoutError",
    "InvalidArgumentError",
    "LimitError",
    "Limits",
    "ListItem",
    "MailboxInfo",
    "Message",
    "NoResponse",
    "ProtocolError",
    "StateError",
    "TlsError",
    "UnsupportedError",
    "__version__",
]
