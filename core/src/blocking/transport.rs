//! The byte stream under the session: plain TCP, or rustls over TCP. Timeouts are socket
//! timeouts, so every blocking read and write is bounded.
use super::tls;
use crate::error::{Error, ErrorKind, Result};
use rustls::{ClientConnection, StreamOwned};
use std::io::{Read, Write};
use std::net::{TcpStream, ToSocketAddrs};
use std::sync::Arc;
use std::time::{Duration, Instant};

pub(crate) enum Transport {
    Plain(TcpStream),
    Tls(Box<StreamOwned<ClientConnection, TcpStream>>),
    /// After a failed upgrade or close: nothing to talk to.
    Closed,
}

pub(crate) fn connect(host: &str, port: u16, timeout: Option<Duration>) -> Result<TcpStream> {
    let addrs = (host, port)
        .to_socket_addrs()
        .map_err(|e| Error::new(ErrorKind::Io, format!("cannot resolve {host}: {e}")))?;
    let mut last = None;
    for addr in addrs {
        let r = match timeout {
            Some(t) => TcpStream::connect_timeout(&addr, t),
            None => TcpStream::connect(addr),
        };
        match r {
            Ok(s) => {
                s.set_read_timeout(timeout).map_err(|e| Error::io(&e))?;
                s.set_write_timeout(timeout).map_err(|e| Error::io(&e))?;
                let _ = s.set_nodelay(true);
                return Ok(s);
            }
            Err(e) => last = Some(e),
        }
    }
    Err(match last {
        Some(e) => {
            let mut err = Error::io(&e);
            if err.kind() == ErrorKind::Io {
                err = Error::new(
                    ErrorKind::Io,
                    format!("cannot connect to {host}:{port}: {e}"),
                );
            }
            err
        }
        None => Error::new(ErrorKind::Io, format!("{host} has no addresses")),
    })
}

/// The error for a deadline that passed while waiting for `what`.
pub(crate) fn deadline_error(total: Duration, what: &str) -> Error {
    Error::new(
        ErrorKind::Timeout,
        format!("no complete {what} within {total:?} (command_timeout)"),
    )
}

/// Sets the socket's read timeout to what is left until the deadline (at most `per_read`);
/// fails once nothing is left.
fn bound_read(
    sock: &TcpStream,
    per_read: Option<Duration>,
    (at, total): (Instant, Duration),
) -> Result<()> {
    let left = at.saturating_duration_since(Instant::now());
    if left.is_zero() {
        return Err(deadline_error(total, "response"));
    }
    let t = per_read.map_or(left, |p| p.min(left));
    sock.set_read_timeout(Some(t)).map_err(|e| Error::io(&e))
}

impl Transport {
    /// Runs the TLS handshake to completion on `tcp`, so certificate errors surface here and
    /// not on the first read. `deadline` bounds the whole handshake.
    pub(crate) fn tls(
        tcp: TcpStream,
        config: Arc<rustls::ClientConfig>,
        name: &str,
        deadline: Option<(Instant, Duration)>,
    ) -> Result<Transport> {
        let conn = ClientConnection::new(config, tls::server_name(name)?)
            .map_err(|e| Error::new(ErrorKind::Tls, e.to_string()))?;
        let per_read = tcp.read_timeout().map_err(|e| Error::io(&e))?;
        let mut stream = StreamOwned::new(conn, tcp);
        while stream.conn.is_handshaking() {
            if let Some(limit) = deadline {
                bound_read(&stream.sock, per_read, limit)?;
            }
            stream.conn.complete_io(&mut stream.sock).map_err(|e| {
                let err = tls::handshake_error(&e);
                match deadline {
                    Some((at, total))
                        if err.kind() == ErrorKind::Timeout && Instant::now() >= at =>
                    {
                        deadline_error(total, "the TLS handshake")
                    }
                    _ => err,
                }
            })?;
        }
        if deadline.is_some() {
            stream
                .sock
                .set_read_timeout(per_read)
                .map_err(|e| Error::io(&e))?;
        }
        Ok(Transport::Tls(Box::new(stream)))
    }

    /// Shortens the next reads so that they end by `limit`'s instant (see [`bound_read`]).
    pub(crate) fn bound_read(
        &self,
        per_read: Option<Duration>,
        limit: (Instant, Duration),
    ) -> Result<()> {
        match self {
            Transport::Plain(s) => bound_read(s, per_read, limit),
            Transport::Tls(s) => bound_read(&s.sock, per_read, limit),
            Transport::Closed => Ok(()),
        }
    }

    /// Takes the TCP stream out for a STARTTLS upgrade.
    pub(crate) fn take_plain(&mut self) -> Option<TcpStream> {
        match std::mem::replace(self, Transport::Closed) {
            Transport::Plain(s) => Some(s),
            other => {
                *self = other;
                None
            }
        }
    }

    pub(crate) fn write_all(&mut self, bytes: &[u8]) -> Result<()> {
        let r = match self {
            Transport::Plain(s) => s.write_all(bytes).and_then(|_| s.flush()),
            Transport::Tls(s) => s.write_all(bytes).and_then(|_| s.flush()),
            Transport::Closed => return Err(Error::new(ErrorKind::State, "connection is closed")),
        };
        r.map_err(|e| tls::tls_error(&e))
    }

    /// Reads some bytes; `Ok(0)` is end of stream.
    pub(crate) fn read(&mut self, buf: &mut [u8]) -> Result<usize> {
        let r = match self {
            Transport::Plain(s) => s.read(buf),
            Transport::Tls(s) => s.read(buf),
            Transport::Closed => return Err(Error::new(ErrorKind::State, "connection is closed")),
        };
        match r {
            Ok(n) => Ok(n),
            // A TLS peer that closes without close_notify has truncated the stream: that is
            // an error, not a clean end (a cut mid-literal must not look complete).
            Err(e) if e.kind() == std::io::ErrorKind::UnexpectedEof => Err(Error::new(
                ErrorKind::Io,
                "connection closed without TLS close_notify (truncated)",
            )),
            Err(e) => Err(tls::tls_error(&e)),
        }
    }

    /// Changes how long one read may wait (IDLE waits longer or shorter than the configured
    /// timeout).
    pub(crate) fn set_read_timeout(&mut self, timeout: Option<std::time::Duration>) -> Result<()> {
        let sock = match self {
            Transport::Plain(s) => s,
            Transport::Tls(s) => &s.sock,
            Transport::Closed => return Err(Error::new(ErrorKind::State, "connection is closed")),
        };
        sock.set_read_timeout(timeout).map_err(|e| Error::io(&e))
    }

    pub(crate) fn close(&mut self) {
        if let Transport::Tls(s) = self {
            s.conn.send_close_notify();
            let _ = s.conn.complete_io(&mut s.sock);
        }
        if let Transport::Plain(s) = self {
            let _ = s.shutdown(std::net::Shutdown::Both);
        }
        *self = Transport::Closed;
    }
}
