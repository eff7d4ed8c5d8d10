/* libimap C example: the seed exchange against the test fixture, as user "demo".
 *
 * Connects with STARTTLS (trusting the fixture's CA), logs in, enables IMAP4rev2, selects INBOX,
 * fetches message 1 and prints its decoded envelope and header, toggles \Deleted and logs out,
 * printing the protocol trace (credentials are redacted by the library) on stderr.
 *
 * Build and run: make -C tests/c && source DIR/env && target/c/seed-example
 * Environment: LIBIMAP_TEST_HOST, LIBIMAP_TEST_PORT_STARTTLS, LIBIMAP_TEST_CA; the password
 * defaults to the fixture's "demo-pass" (override with LIBIMAP_DEMO_PASSWORD). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "libimap.h"

static void on_trace(void *userdata, imap_trace_direction direction, const char *line) {
    (void)userdata;
    fprintf(stderr, "%s %s\n", direction == IMAP_TRACE_DIRECTION_CLIENT ? "C:" : "S:", line);
}

/* Prints the failed step with the client's last error, and says whether the call succeeded. */
static int ok(imap_result r, const imap_client *client, const char *step) {
    if (r == IMAP_RESULT_OK) {
        return 1;
    }
    fprintf(stderr, "%s failed: %s: %s", step, imap_result_name(r), client ? imap_client_last_error(client) : "");
    if (client && imap_client_last_error_code(client)) {
        fprintf(stderr, " [%s]", imap_client_last_error_code(client));
    }
    fprintf(stderr, "\n");
    return 0;
}

static void print_addresses(const imap_envelope *env, uint32_t field, const char *label) {
    size_t i, n = imap_envelope_address_count(env, field);
    for (i = 0; i < n; i++) {
        const imap_address *a = imap_envelope_address_get(env, field, i);
        const char *name = imap_address_name(a);
        printf("%s: %s%s<%s@%s>\n", label, name ? name : "", name ? " " : "", imap_address_mailbox(a),
               imap_address_host(a));
    }
}

static void print_flags(const imap_message *m, const char *label) {
    size_t i, n = imap_message_flag_count(m);
    printf("%s:", label);
    for (i = 0; i < n; i++) {
        printf(" %s", imap_message_flag_get(m, i));
    }
    printf("\n");
}

static int store(imap_client *client, const char *op) {
    const char *flags[] = {"\\Deleted"};
    imap_messages *list = NULL;
    if (!ok(imap_client_store(client, "1", op, flags, 1, false, &list), client, "STORE")) {
        return 0;
    }
    if (imap_messages_len(list) > 0) {
        char label[32];
        snprintf(label, sizeof label, "flags after %s", op);
        print_flags(imap_messages_get(list, 0), label);
    }
    imap_messages_free(list);
    return 1;
}

int main(void) {
    const char *host = getenv("LIBIMAP_TEST_HOST");
    const char *port = getenv("LIBIMAP_TEST_PORT_STARTTLS");
    const char *ca = getenv("LIBIMAP_TEST_CA");
    const char *password = getenv("LIBIMAP_DEMO_PASSWORD");
    const char *rev2[] = {"IMAP4rev2"};
    const char *mechanism = NULL;
    imap_config *config = NULL;
    imap_client *client = NULL;
    imap_mailbox *mailbox = NULL;
    imap_messages *list = NULL;
    int status = 1;
    uint32_t u;

    if (host == NULL || port == NULL || ca == NULL) {
        fprintf(stderr, "set LIBIMAP_TEST_HOST, LIBIMAP_TEST_PORT_STARTTLS and LIBIMAP_TEST_CA\n");
        return 2;
    }
    if (password == NULL) {
        password = "demo-pass";
    }
    printf("libimap %s\n", imap_version());

    if (!ok(imap_config_new(host, (uint16_t)atoi(port), IMAP_SECURITY_STARTTLS, &config), NULL, "config") ||
        !ok(imap_config_set_ca_file(config, ca), NULL, "CA file") ||
        !ok(imap_config_set_trace(config, on_trace, NULL), NULL, "trace") ||
        !ok(imap_client_new(config, &client), NULL, "client")) {
        goto done;
    }
    if (!ok(imap_client_connect(client), client, "connect")) {
        goto done;
    }
    printf("capabilities: %zu (IMAP4rev1: %s)\n", imap_client_capability_count(client),
           imap_client_has_capability(client, "IMAP4rev1") ? "yes" : "no");
    if (!ok(imap_client_login(client, "demo", password, &mechanism), client, "login")) {
        goto done;
    }
    printf("mechanism: %s\n", mechanism);
    if (!ok(imap_client_enable(client, rev2, 1, NULL), client, "ENABLE")) {
        goto done;
    }
    printf("enabled: %zu extension(s) reported\n", imap_client_enabled_count(client));

    if (!ok(imap_client_select(client, "INBOX", false, &mailbox), client, "SELECT")) {
        goto done;
    }
    printf("INBOX: %u messages", imap_mailbox_exists(mailbox));
    if (imap_mailbox_uidvalidity(mailbox, &u)) {
        printf(", uidvalidity %u", u);
    }
    if (imap_mailbox_uidnext(mailbox, &u)) {
        printf(", uidnext %u", u);
    }
    printf("\n");

    if (!ok(imap_client_fetch(client, "1", "FULL", false, &list), client, "FETCH FULL")) {
        goto done;
    }
    {
        const imap_message *m = imap_messages_get(list, 0);
        const imap_envelope *env = imap_message_envelope(m);
        int64_t when = 0;
        int32_t offset = 0;
        uint64_t size = 0;
        print_flags(m, "flags");
        if (imap_message_size(m, &size)) {
            printf("size: %llu\n", (unsigned long long)size);
        }
        printf("subject: %s\n", imap_envelope_subject(env) ? imap_envelope_subject(env) : "(none)");
        if (imap_envelope_date_unix(env, &when, &offset)) {
            printf("date: %lld (UTC%+d min)\n", (long long)when, offset);
        }
        print_addresses(env, IMAP_ADDRESS_FIELD_FROM, "from");
        print_addresses(env, IMAP_ADDRESS_FIELD_TO, "to");
        print_addresses(env, IMAP_ADDRESS_FIELD_CC, "cc");
        printf("body: %s\n", imap_body_mime_type(imap_message_body(m)));
    }
    imap_messages_free(list);
    list = NULL;

    if (!ok(imap_client_fetch(client, "1", "BODY.PEEK[HEADER]", false, &list), client, "FETCH HEADER")) {
        goto done;
    }
    {
        const uint8_t *data = NULL;
        size_t len = 0;
        if (ok(imap_message_section(imap_messages_get(list, 0), "HEADER", &data, &len), NULL, "HEADER section")) {
            printf("header (%zu bytes):\n", len);
            fwrite(data, 1, len, stdout);
        }
    }
    imap_messages_free(list);
    list = NULL;

    if (!store(client, "+FLAGS") || !store(client, "-FLAGS")) {
        goto done;
    }
    if (!ok(imap_client_logout(client), client, "LOGOUT")) {
        goto done;
    }
    printf("logged out\n");
    status = 0;

done:
    imap_messages_free(list);
    imap_mailbox_free(mailbox);
    imap_client_free(client);
    imap_config_free(config);
    return status;
}
