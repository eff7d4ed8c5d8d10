/* Hostile and man-in-the-middle servers through the C API: tests/hostile/server.py plays a script
 * of tests/hostile/scripts/ and records what the client sent, in clear and inside TLS apart. Every
 * STARTTLS attack class of Poddebniak et al. (USENIX Security 2021) and the resource attacks:
 * each fails with the documented imap_result, and nothing sensitive ever crosses in clear. Also
 * the command timeout against a trickling server, a connection cut mid-FETCH (an error, never a
 * partial result) and byte-exact APPEND/FETCH (every byte value, NUL, bare CR and LF).
 *
 * Needs python3 and openssl (the server makes a throw-away CA); the repository root comes from
 * $ROOT (set by run-tests.sh), else ../.. of the current directory. */
#define _POSIX_C_SOURCE 200809L
#include <stdbool.h>
#include <time.h>
#include <unistd.h>

#include "check.h"

#define USER "victim"
#define PASSWORD "hunter2-secret"

static char root[1024];
static char workdir[256];
static int server_count;

typedef struct {
    FILE *out;
    uint16_t port;
    char plain[512];
    char tls[512];
    char script[64];
} server;

typedef struct {
    char *plain; /* NUL-terminated copies of the records (which may hold NUL: see the lengths) */
    char *tls;
    size_t plain_len;
    size_t tls_len;
    int completed;
    int accepts;
} report;

/* Starts the server on the script file at `path`; `label` names it in messages. */
static bool server_start_file(server *s, const char *path, const char *label, bool tls) {
    char cmd[4096];
    char line[64];
    server_count++;
    snprintf(s->script, sizeof s->script, "%s", label);
    snprintf(s->plain, sizeof s->plain, "%s/%d.plain", workdir, server_count);
    snprintf(s->tls, sizeof s->tls, "%s/%d.tls", workdir, server_count);
    snprintf(cmd, sizeof cmd,
             "python3 '%s/tests/hostile/server.py' '%s' --record '%s' --record-tls '%s' --certs '%s/certs'%s", root,
             path, s->plain, s->tls, workdir, tls ? " --tls" : "");
    s->out = popen(cmd, "r");
    if (s->out == NULL || fgets(line, sizeof line, s->out) == NULL) {
        printf("# %s: the scripted server did not start\n", label);
        return false;
    }
    s->port = (uint16_t)strtol(line, NULL, 10);
    return s->port != 0;
}

/* Starts the server on tests/hostile/scripts/`script`.txt. */
static bool server_start(server *s, const char *script, bool tls) {
    char path[2048];
    snprintf(path, sizeof path, "%s/tests/hostile/scripts/%s.txt", root, script);
    return server_start_file(s, path, script, tls);
}

static char *slurp(const char *path, size_t *len_out) {
    size_t len = 0;
    unsigned char *data = read_file(path, &len);
    char *text = malloc(len + 1);
    if (text == NULL) {
        free(data);
        return NULL;
    }
    if (data != NULL) {
        memcpy(text, data, len);
    }
    text[len] = '\0';
    free(data);
    remove(path);
    *len_out = len;
    return text;
}

/* Waits for the server to end (free the client first) and collects what it saw. */
static report server_finish(server *s) {
    report r = {NULL, NULL, 0, 0, 0, 0};
    char line[128];
    while (fgets(line, sizeof line, s->out) != NULL) {
        const char *c = strstr(line, "completed=");
        const char *a = strstr(line, "accepts=");
        if (c != NULL && a != NULL) {
            r.completed = atoi(c + strlen("completed="));
            r.accepts = atoi(a + strlen("accepts="));
        }
    }
    pclose(s->out);
    r.plain = slurp(s->plain, &r.plain_len);
    r.tls = slurp(s->tls, &r.tls_len);
    return r;
}

static void report_free(report *r) {
    free(r->plain);
    free(r->tls);
}

/* Only "Ann CAPABILITY" and "Ann STARTTLS" lines went out in clear: no credential, no mailbox
 * command. */
