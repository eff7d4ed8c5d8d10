#!/usr/bin/env bash
# A private Dovecot 2.3 instance for libimap's tests, living entirely in one directory.
#
#   fixture.sh start DIR [--watch PID [--cleanup]]   start it, write DIR/env, wait until it serves
#   fixture.sh stop DIR                              stop it and wait until it is gone (idempotent)
#
# --watch PID leaves a watchdog that stops the instance when process PID exits; with --cleanup it
# also removes DIR afterwards (for callers that made DIR as a throw-away temp dir).
# Needs root (Dovecot switches to the mail user itself) and the dovecot-imapd package; it installs
# nothing (tests/install-deps.sh does that) except creating the unprivileged mail user if missing.
# What it serves (users, ports, log lines, the seed messages) is described in tests/scenarios/README.md.
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(cd "$HERE/../.." && pwd)
SELF="$HERE/fixture.sh"

MAIL_USER=libimap-test
TEST_USERS=(rust c python demo)
UIDVALIDITY=1700000000
UIDNEXT=105
# uid  INTERNALDATE (unix, UTC)  Maildir flags  source; uids have a gap so tests notice seq/uid mix-ups.
SEED=(
    "101 1699950605 S 1-encoded-words.eml"
    "102 1700070360 - 2-multipart.eml"
    "104 1700139642 - 3-forward.eml"
)
START_TIMEOUT=20

die() {
    echo "fixture.sh: $*" >&2
    exit 1
}

usage() {
    die "usage: fixture.sh start DIR [--watch PID [--cleanup]] | fixture.sh stop DIR"
}

master_pid() {
    local pidfile="$1/run/master.pid" pid
    [[ -f $pidfile ]] || return 1
    pid=$(<"$pidfile")
    [[ $pid =~ ^[0-9]+$ ]] || return 1
    # A stale pid file may name a recycled pid: only a live dovecot process counts.
    [[ "$(cat "/proc/$pid/comm" 2>/dev/null)" == dovecot ]] || return 1
    echo "$pid"
}

# Two distinct free ports on 127.0.0.1, picked by binding port 0 with both sockets open at once.
free_ports() {
    python3 - <<'EOF'
import socket
socks = [socket.socket() for _ in range(2)]
for s in socks:
    s.bind(("127.0.0.1", 0))
print(" ".join(str(s.getsockname()[1]) for s in socks))
EOF
}

ensure_mail_user() {
    if ! getent passwd "$MAIL_USER" >/dev/null; then
        useradd --system --user-group --no-create-home --home-dir /nonexistent \
            --shell /usr/sbin/nologin "$MAIL_USER" || die "cannot create user $MAIL_USER"
    fi
}

# The mail processes run as $MAIL_USER and login processes as dovenull: both must reach DIR.
check_reachable() {
    local d="$1"
    while [[ $d != / ]]; do
        d=$(dirname "$d")
        if (( ($(stat -c %a "$d" | sed 's/^.*\(.\)$/\1/') & 1) == 0 )); then
            die "$d is not searchable by other users; use a DIR under /tmp"
        fi
    done
}

make_tls() {
    local tls="$1/tls"
    mkdir -p "$tls"
    chmod 0700 "$tls"
    openssl req -x509 -new -nodes -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 \
        -keyout "$tls/ca.key" -out "$tls/ca.pem" -days 3650 -subj "/CN=libimap test CA" \
        -addext "basicConstraints=critical,CA:TRUE" \
        -addext "keyUsage=critical,keyCertSign,cRLSign" 2>/dev/null
    openssl req -new -nodes -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 \
        -keyout "$tls/server.key" -out "$tls/server.csr" -subj "/CN=localhost" 2>/dev/null
    cat >"$tls/server.ext" <<'EOF'
basicConstraints = critical,CA:FALSE
keyUsage = critical,digitalSignature
extendedKeyUsage = serverAuth
subjectAltName = DNS:localhost,IP:127.0.0.1
EOF
    openssl x509 -req -in "$tls/server.csr" -CA "$tls/ca.pem" -CAkey "$tls/ca.key" \
        -CAcreateserial -days 3650 -extfile "$tls/server.ext" -out "$tls/server.pem" 2>/dev/null
    chmod 0644 "$tls/ca.pem"
    # Clients get the CA from LIBIMAP_TEST_CA, so it must be readable even though tls/ is not.
    cp "$tls/ca.pem" "$1/ca.pem"
}

