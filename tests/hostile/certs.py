#!/usr/bin/env python3
"""Test certificates for the hostile server: a throw-away CA and a `localhost` certificate it
signed, generated with openssl at test time (no key is ever committed).

Usage: certs.py DIR    creates DIR/ca.pem, DIR/server.pem and DIR/server.key unless they exist

Several test processes may ask for the same DIR at once: the files are made in a private
directory that is renamed into place, so a reader sees all three or none.
"""
import os
import shutil
import subprocess
import sys
import tempfile

FILES = ("ca.pem", "server.pem", "server.key")

SERVER_EXT = """basicConstraints = critical,CA:FALSE
keyUsage = critical,digitalSignature
extendedKeyUsage = serverAuth
subjectAltName = DNS:localhost,IP:127.0.0.1
"""


def _openssl(*args: str) -> None:
    subprocess.run(["openssl", *args], check=True, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)


def ensure(directory: str) -> str:
    """Returns `directory` once it holds the three files, generating them if needed."""
    if all(os.path.exists(os.path.join(directory, f)) for f in FILES):
        return directory
    parent = os.path.dirname(os.path.abspath(directory))
    os.makedirs(parent, exist_ok=True)
    work = tempfile.mkdtemp(prefix=".certs-", dir=parent)
    try:
        ca_key = os.path.join(work, "ca.key")
        ca = os.path.join(work, "ca.pem")
        key = os.path.join(work, "server.key")
        csr = os.path.join(work, "server.csr")
        ext = os.path.join(work, "server.ext")
        ec = ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1"]
        _openssl("req", "-x509", "-new", "-nodes", *ec, "-keyout", ca_key, "-out", ca, "-days", "30",
                 "-subj", "/CN=libimap hostile test CA",
                 "-addext", "basicConstraints=critical,CA:TRUE",
                 "-addext", "keyUsage=critical,keyCertSign,cRLSign")
        _openssl("req", "-new", "-nodes", *ec, "-keyout", key, "-out", csr, "-subj", "/CN=localhost")
        with open(ext, "w", encoding="ascii") as f:
            f.write(SERVER_EXT)
        _openssl("x509", "-req", "-in", csr, "-CA", ca, "-CAkey", ca_key, "-CAcreateserial",
                 "-days", "30", "-extfile", ext, "-out", os.path.join(work, "server.pem"))
        for f in ("ca.key", "server.csr", "server.ext", "ca.srl"):
            try:
                os.remove(os.path.join(work, f))
            except FileNotFoundError:
                pass
        try:
            os.rename(work, directory)
            work = ""
        except OSError:
            # Another process won the race (or an old incomplete DIR is in the way).
            if not all(os.path.exists(os.path.join(directory, f)) for f in FILES):
                raise
    finally:
        if work:
            shutil.rmtree(work, ignore_errors=True)
    return directory


if __name__ == "__main__":
    if len(sys.argv) != 2:
        print(__doc__, file=sys.stderr)
        sys.exit(2)
    ensure(sys.argv[1])