static bool only_harmless_in_clear(const char *plain) {
    const char *p = plain;
    if (plain == NULL || strstr(plain, PASSWORD) != NULL || strstr(plain, USER) != NULL) {
        return false;
    }
    while (*p != '\0') {
        const char *end = strstr(p, "\r\n");
        const char *space = strchr(p, ' ');
        size_t n;
        if (end == NULL || space == NULL || space > end || *p != 'A') {
            return false;
        }
        n = (size_t)(end - space - 1);
        if (!((n == 10 && strncmp(space + 1, "CAPABILITY", n) == 0) ||
              (n == 8 && strncmp(space + 1, "STARTTLS", n) == 0))) {
            return false;
        }
        p = end + 2;
    }
    return true;
}

static imap_client *new_client(const server *s, imap_security security) {
    imap_config *config = NULL;
    imap_client *client = NULL;
    char ca[512];
    snprintf(ca, sizeof ca, "%s/certs/ca.pem", workdir);
    if (imap_config_new("127.0.0.1", s->port, security, &config) != IMAP_RESULT_OK) {
        return NULL;
    }
    imap_config_set_ca_file(config, ca);
    imap_config_set_server_name(config, "localhost");
    imap_config_set_timeout_ms(config, 3000);
    imap_client_new(config, &client);
    imap_config_free(config);
    return client;
}

static bool contains(const char *haystack, const char *needle) {
    return haystack != NULL && strstr(haystack, needle) != NULL;
}

/* Connects with STARTTLS required to `script`; the connection must fail with `want`, its last
 * error mentioning `reason`, and only harmless commands in clear (exactly `plain_want` when not
 * NULL). */
static void starttls_refused(const char *script, imap_result want, const char *reason, const char *plain_want) {
    server s;
    imap_client *client;
    report r;
    char what[160];
    if (!CHECK(server_start(&s, script, false), script)) {
        return;
    }
    client = new_client(&s, IMAP_SECURITY_STARTTLS);
    snprintf(what, sizeof what, "%s: connect fails", script);
    if (!CHECK_RESULT(imap_client_connect(client), want, what)) {
        /* Had it connected, show whether a login would leak. */
        imap_client_login(client, USER, PASSWORD, NULL);
    }
    snprintf(what, sizeof what, "%s: error names the reason (%s)", script, reason);
    if (!CHECK(contains(imap_client_last_error(client), reason), what)) {
        printf("#   last error: %s\n", imap_client_last_error(client));
    }
    imap_client_free(client);
    r = server_finish(&s);
    snprintf(what, sizeof what, "%s: nothing sensitive in clear", script);
    CHECK(only_harmless_in_clear(r.plain), what);
    if (plain_want != NULL) {
        snprintf(what, sizeof what, "%s: sent in clear", script);
        CHECK_STR(r.plain, plain_want, what);
    }
    snprintf(what, sizeof what, "%s: one connection only", script);
    CHECK_INT(r.accepts, 1, what);
    report_free(&r);
}

static void stripping(void) {
    starttls_refused("starttls-not-offered", IMAP_RESULT_TLS, "does not offer STARTTLS", "");
    starttls_refused("starttls-no-capability-code", IMAP_RESULT_TLS, "STARTTLS", "A1 CAPABILITY\r\n");
    starttls_refused("starttls-refused", IMAP_RESULT_TLS, "TLS is not available today", "A1 STARTTLS\r\n");
    starttls_refused("starttls-bad", IMAP_RESULT_TLS, "refused STARTTLS", "A1 STARTTLS\r\n");
    starttls_refused("starttls-continuation", IMAP_RESULT_TLS, "continuation", "A1 STARTTLS\r\n");
    starttls_refused("starttls-preauth", IMAP_RESULT_TLS, "PREAUTH", "");
    starttls_refused("starttls-bye-greeting", IMAP_RESULT_BYE, "moved", "");
    starttls_refused("starttls-bye-response", IMAP_RESULT_BYE, "no TLS for you", "A1 STARTTLS\r\n");
}