# Each user's INBOX: the same three messages with fixed uids, INTERNALDATEs and flags.
seed_maildir() {
    local maildir="$1" entry uid date flags src base name
    mkdir -p "$maildir"/{cur,new,tmp}
    {
        # Maildir uidlist v3: fixed UIDVALIDITY and mailbox GUID make SELECT answers predictable.
        echo "3 V$UIDVALIDITY N$UIDNEXT G6c6962696d61702d746573742d494e42"
        for entry in "${SEED[@]}"; do
            read -r uid date flags src <<<"$entry"
            echo "$uid :$date.seed$uid.libimap"
        done
    } >"$maildir/dovecot-uidlist"
    for entry in "${SEED[@]}"; do
        read -r uid date flags src <<<"$entry"
        base="$date.seed$uid.libimap"
        [[ $flags == - ]] && flags=""
        name="$maildir/cur/$base:2,$flags"
        cp "$HERE/mail/$src" "$name"
        # Dovecot takes a Maildir file's mtime as its INTERNALDATE.
        touch -d "@$date" "$name"
    done
}

write_users() {
    local dir="$1" uid gid user
    uid=$(id -u "$MAIL_USER")
    gid=$(id -g "$MAIL_USER")
    {
        for user in "${TEST_USERS[@]}"; do
            echo "$user:{PLAIN}$user-pass:$uid:$gid::$dir/home/$user::"
        done
        # Non-ASCII password: the client must SASLprep it and send UTF-8.
        echo "unicode:{PLAIN}pässwörd:$uid:$gid::$dir/home/unicode::"
    } >"$dir/users"
    chgrp dovecot "$dir/users"
    chmod 0640 "$dir/users"
    for user in "${TEST_USERS[@]}" unicode; do
        seed_maildir "$dir/home/$user/Maildir"
    done
    chown -R "$uid:$gid" "$dir/home"
}

write_config() {
    local dir="$1" port_starttls="$2" port_tls="$3"
    sed -e "s|@DIR@|$dir|g" \
        -e "s|@PORT_STARTTLS@|$port_starttls|g" \
        -e "s|@PORT_TLS@|$port_tls|g" \
        -e "s|@UID@|$(id -u "$MAIL_USER")|g" \
        -e "s|@GID@|$(id -g "$MAIL_USER")|g" \
        "$HERE/dovecot.conf.in" >"$dir/dovecot.conf"
}

# Ready means: greeting on the plain port, and a verified TLS handshake plus greeting on the TLS port.
wait_ready() {
    local dir="$1" port_starttls="$2" port_tls="$3"
    python3 - "$dir/ca.pem" "$port_starttls" "$port_tls" "$START_TIMEOUT" <<'EOF'
import socket, ssl, sys, time
ca, plain, tls, timeout = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), float(sys.argv[4])
ctx = ssl.create_default_context(cafile=ca)
deadline = time.monotonic() + timeout
def greets(port, wrap):
    with socket.create_connection(("127.0.0.1", port), timeout=2) as s:
        if wrap:
            s = ctx.wrap_socket(s, server_hostname="localhost")
        return s.recv(1024).startswith(b"* OK")
last = None
while time.monotonic() < deadline:
    try:
        if greets(plain, False) and greets(tls, True):
            sys.exit(0)
    except (OSError, ssl.SSLError) as e:
        last = e
    time.sleep(0.1)
print(f"not ready after {timeout:.0f}s: {last}", file=sys.stderr)
sys.exit(1)
EOF
}

write_env() {
    local dir="$1" port_starttls="$2" port_tls="$3"
    {
        printf 'export LIBIMAP_TEST_HOST=localhost\n'
        printf 'export LIBIMAP_TEST_PORT_STARTTLS=%s\n' "$port_starttls"
        printf 'export LIBIMAP_TEST_PORT_TLS=%s\n' "$port_tls"
        printf 'export LIBIMAP_TEST_CA=%q\n' "$dir/ca.pem"
        printf 'export LIBIMAP_TEST_LOG=%q\n' "$dir/dovecot.log"
        printf 'export LIBIMAP_TEST_DIR=%q\n' "$dir"
        printf 'export LIBIMAP_TEST_SCENARIO=%q\n' "$REPO/tests/scenarios/seed.json"
    } >"$dir/env.tmp"
    # Readers poll for DIR/env: it appears only complete.
    mv "$dir/env.tmp" "$dir/env"
}

