/* Hostile and man-in-the-middle servers through the C API: tests/hostile/server.py plays a script
 * of tests/hostile/scripts/ and records what the client sent, in clear and inside TLS apart. Every
 * STARTTLS attack class of Poddebniak et al. (USENIX Security 2021) and three resource attacks:
 * each fails with the documented imap_result, and nothing sensitive ever crosses in clear.
 *
 * Needs python3 and openssl (the server makes a throw-away CA); the repository root comes from
 * $ROOT (set by run-tests.sh), else ../.. of the current directory. */
#define _POSIX_C_SOURCE 200809L
#include <stdbool.h>
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
    char *plain; /* NUL-terminated copies of the records */
    char *tls;
    int completed;
    int accepts;
} report;

static bool server_start(server *s, const char *script, bool tls) {
    char cmd[4096];
    char line[64];
    server_count++;
    snprintf(s->script, sizeof s->script, "%s", script);
    snprintf(s->plain, sizeof s->plain, "%s/%d.plain", workdir, server_count);
    snprintf(s->tls, sizeof s->tls, "%s/%d.tls", workdir, server_count);
    snprintf(cmd, sizeof cmd,
             "python3 '%s/tests/hostile/server.py' '%s/tests/hostile/scripts/%s.txt' --record '%s' "
             "--record-tls '%s' --certs '%s/certs'%s",
             root, root, script, s->plain, s->tls, workdir, tls ? " --tls" : "");
    s->out = popen(cmd, "r");
    if (s->out == NULL || fgets(line, sizeof line, s->out) == NULL) {
        printf("# %s: the scripted server did not start\n", script);
        return false;
    }
    s->port = (uint16_t)strtol(line, NULL, 10);
    return s->port != 0;
}

static char *slurp(const char *path) {
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
    return text;
}

/* Waits for the server to end (free the client first) and collects what it saw. */
static report server_finish(server *s) {
    report r = {NULL, NULL, 0, 0};
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
    r.plain = slurp(s->plain);
    r.tls = slurp(s->tls);
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
    cleanup();
    return check_finish("test_hostile");
}