static void injection(void) {
    starttls_refused("starttls-injection", IMAP_RESULT_TLS, "response injection", "A1 STARTTLS\r\n");
    starttls_refused("starttls-injection-separate", IMAP_RESULT_TLS, "not TLS", "A1 STARTTLS\r\n");
    starttls_refused("starttls-early-ok", IMAP_RESULT_TLS, "before the command was sent",
                     "A1 CAPABILITY\r\nA2 STARTTLS\r\n");
}

static void tampering(void) {
    server s;
    imap_client *client;
    imap_mailbox *mailbox = NULL;
    const char *mechanism = NULL;
    report r;
    if (!CHECK(server_start(&s, "starttls-tamper", false), "tamper: server")) {
        return;
    }
    client = new_client(&s, IMAP_SECURITY_STARTTLS);
    CHECK_RESULT(imap_client_connect(client), IMAP_RESULT_OK, "tamper: connect over STARTTLS");
    CHECK_INT(imap_client_capability_count(client), 3, "tamper: only the capabilities sent over TLS");
    CHECK_STR(imap_client_capability_get(client, 0), "IMAP4rev1", "tamper: capability 0");
    CHECK_STR(imap_client_capability_get(client, 1), "AUTH=PLAIN", "tamper: capability 1");
    CHECK_STR(imap_client_capability_get(client, 2), "SASL-IR", "tamper: capability 2");
    CHECK(!imap_client_has_capability(client, "X-INJECTED"), "tamper: injected capability forgotten");
    CHECK(!imap_client_has_capability(client, "LOGINDISABLED"), "tamper: clear-text LOGINDISABLED forgotten");
    CHECK_RESULT(imap_client_login(client, USER, PASSWORD, &mechanism), IMAP_RESULT_OK, "tamper: login");
    CHECK_STR(mechanism, "PLAIN", "tamper: PLAIN inside TLS");
    CHECK_RESULT(imap_client_select(client, "INBOX", false, &mailbox), IMAP_RESULT_OK, "tamper: SELECT");
    CHECK_INT(imap_mailbox_exists(mailbox), 3, "tamper: EXISTS from inside TLS, not 7 or 9");
    CHECK_INT(imap_mailbox_flag_count(mailbox), 2, "tamper: FLAGS from inside TLS");
    CHECK_STR(imap_mailbox_flag_get(mailbox, 0), "\\Seen", "tamper: first flag");
    imap_mailbox_free(mailbox);
    CHECK_RESULT(imap_client_noop(client), IMAP_RESULT_OK, "tamper: NOOP");
    CHECK_RESULT(imap_client_logout(client), IMAP_RESULT_OK, "tamper: LOGOUT");
    imap_client_free(client);
    r = server_finish(&s);
    CHECK(r.completed, "tamper: the whole script ran");
    CHECK_STR(r.plain, "A1 CAPABILITY\r\nA2 STARTTLS\r\n", "tamper: sent in clear");
    CHECK(contains(r.tls, "AUTHENTICATE PLAIN"), "tamper: credentials went inside TLS");
    report_free(&r);
}

static void referrals(void) {
    server s;
    imap_client *client;
    imap_mailbox *mailbox = NULL;
    report r;
    if (!CHECK(server_start(&s, "referral", true), "referral: server")) {
        return;
    }
    client = new_client(&s, IMAP_SECURITY_TLS);
    CHECK_RESULT(imap_client_connect(client), IMAP_RESULT_OK, "referral: connect (greeting with a referral)");
    CHECK_RESULT(imap_client_login(client, USER, PASSWORD, NULL), IMAP_RESULT_AUTH, "referral: NO [REFERRAL]");
    CHECK_STR(imap_client_last_error_code(client), "REFERRAL", "referral: code kept");
    CHECK_RESULT(imap_client_login(client, USER, PASSWORD, NULL), IMAP_RESULT_OK, "referral: OK [REFERRAL]");
    CHECK_RESULT(imap_client_select(client, "INBOX", false, &mailbox), IMAP_RESULT_NO,
                 "referral: SELECT NO [REFERRAL]");
    CHECK_RESULT(imap_client_noop(client), IMAP_RESULT_BYE, "referral: BYE [REFERRAL]");
    CHECK_STR(imap_client_last_error_code(client), "REFERRAL", "referral: BYE code kept");
    imap_client_free(client);
    r = server_finish(&s);
    CHECK(r.completed, "referral: the whole script ran");
    CHECK_INT(r.accepts, 1, "referral: the referred host was never contacted");
    report_free(&r);
}

