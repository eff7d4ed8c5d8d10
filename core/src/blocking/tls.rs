//! rustls client configuration: system roots or a caller's CA file, never "accept anything".
use crate::error::{Error, ErrorKind, Result};
use rustls::pki_types::{pem::PemObject, CertificateDer, ServerName};
use std::path::Path;
use std::sync::Arc;

pub(crate) fn client_config(ca_file: Option<&Path>) -> Result<Arc<rustls::ClientConfig>> {
    let mut roots = rustls::RootCertStore::empty();
    match ca_file {
        Some(path) => {
            let certs = CertificateDer::pem_file_iter(path).map_err(|e| {
                Error::new(
                    ErrorKind::Tls,
                    format!("cannot read CA file {}: {e}", path.display()),
                )
            })?;
            for cert in certs {
                let cert = cert.map_err(|e| {
                    Error::new(
                        ErrorKind::Tls,
                        format!("bad certificate in {}: {e}", path.display()),
                    )
                })?;
                roots.add(cert).map_err(|e| {
                    Error::new(
                        ErrorKind::Tls,
                        format!("unusable CA certificate in {}: {e}", path.display()),
                    )
                })?;
            }
            if roots.is_empty() {
                return Err(Error::new(
                    ErrorKind::Tls,
                    format!("no certificate found in CA file {}", path.display()),
                ));
            }
        }
        None => {
            let found = rustls_native_certs::load_native_certs();
            for cert in found.certs {
                // Skip unparsable system certificates rather than failing every connection.
                let _ = roots.add(cert);
            }
            if roots.is_empty() {
                return Err(Error::new(
                    ErrorKind::Tls,
                    "no system root certificates found (name a CA file)",
                ));
            }
        }
    }
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let config = rustls::ClientConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .map_err(|e| Error::new(ErrorKind::Tls, e.to_string()))?
        .with_root_certificates(roots)
        .with_no_client_auth();
    Ok(Arc::new(config))
}

pub(crate) fn server_name(name: &str) -> Result<ServerName<'static>> {
    ServerName::try_from(name.to_string())
        .map_err(|_| Error::invalid(format!("invalid TLS server name {name:?}")))
}

/// Like [`tls_error`], and says so when the peer's first bytes were not TLS at all: after
/// STARTTLS that is clear text planted where the handshake belongs (response injection).
pub(crate) fn handshake_error(e: &std::io::Error) -> Error {
    let not_tls = matches!(
        e.get_ref().and_then(|i| i.downcast_ref::<rustls::Error>()),
        Some(rustls::Error::InvalidMessage(
            rustls::InvalidMessage::InvalidContentType
        ))
    );
    if not_tls {
        return Error::new(
            ErrorKind::Tls,
            "TLS handshake failed: the server sent bytes that are not TLS (clear-text injection?)",
        );
    }
    tls_error(e)
}

/// Maps a rustls failure to a message that says what was wrong with the peer.
pub(crate) fn tls_error(e: &std::io::Error) -> Error {
    if let Some(inner) = e.get_ref().and_then(|i| i.downcast_ref::<rustls::Error>()) {
        return Error::new(ErrorKind::Tls, format!("TLS failure: {inner}"));
    }
    match e.kind() {
        std::io::ErrorKind::InvalidData => Error::new(ErrorKind::Tls, format!("TLS failure: {e}")),
        _ => Error::io(e),
    }
}