cmd_start() {
    local dir="${1:-}" watch="" cleanup=""
    [[ -n $dir ]] || usage
    shift
    while (($#)); do
        case "$1" in
            --watch) watch="${2:-}"; [[ $watch =~ ^[0-9]+$ ]] || usage; shift 2 ;;
            --cleanup) cleanup=1; shift ;;
            *) usage ;;
        esac
    done
    command -v dovecot >/dev/null || [[ -x /usr/sbin/dovecot ]] ||
        die "dovecot is not installed: run tests/install-deps.sh (Debian package dovecot-imapd)"
    local dovecot
    dovecot=$(command -v dovecot || echo /usr/sbin/dovecot)
    [[ $(id -u) == 0 ]] || die "must run as root (Dovecot switches to the mail user itself)"
    command -v openssl >/dev/null || die "openssl is not installed: run tests/install-deps.sh"
    command -v python3 >/dev/null || die "python3 is needed to pick ports and probe the server"

    mkdir -p "$dir"
    dir=$(cd "$dir" && pwd)
    if master_pid "$dir" >/dev/null; then
        die "a fixture is already running in $dir (fixture.sh stop $dir)"
    fi
    check_reachable "$dir"
    ensure_mail_user
    chmod 0755 "$dir"
    rm -rf "${dir:?}"/{run,state,home,tls,env,dovecot.log}
    mkdir -p "$dir/run" "$dir/state"
    # Created here so it is world-readable (Dovecot would create it 0600).
    install -m 0644 /dev/null "$dir/dovecot.log"

    make_tls "$dir"
    write_users "$dir"

    # Free ports can be taken by someone else before Dovecot binds them: then retry with new ones.
    local ports port_starttls port_tls attempt
    for attempt in 1 2 3; do
        ports=$(free_ports)
        read -r port_starttls port_tls <<<"$ports"
        write_config "$dir" "$port_starttls" "$port_tls"
        # TZ=UTC: INTERNALDATEs are then reported as +0000 (Dovecot imports TZ by default).
        if TZ=UTC "$dovecot" -c "$dir/dovecot.conf" >"$dir/dovecot.stderr" 2>&1 </dev/null; then
            break
        fi
        if ((attempt == 3)) || ! grep -q "Address already in use" "$dir/dovecot.stderr"; then
            cat "$dir/dovecot.stderr" >&2
            die "dovecot did not start (config $dir/dovecot.conf)"
        fi
    done
    if ! wait_ready "$dir" "$port_starttls" "$port_tls"; then
        echo "---- $dir/dovecot.log" >&2
        cat "$dir/dovecot.log" >&2 2>/dev/null || true
        cat "$dir/dovecot.stderr" >&2 2>/dev/null || true
        cmd_stop "$dir"
        die "dovecot did not become ready within ${START_TIMEOUT}s"
    fi
    write_env "$dir" "$port_starttls" "$port_tls"

    if [[ -n $watch ]]; then
        # Detached and with no inherited pipes, so a caller capturing our output is not held open.
        setsid "$SELF" __watch "$dir" "$watch" "$cleanup" >>"$dir/watchdog.log" 2>&1 </dev/null &
        echo $! >"$dir/watchdog.pid"
    fi
    echo "fixture: dovecot in $dir, STARTTLS port $port_starttls, TLS port $port_tls"
}

cmd_stop() {
    local dir="${1:-}" pid i
    [[ -n $dir ]] || usage
    [[ -d $dir ]] || return 0
    dir=$(cd "$dir" && pwd)
    if pid=$(master_pid "$dir"); then
        kill -TERM "$pid" 2>/dev/null || true
        for ((i = 0; i < 100; i++)); do
            [[ -e /proc/$pid ]] || break
            sleep 0.1
        done
        if [[ -e /proc/$pid ]]; then
            kill -KILL "$pid" 2>/dev/null || true
        fi
    fi
    # The watchdog has nothing left to do (unless it is us).
    if [[ -f $dir/watchdog.pid ]]; then
        pid=$(<"$dir/watchdog.pid")
        if [[ $pid != "$$" && $pid =~ ^[0-9]+$ ]] && grep -q __watch "/proc/$pid/cmdline" 2>/dev/null; then
            kill -TERM "$pid" 2>/dev/null || true
        fi
        rm -f "$dir/watchdog.pid"
    fi
    rm -f "$dir/env"
}

cmd_watch() {
    local dir="$1" pid="$2" cleanup="$3"
    while [[ -e /proc/$pid ]]; do
        sleep 0.5
    done
    cmd_stop "$dir"
    if [[ -n $cleanup && -z ${LIBIMAP_TEST_KEEP:-} ]]; then
        rm -rf "${dir:?}"
    fi
}

case "${1:-}" in
    start) shift; cmd_start "$@" ;;
    stop) shift; (($# == 1)) || usage; cmd_stop "$1" ;;
    __watch) shift; cmd_watch "$@" ;;
    *) usage ;;
esac