static void early_replies(void) {
    server s;
    imap_client *client;
    report r;
    if (CHECK(server_start(&s, "early-tagged", true), "early-tagged: server")) {
        client = new_client(&s, IMAP_SECURITY_TLS);
        CHECK_RESULT(imap_client_connect(client), IMAP_RESULT_OK, "early-tagged: connect");
        CHECK_RESULT(imap_client_login(client, USER, PASSWORD, NULL), IMAP_RESULT_PROTOCOL,
                     "early-tagged: A2 OK sent before A2 is refused");
        CHECK(contains(imap_client_last_error(client), "before the command was sent"), "early-tagged: reason");
        imap_client_free(client);
        r = server_finish(&s);
        report_free(&r);
    }
    if (CHECK(server_start(&s, "early-literal", true), "early-literal: server")) {
        client = new_client(&s, IMAP_SECURITY_TLS);
        CHECK_RESULT(imap_client_connect(client), IMAP_RESULT_OK, "early-literal: connect");
        CHECK_RESULT(imap_client_login(client, USER, "p\xc3\xa4ssword", NULL), IMAP_RESULT_PROTOCOL,
                     "early-literal: OK before the literal is refused");
        CHECK(contains(imap_client_last_error(client), "completely sent"), "early-literal: reason");
        imap_client_free(client);
        r = server_finish(&s);
        CHECK(contains(r.tls, "A1 LOGIN victim {"), "early-literal: the command line went out");
        CHECK(!contains(r.tls, "p\xc3\xa4ssword"), "early-literal: the literal did not");
        report_free(&r);
    }
}

/* NOOP against a resource attack must fail with `want` (default limits and a 3 s timeout). */
static void noop_fails(const char *script, bool tls, imap_result want, const char *reason) {
    server s;
    imap_client *client;
    report r;
    char what[160];
    if (!CHECK(server_start(&s, script, tls), script)) {
        return;
    }
    client = new_client(&s, tls ? IMAP_SECURITY_TLS : IMAP_SECURITY_INSECURE_PLAINTEXT);
    snprintf(what, sizeof what, "%s%s: connect", script, tls ? " (TLS)" : "");
    CHECK_RESULT(imap_client_connect(client), IMAP_RESULT_OK, what);
    snprintf(what, sizeof what, "%s%s: NOOP fails", script, tls ? " (TLS)" : "");
    CHECK_RESULT(imap_client_noop(client), want, what);
    snprintf(what, sizeof what, "%s%s: error says %s", script, tls ? " (TLS)" : "", reason);
    if (!CHECK(contains(imap_client_last_error(client), reason), what)) {
        printf("#   last error: %s\n", imap_client_last_error(client));
    }
    imap_client_free(client);
    r = server_finish(&s);
    report_free(&r);
}

static void resource_attacks(void) {
    noop_fails("huge-literal", true, IMAP_RESULT_LIMIT, "1000000000000");
    noop_fails("endless-line", false, IMAP_RESULT_LIMIT, "line");
    noop_fails("cut-literal", false, IMAP_RESULT_PROTOCOL, "middle of a response");
    noop_fails("cut-literal", true, IMAP_RESULT_IO, "close_notify");
    noop_fails("cut-literal-notify", true, IMAP_RESULT_PROTOCOL, "middle of a response");
}

/* A server that trickles one byte a second never trips the per-read timeout: only the command
 * timeout ends the wait. */
static void command_timeout(void) {
    server s;
    imap_config *config = NULL;
    imap_client *client = NULL;
    report r;
    struct timespec t0, t1;
    double elapsed;
    if (!CHECK(server_start(&s, "trickle", false), "trickle: server")) {
        return;
    }
    imap_config_new("127.0.0.1", s.port, IMAP_SECURITY_INSECURE_PLAINTEXT, &config);
    imap_config_set_timeout_ms(config, 3000);
    imap_config_set_command_timeout_ms(config, 1500);
    imap_client_new(config, &client);
    imap_config_free(config);
    CHECK_RESULT(imap_client_connect(client), IMAP_RESULT_OK, "trickle: connect");
    clock_gettime(CLOCK_MONOTONIC, &t0);
    CHECK_RESULT(imap_client_noop(client), IMAP_RESULT_TIMEOUT, "trickle: NOOP ends with TIMEOUT");
    clock_gettime(CLOCK_MONOTONIC, &t1);
    elapsed = (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
    if (!CHECK(elapsed > 1.4 && elapsed < 3.0, "trickle: after the 1.5 s command timeout")) {
        printf("#   elapsed %.2f s\n", elapsed);
    }
    imap_client_free(client);
    r = server_finish(&s);
    report_free(&r);
}

/* The connection drops in the middle of FETCH: the first message arrived whole, the second is cut
 * inside its literal. The call fails; no partial list is handed out. */
static void cut_mid_fetch(void) {
    static const char script[] =
        "S: * PREAUTH [CAPABILITY IMAP4rev1] ready\\r\\n\n"
        "C: SELECT INBOX\n"
        "S: * 2 EXISTS\\r\\n{tag} OK [READ-WRITE] selected\\r\\n\n"
        "C: FETCH 1:2\n"
        "S: * 1 FETCH (BODY[] {5}\\r\\nhello)\\r\\n* 2 FETCH (BODY[] {1000}\\r\\n\n"
        "SEND_REPEAT 500 y\n"
        "CUT\n";
    char path[512];
    FILE *f;
    server s;
    imap_client *client;
    imap_mailbox *mailbox = NULL;
    imap_messages *sentinel = (imap_messages *)&s;
    imap_messages *msgs = sentinel;
    report r;
    snprintf(path, sizeof path, "%s/cut-fetch.txt", workdir);
    f = fopen(path, "w");
    if (!CHECK(f != NULL && fputs(script, f) >= 0 && fclose(f) == 0, "cut mid-FETCH: script written")) {
        return;
    }
    if (CHECK(server_start_file(&s, path, "cut mid-FETCH", false), "cut mid-FETCH: server")) {
        client = new_client(&s, IMAP_SECURITY_INSECURE_PLAINTEXT);
        CHECK_RESULT(imap_client_connect(client), IMAP_RESULT_OK, "cut mid-FETCH: connect");
        CHECK_RESULT(imap_client_select(client, "INBOX", false, &mailbox), IMAP_RESULT_OK, "cut mid-FETCH: SELECT");
        imap_mailbox_free(mailbox);
        CHECK_RESULT(imap_client_fetch(client, "1:2", "BODY.PEEK[]", false, &msgs), IMAP_RESULT_PROTOCOL,
                     "cut mid-FETCH: FETCH fails");
        CHECK(strstr(imap_client_last_error(client), "middle of a response") != NULL, "cut mid-FETCH: reason");
        CHECK(msgs == sentinel, "cut mid-FETCH: no partial result written");
        CHECK(imap_client_noop(client) != IMAP_RESULT_OK, "cut mid-FETCH: the session is over");
        imap_client_free(client);
        r = server_finish(&s);
        report_free(&r);
    }
    remove(path);
}

/* Nothing lost (tests/hostile/scripts/byte-exact.txt): every byte value, NUL, bare CR and bare
 * LF go out in APPEND and come back from FETCH exactly. */
static void byte_exact(void) {
    static const char head[] = "Subject: every byte\r\n\r\n";
    static const char tail[] = "\r\nbare CR\rbare LF\nend\r\n";
    static const char sent_head[] = "A1 APPEND bytes ~{302+}\r\n";
    uint8_t msg[302];
    size_t len = 0;
    int b;
    server s;
    imap_client *client;
    imap_mailbox *mailbox = NULL;
    imap_messages *msgs = NULL;
    const imap_message *m;
    const uint8_t *data = NULL;
    size_t data_len = 0;
    uint32_t uidvalidity = 0, uid = 0;
    bool has_uid = false;
    report r;

    memcpy(msg, head, strlen(head));
    len = strlen(head);
    for (b = 0; b < 256; b++) {
        msg[len++] = (uint8_t)b;
    }
    memcpy(msg + len, tail, strlen(tail));
    len += strlen(tail);
    if (!CHECK_INT(len, sizeof msg, "byte-exact: the message is 302 bytes") ||
        !CHECK(server_start(&s, "byte-exact", false), "byte-exact: server")) {
        return;
    }
    client = new_client(&s, IMAP_SECURITY_INSECURE_PLAINTEXT);
    CHECK_RESULT(imap_client_connect(client), IMAP_RESULT_OK, "byte-exact: connect (PREAUTH)");
    CHECK_RESULT(imap_client_append(client, "bytes", msg, len, NULL, 0, NULL, 0, &uidvalidity, &uid, &has_uid),
                 IMAP_RESULT_OK, "byte-exact: APPEND");
    CHECK(has_uid && uidvalidity == 7 && uid == 42, "byte-exact: APPENDUID 7 42");
    CHECK_RESULT(imap_client_select(client, "bytes", false, &mailbox), IMAP_RESULT_OK, "byte-exact: SELECT");
    imap_mailbox_free(mailbox);
    CHECK_RESULT(imap_client_fetch(client, "42", "(BINARY.PEEK[] BODY.PEEK[])", true, &msgs), IMAP_RESULT_OK,
                 "byte-exact: UID FETCH");
    CHECK_INT(imap_messages_len(msgs), 1, "byte-exact: both responses merge into one message");
    m = imap_messages_get(msgs, 0);
    CHECK(imap_message_section(m, "BINARY[]", &data, &data_len) == IMAP_RESULT_OK && data_len == len &&
              memcmp(data, msg, len) == 0,
          "byte-exact: BINARY[] exact");
    CHECK(imap_message_section(m, "", &data, &data_len) == IMAP_RESULT_OK && data_len == len &&
              memcmp(data, msg, len) == 0,
          "byte-exact: BODY[] exact");
    imap_messages_free(msgs);
    CHECK_RESULT(imap_client_logout(client), IMAP_RESULT_OK, "byte-exact: LOGOUT");
    imap_client_free(client);
    r = server_finish(&s);
    CHECK(r.completed, "byte-exact: the whole script ran");
    CHECK(r.plain_len >= strlen(sent_head) + len && memcmp(r.plain, sent_head, strlen(sent_head)) == 0,
          "byte-exact: APPEND sent as literal8 with LITERAL+");
    CHECK(r.plain_len >= strlen(sent_head) + len && memcmp(r.plain + strlen(sent_head), msg, len) == 0,
          "byte-exact: APPEND sent the exact bytes");
    report_free(&r);
}

static void cleanup(void) {
    const char *files[] = {"ca.pem", "server.pem", "server.key"};
    char path[512];
    size_t i;
    for (i = 0; i < sizeof files / sizeof files[0]; i++) {
        snprintf(path, sizeof path, "%s/certs/%s", workdir, files[i]);
        remove(path);
    }
    snprintf(path, sizeof path, "%s/certs", workdir);
    rmdir(path);
    rmdir(workdir);
}

int main(void) {
    const char *env_root = getenv("ROOT");
    snprintf(root, sizeof root, "%s", env_root != NULL && *env_root != '\0' ? env_root : "../..");
    snprintf(workdir, sizeof workdir, "/tmp/libimap-hostile-c.XXXXXX");
    if (mkdtemp(workdir) == NULL) {
        CHECK(0, "temporary directory");
        return check_finish("test_hostile");
    }
    stripping();
    injection();
    tampering();
    referrals();
    early_replies();
    resource_attacks();
    command_timeout();
    cut_mid_fetch();
    byte_exact();
    cleanup();
    return check_finish("test_hostile");
}
