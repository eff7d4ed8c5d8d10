/* Failures: every error path a C caller can hit, each with its imap_result and last error.
 * Server-side cases use the fixture; argument cases need no server and check that nothing is
 * sent and no output is written. */
#define _POSIX_C_SOURCE 200809L
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include "check.h"
#include "seed_values.h"

static imap_client *new_client(const char *host, uint16_t port, imap_security security, const char *ca,
                               const char *server_name) {
    imap_config *config = NULL;
    imap_client *client = NULL;
    if (imap_config_new(host, port, security, &config) != IMAP_RESULT_OK) {
        return NULL;
    }
    if (ca != NULL) {
        imap_config_set_ca_file(config, ca);
    }
    if (server_name != NULL) {
        imap_config_set_server_name(config, server_name);
    }
    imap_config_set_timeout_ms(config, 10000);
    imap_client_new(config, &client);
    imap_config_free(config);
    return client;
}

/* A port on 127.0.0.1 with nothing listening: bound, then released. */
static uint16_t closed_port(void) {
    struct sockaddr_in addr;
    socklen_t len = sizeof addr;
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    uint16_t port = 0;
    memset(&addr, 0, sizeof addr);
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (fd >= 0 && bind(fd, (struct sockaddr *)&addr, sizeof addr) == 0 &&
        getsockname(fd, (struct sockaddr *)&addr, &len) == 0) {
        port = ntohs(addr.sin_port);
    }
    if (fd >= 0) {
        close(fd);
    }
    return port;
}

static void result_names(void) {
    CHECK_STR(imap_result_name(IMAP_RESULT_OK), "IMAP_RESULT_OK", "name of OK");
    CHECK_STR(imap_result_name(IMAP_RESULT_AUTH), "IMAP_RESULT_AUTH", "name of AUTH");
    CHECK_STR(imap_result_name(IMAP_RESULT_NOT_FOUND), "IMAP_RESULT_NOT_FOUND", "name of NOT_FOUND");
    CHECK_STR(imap_result_name(4242), "IMAP_RESULT_UNKNOWN", "name of an unknown number");
    /* The numbers are ABI: fixed forever. */
    CHECK(IMAP_RESULT_OK == 0 && IMAP_RESULT_IO == 1 && IMAP_RESULT_TIMEOUT == 2 && IMAP_RESULT_TLS == 3 &&
              IMAP_RESULT_PROTOCOL == 4 && IMAP_RESULT_NO == 5 && IMAP_RESULT_BAD == 6 && IMAP_RESULT_BYE == 7 &&
              IMAP_RESULT_AUTH == 8 && IMAP_RESULT_STATE == 9 && IMAP_RESULT_INVALID_ARGUMENT == 10 &&
              IMAP_RESULT_LIMIT == 11 && IMAP_RESULT_UNSUPPORTED == 12 && IMAP_RESULT_NULL_PARAMETER == 100 &&
              IMAP_RESULT_PANIC == 101 && IMAP_RESULT_NOT_FOUND == 102,
          "imap_result numbers");
    CHECK(imap_version() != NULL && strlen(imap_version()) > 0, "version string");
}

/* NULL for each pointer argument: IMAP_RESULT_NULL_PARAMETER, outputs untouched, and no crash. */
static void null_parameters(imap_client *client) {
    imap_config *config = NULL;
    imap_config *sentinel_config = (imap_config *)&config;
    imap_client *out_client = (imap_client *)&config;
    imap_mailbox *mailbox = (imap_mailbox *)&config;
    imap_messages *list = (imap_messages *)&config;
    const char *mechanism = "untouched";
    const char *flags[] = {"\\Seen"};
    const char *null_flags[] = {NULL};
    size_t n = 7;

    config = sentinel_config;
    CHECK_RESULT(imap_config_new(NULL, 143, IMAP_SECURITY_TLS, &config), IMAP_RESULT_NULL_PARAMETER, "config_new host");
    CHECK(config == sentinel_config, "config_new: output untouched");
    CHECK_RESULT(imap_config_new("localhost", 143, IMAP_SECURITY_TLS, NULL), IMAP_RESULT_NULL_PARAMETER,
                 "config_new out");
    CHECK_RESULT(imap_config_set_ca_file(NULL, "/x"), IMAP_RESULT_NULL_PARAMETER, "set_ca_file config");
    CHECK_RESULT(imap_config_set_server_name(NULL, "x"), IMAP_RESULT_NULL_PARAMETER, "set_server_name config");
    CHECK_RESULT(imap_config_set_timeout_ms(NULL, 1), IMAP_RESULT_NULL_PARAMETER, "set_timeout_ms config");
    CHECK_RESULT(imap_config_set_trace(NULL, NULL, NULL), IMAP_RESULT_NULL_PARAMETER, "set_trace config");
    CHECK_RESULT(imap_client_new(NULL, &out_client), IMAP_RESULT_NULL_PARAMETER, "client_new config");
    CHECK(out_client == (imap_client *)&config, "client_new: output untouched");

    config = NULL;
    CHECK_RESULT(imap_config_new("localhost", 143, IMAP_SECURITY_TLS, &config), IMAP_RESULT_OK, "config_new");
    CHECK_RESULT(imap_config_set_ca_file(config, NULL), IMAP_RESULT_NULL_PARAMETER, "set_ca_file path");
    CHECK_RESULT(imap_config_set_server_name(config, NULL), IMAP_RESULT_NULL_PARAMETER, "set_server_name name");
    CHECK_RESULT(imap_config_set_trace(config, NULL, NULL), IMAP_RESULT_OK, "set_trace NULL callback turns it off");
    CHECK_RESULT(imap_client_new(config, NULL), IMAP_RESULT_NULL_PARAMETER, "client_new out");
    imap_config_free(config);

    CHECK_RESULT(imap_client_connect(NULL), IMAP_RESULT_NULL_PARAMETER, "connect client");
    CHECK_RESULT(imap_client_login(NULL, "u", "p", &mechanism), IMAP_RESULT_NULL_PARAMETER, "login client");
    CHECK_RESULT(imap_client_login(client, NULL, "p", &mechanism), IMAP_RESULT_NULL_PARAMETER, "login user");
    CHECK_STR(imap_client_last_error(client), "user is NULL", "last error names the NULL argument");
    CHECK_RESULT(imap_client_login(client, "u", NULL, &mechanism), IMAP_RESULT_NULL_PARAMETER, "login password");
    CHECK_STR(mechanism, "untouched", "login: mechanism untouched");
    CHECK_RESULT(imap_client_authenticate(NULL, "PLAIN", "u", "p"), IMAP_RESULT_NULL_PARAMETER, "authenticate client");
    CHECK_RESULT(imap_client_authenticate(client, NULL, "u", "p"), IMAP_RESULT_NULL_PARAMETER, "authenticate mechanism");
    CHECK_RESULT(imap_client_authenticate(client, "PLAIN", NULL, "p"), IMAP_RESULT_NULL_PARAMETER, "authenticate user");
    CHECK_RESULT(imap_client_authenticate(client, "PLAIN", "u", NULL), IMAP_RESULT_NULL_PARAMETER,
                 "authenticate secret");
    CHECK_RESULT(imap_client_enable(NULL, flags, 1, &n), IMAP_RESULT_NULL_PARAMETER, "enable client");
    CHECK_RESULT(imap_client_enable(client, NULL, 1, &n), IMAP_RESULT_NULL_PARAMETER, "enable caps");
    CHECK_RESULT(imap_client_enable(client, null_flags, 1, &n), IMAP_RESULT_NULL_PARAMETER, "enable caps[0]");
    CHECK_STR(imap_client_last_error(client), "caps[0] is NULL", "last error names the element");
    CHECK_INT(n, 7, "enable: count untouched");
    CHECK_RESULT(imap_client_select(NULL, "INBOX", false, &mailbox), IMAP_RESULT_NULL_PARAMETER, "select client");
    CHECK_RESULT(imap_client_select(client, NULL, false, &mailbox), IMAP_RESULT_NULL_PARAMETER, "select mailbox");
    CHECK_RESULT(imap_client_select(client, "INBOX", false, NULL), IMAP_RESULT_NULL_PARAMETER, "select out");
    CHECK(mailbox == (imap_mailbox *)&config, "select: output untouched");
    CHECK_RESULT(imap_client_fetch(NULL, "1", "FLAGS", false, &list), IMAP_RESULT_NULL_PARAMETER, "fetch client");
    CHECK_RESULT(imap_client_fetch(client, NULL, "FLAGS", false, &list), IMAP_RESULT_NULL_PARAMETER, "fetch set");
    CHECK_RESULT(imap_client_fetch(client, "1", NULL, false, &list), IMAP_RESULT_NULL_PARAMETER, "fetch items");
    CHECK_RESULT(imap_client_fetch(client, "1", "FLAGS", false, NULL), IMAP_RESULT_NULL_PARAMETER, "fetch out");
    CHECK_RESULT(imap_client_store(NULL, "1", "+FLAGS", flags, 1, false, &list), IMAP_RESULT_NULL_PARAMETER,
                 "store client");
    CHECK_RESULT(imap_client_store(client, NULL, "+FLAGS", flags, 1, false, &list), IMAP_RESULT_NULL_PARAMETER,
                 "store set");
    CHECK_RESULT(imap_client_store(client, "1", NULL, flags, 1, false, &list), IMAP_RESULT_NULL_PARAMETER, "store op");
    CHECK_RESULT(imap_client_store(client, "1", "+FLAGS", NULL, 1, false, &list), IMAP_RESULT_NULL_PARAMETER,
                 "store flags");
    CHECK_RESULT(imap_client_store(client, "1", "+FLAGS", null_flags, 1, false, &list), IMAP_RESULT_NULL_PARAMETER,
                 "store flags[0]");
    CHECK_RESULT(imap_client_store(client, "1", "+FLAGS", flags, 1, false, NULL), IMAP_RESULT_NULL_PARAMETER,
                 "store out");
    CHECK(list == (imap_messages *)&config, "fetch/store: output untouched");
    CHECK_RESULT(imap_client_noop(NULL), IMAP_RESULT_NULL_PARAMETER, "noop client");
    CHECK_RESULT(imap_client_logout(NULL), IMAP_RESULT_NULL_PARAMETER, "logout client");
    {
        const uint8_t *data = NULL;
        size_t len = 0;
        CHECK_RESULT(imap_message_section(NULL, "HEADER", &data, &len), IMAP_RESULT_NULL_PARAMETER, "section message");
    }

    /* Accessors answer a NULL handle with a neutral value instead of crashing. */
    CHECK_STR(imap_client_last_error(NULL), "", "last_error(NULL) is empty");
    CHECK(imap_client_last_error_code(NULL) == NULL, "last_error_code(NULL)");
    CHECK(!imap_client_has_capability(NULL, "IMAP4rev1"), "has_capability(NULL)");
    CHECK(!imap_client_has_capability(client, NULL), "has_capability(client, NULL)");
    CHECK_INT(imap_client_capability_count(NULL), 0, "capability_count(NULL)");
    CHECK(imap_client_capability_get(NULL, 0) == NULL, "capability_get(NULL)");
    CHECK_INT(imap_mailbox_exists(NULL), 0, "mailbox_exists(NULL)");
    CHECK(!imap_mailbox_uidvalidity(NULL, NULL), "mailbox_uidvalidity(NULL)");
    CHECK_INT(imap_messages_len(NULL), 0, "messages_len(NULL)");
    CHECK(imap_messages_get(NULL, 0) == NULL, "messages_get(NULL)");
    CHECK_INT(imap_message_seq(NULL), 0, "message_seq(NULL)");
    CHECK(imap_message_envelope(NULL) == NULL, "message_envelope(NULL)");
    CHECK(imap_envelope_subject(NULL) == NULL, "envelope_subject(NULL)");
    CHECK(imap_envelope_subject_raw(NULL, NULL) == NULL, "envelope_subject_raw(NULL)");
    CHECK(imap_address_name(NULL) == NULL, "address_name(NULL)");
    CHECK(imap_body_mime_type(NULL) == NULL, "body_mime_type(NULL)");
    CHECK(imap_body_param(NULL, "charset") == NULL, "body_param(NULL)");

    /* Every free accepts NULL. */
    imap_config_free(NULL);
    imap_client_free(NULL);
    imap_mailbox_free(NULL);
    imap_messages_free(NULL);
    CHECK(1, "every _free accepts NULL");
}

/* Every pointer argument of every exported function, NULL one at a time (the others valid): a
 * call returning imap_result gives IMAP_RESULT_NULL_PARAMETER, an accessor its documented neutral
 * value, and an output documented as optional is accepted (the unconnected client then answers
 * IMAP_RESULT_STATE: the NULL got past the checks). Rows hold the value returned and the one
 * wanted; pointers are compared as integers (NULL is 0). */
typedef struct {
    const char *what;
    long long got;
    long long want;
} table_row;

#define NP(call) {#call, (long long)(call), IMAP_RESULT_NULL_PARAMETER}
#define IS(call, want) {#call, (long long)(call), (long long)(want)}
#define NIL(call) {#call, (long long)(intptr_t)(const void *)(call), 0}

static void run_table(const table_row *rows, size_t n) {
    size_t i;
    for (i = 0; i < n; i++) {
        CHECK_INT(rows[i].got, rows[i].want, rows[i].what);
    }
}

static void on_trace_ignore(void *userdata, imap_trace_direction direction, const char *line) {
    (void)userdata;
    (void)direction;
    (void)line;
}

static void null_table_offline(imap_client *c) {
    imap_config *cfg = NULL;
    imap_config *cfg_out = (imap_config *)&cfg;
    imap_client *client_out = (imap_client *)&cfg;
    imap_mailbox *box_out = (imap_mailbox *)&cfg;
    imap_messages *msgs_out = (imap_messages *)&cfg;
    imap_list *list_out = (imap_list *)&cfg;
    const char *mech = "untouched";
    const char *flags[] = {"\\Seen"};
    const char *null_flags[] = {NULL};
    const uint8_t data[] = "Subject: x\r\n\r\nx\r\n";
    const uint8_t *bytes = data;
    const uint32_t *seqs = (const uint32_t *)data;
    size_t n = 7, len = 7;
    uint64_t value = 7;
    uint32_t u32 = 7;
    bool flag = true;
    int64_t when = 0;
    int32_t offset = 7;

    imap_config_new("localhost", 143, IMAP_SECURITY_TLS, &cfg);
    {
        table_row rows[] = {
            /* config */
            NP(imap_config_new(NULL, 143, IMAP_SECURITY_TLS, &cfg_out)),
            NP(imap_config_new("localhost", 143, IMAP_SECURITY_TLS, NULL)),
            NP(imap_config_set_ca_file(NULL, "/x")),
            NP(imap_config_set_ca_file(cfg, NULL)),
            NP(imap_config_set_server_name(NULL, "x")),
            NP(imap_config_set_server_name(cfg, NULL)),
            NP(imap_config_set_timeout_ms(NULL, 1)),
            NP(imap_config_set_command_timeout_ms(NULL, 1)),
            NP(imap_config_set_limit(NULL, IMAP_LIMIT_MAX_LINE, 100)),
            NP(imap_config_get_limit(NULL, IMAP_LIMIT_MAX_LINE, &value)),
            NP(imap_config_get_limit(cfg, IMAP_LIMIT_MAX_LINE, NULL)),
            NP(imap_config_set_trace(NULL, on_trace_ignore, NULL)),
            IS(imap_config_set_trace(cfg, NULL, NULL), IMAP_RESULT_OK),
            IS(imap_config_set_trace(cfg, on_trace_ignore, NULL), IMAP_RESULT_OK),
            /* client */
            NP(imap_client_new(NULL, &client_out)),
            NP(imap_client_new(cfg, NULL)),
            NP(imap_client_connect(NULL)),
            NIL(imap_client_last_error_code(NULL)),
            IS(imap_client_has_capability(NULL, "IMAP4rev1"), false),
            IS(imap_client_has_capability(c, NULL), false),
            IS(imap_client_capability_count(NULL), 0),
            NIL(imap_client_capability_get(NULL, 0)),
            NP(imap_client_login(NULL, "u", "p", &mech)),
            NP(imap_client_login(c, NULL, "p", &mech)),
            NP(imap_client_login(c, "u", NULL, &mech)),
            IS(imap_client_login(c, "u", "p", NULL), IMAP_RESULT_STATE),
            NP(imap_client_authenticate(NULL, "PLAIN", "u", "p")),
            NP(imap_client_authenticate(c, NULL, "u", "p")),
            NP(imap_client_authenticate(c, "PLAIN", NULL, "p")),
            NP(imap_client_authenticate(c, "PLAIN", "u", NULL)),
            NP(imap_client_enable(NULL, flags, 1, &n)),
            NP(imap_client_enable(c, NULL, 1, &n)),
            NP(imap_client_enable(c, null_flags, 1, &n)),
            IS(imap_client_enable(c, NULL, 0, &n), IMAP_RESULT_STATE),
            IS(imap_client_enable(c, flags, 1, NULL), IMAP_RESULT_STATE),
            IS(imap_client_enabled_count(NULL), 0),
            NIL(imap_client_enabled_get(NULL, 0)),
            NP(imap_client_select(NULL, "INBOX", false, &box_out)),
            NP(imap_client_select(c, NULL, false, &box_out)),
            NP(imap_client_select(c, "INBOX", false, NULL)),
            NP(imap_client_fetch(NULL, "1", "FLAGS", false, &msgs_out)),
            NP(imap_client_fetch(c, NULL, "FLAGS", false, &msgs_out)),
            NP(imap_client_fetch(c, "1", NULL, false, &msgs_out)),
            NP(imap_client_fetch(c, "1", "FLAGS", false, NULL)),
            NP(imap_client_store(NULL, "1", "+FLAGS", flags, 1, false, &msgs_out)),
            NP(imap_client_store(c, NULL, "+FLAGS", flags, 1, false, &msgs_out)),
            NP(imap_client_store(c, "1", NULL, flags, 1, false, &msgs_out)),
            NP(imap_client_store(c, "1", "+FLAGS", NULL, 1, false, &msgs_out)),
            NP(imap_client_store(c, "1", "+FLAGS", null_flags, 1, false, &msgs_out)),
            NP(imap_client_store(c, "1", "+FLAGS", flags, 1, false, NULL)),
            IS(imap_client_store(c, "1", "FLAGS", NULL, 0, false, &msgs_out), IMAP_RESULT_STATE),
            NP(imap_client_list(NULL, "", "*", &list_out)),
            NP(imap_client_list(c, NULL, "*", &list_out)),
            NP(imap_client_list(c, "", NULL, &list_out)),
            NP(imap_client_list(c, "", "*", NULL)),
            NP(imap_client_create(NULL, "box")),
            NP(imap_client_create(c, NULL)),
            NP(imap_client_delete(NULL, "box")),
            NP(imap_client_delete(c, NULL)),
            NP(imap_client_rename(NULL, "a", "b")),
            NP(imap_client_rename(c, NULL, "b")),
            NP(imap_client_rename(c, "a", NULL)),
            NP(imap_client_subscribe(NULL, "box")),
            NP(imap_client_subscribe(c, NULL)),
            NP(imap_client_unsubscribe(NULL, "box")),
            NP(imap_client_unsubscribe(c, NULL)),
            NP(imap_client_append(NULL, "box", data, 4, flags, 1, &when, 0, &u32, &u32, &flag)),
            NP(imap_client_append(c, NULL, data, 4, flags, 1, &when, 0, &u32, &u32, &flag)),
            NP(imap_client_append(c, "box", NULL, 4, flags, 1, &when, 0, &u32, &u32, &flag)),
            NP(imap_client_append(c, "box", data, 4, NULL, 1, &when, 0, &u32, &u32, &flag)),
            NP(imap_client_append(c, "box", data, 4, null_flags, 1, &when, 0, &u32, &u32, &flag)),
            IS(imap_client_append(c, "box", NULL, 0, NULL, 0, NULL, 0, NULL, NULL, NULL), IMAP_RESULT_STATE),
            NP(imap_client_copy(NULL, "1", "box", false)),
            NP(imap_client_copy(c, NULL, "box", false)),
            NP(imap_client_copy(c, "1", NULL, false)),
            NP(imap_client_move(NULL, "1", "box", false)),
            NP(imap_client_move(c, NULL, "box", false)),
            NP(imap_client_move(c, "1", NULL, false)),
            NP(imap_client_expunge(NULL, &seqs, &n)),
            IS(imap_client_expunge(c, NULL, NULL), IMAP_RESULT_STATE),
            NP(imap_client_close(NULL)),
            NP(imap_client_unselect(NULL)),
            NP(imap_client_idle(NULL, 1, &n, &u32, &flag)),
            IS(imap_client_idle(c, 1, NULL, NULL, NULL), IMAP_RESULT_STATE),
            NP(imap_client_noop(NULL)),
            NP(imap_client_logout(NULL)),
            NP(imap_test_panic(NULL)),
            /* mailbox */
            NIL(imap_mailbox_name(NULL)),
            IS(imap_mailbox_exists(NULL), 0),
            IS(imap_mailbox_read_only(NULL), false),
            IS(imap_mailbox_uidvalidity(NULL, &u32), false),
            IS(imap_mailbox_uidnext(NULL, &u32), false),
            IS(imap_mailbox_recent(NULL, &u32), false),
            IS(imap_mailbox_unseen(NULL, &u32), false),
            IS(imap_mailbox_highest_modseq(NULL, &value), false),
            IS(imap_mailbox_flag_count(NULL), 0),
            NIL(imap_mailbox_flag_get(NULL, 0)),
            IS(imap_mailbox_permanent_flag_count(NULL), 0),
            NIL(imap_mailbox_permanent_flag_get(NULL, 0)),
            /* messages */
            IS(imap_messages_len(NULL), 0),
            NIL(imap_messages_get(NULL, 0)),
            IS(imap_message_seq(NULL), 0),
            IS(imap_message_uid(NULL, &u32), false),
            IS(imap_message_has_flags(NULL), false),
            IS(imap_message_flag_count(NULL), 0),
            NIL(imap_message_flag_get(NULL, 0)),
            IS(imap_message_has_flag(NULL, "\\Seen"), false),
            IS(imap_message_internal_date(NULL, &when, &offset), false),
            IS(imap_message_size(NULL, &value), false),
            IS(imap_message_modseq(NULL, &value), false),
            NIL(imap_message_envelope(NULL)),
            NIL(imap_message_body(NULL)),
            NP(imap_message_section(NULL, "", &bytes, &len)),
            /* envelope and address */
            NIL(imap_envelope_subject(NULL)),
            NIL(imap_envelope_subject_raw(NULL, &len)),
            NIL(imap_envelope_date(NULL)),
            IS(imap_envelope_date_unix(NULL, &when, &offset), false),
            NIL(imap_envelope_message_id(NULL)),
            NIL(imap_envelope_in_reply_to(NULL)),
            IS(imap_envelope_address_count(NULL, IMAP_ADDRESS_FIELD_FROM), 0),
            NIL(imap_envelope_address_get(NULL, IMAP_ADDRESS_FIELD_FROM, 0)),
            NIL(imap_address_name(NULL)),
            NIL(imap_address_name_raw(NULL, &len)),
            NIL(imap_address_route(NULL)),
            NIL(imap_address_mailbox(NULL)),
            NIL(imap_address_host(NULL)),
            /* body */
            NIL(imap_body_mime_type(NULL)),
            IS(imap_body_part_count(NULL), 0),
            NIL(imap_body_part(NULL, 0)),
            IS(imap_body_param_count(NULL), 0),
            NIL(imap_body_param_name(NULL, 0)),
            NIL(imap_body_param_value(NULL, 0)),
            NIL(imap_body_param(NULL, "charset")),
            NIL(imap_body_encoding(NULL)),
            NIL(imap_body_id(NULL)),
            NIL(imap_body_description(NULL)),
            NIL(imap_body_disposition(NULL)),
            IS(imap_body_octets(NULL, &u32), false),
            IS(imap_body_lines(NULL, &u32), false),
            NIL(imap_body_envelope(NULL)),
            /* list */
            IS(imap_list_len(NULL), 0),
            NIL(imap_list_get(NULL, 0)),
            NIL(imap_list_item_name(NULL)),
            NIL(imap_list_item_name_raw(NULL, &len)),
            NIL(imap_list_item_delimiter(NULL)),
            IS(imap_list_item_attribute_count(NULL), 0),
            NIL(imap_list_item_attribute_get(NULL, 0)),
            IS(imap_list_item_has_attribute(NULL, "\\Noselect"), false),
        };
        run_table(rows, sizeof rows / sizeof rows[0]);
    }
    CHECK_STR(imap_client_last_error(NULL), "", "imap_client_last_error(NULL) is \"\"");
    CHECK(cfg_out == (imap_config *)&cfg && client_out == (imap_client *)&cfg && box_out == (imap_mailbox *)&cfg &&
              msgs_out == (imap_messages *)&cfg && list_out == (imap_list *)&cfg,
          "table: no handle output written");
    CHECK(strcmp(mech, "untouched") == 0 && n == 7 && len == 7 && value == 7 && u32 == 7 && flag && when == 0 &&
              offset == 7 && bytes == data && seqs == (const uint32_t *)data,
          "table: no value output written");
    imap_config_free(cfg);
    imap_list_free(NULL);
    CHECK(1, "imap_list_free(NULL) accepted");
}

/* The second pointer argument of the accessors, on live handles from a real session (each next
 * to a control call showing the same accessor answers with a valid output). */
static void null_table_live(const char *host, uint16_t tls, const char *ca) {
    imap_client *c = new_client(host, tls, IMAP_SECURITY_TLS, ca, NULL);
    imap_mailbox *box = NULL;
    imap_messages *msgs = NULL;
    imap_list *list = NULL;
    const imap_message *m;
    const imap_envelope *env;
    const imap_address *addr;
    const imap_body *leaf;
    const imap_list_item *item;
    const uint8_t *bytes = NULL;
    size_t len = 7, n = 7;
    uint32_t u32 = 0;
    uint64_t u64 = 0;
    int64_t when = 0;
    int32_t offset = 0;

    CHECK_RESULT(imap_client_connect(c), IMAP_RESULT_OK, "live table: connect");
    CHECK_RESULT(imap_client_login(c, "c", SEED_PASSWORD_C, NULL), IMAP_RESULT_OK,
                 "live table: login with mechanism_out NULL");
    CHECK_RESULT(imap_client_enable(c, (const char *[]){"IMAP4rev2"}, 1, NULL), IMAP_RESULT_OK,
                 "live table: enable with n_enabled_out NULL");
    CHECK_RESULT(imap_client_select(c, "INBOX", true, &box), IMAP_RESULT_OK, "live table: EXAMINE");
    CHECK_RESULT(imap_client_fetch(c, "2", "(UID FLAGS INTERNALDATE RFC822.SIZE ENVELOPE BODYSTRUCTURE BODY.PEEK[HEADER])",
                                   false, &msgs),
                 IMAP_RESULT_OK, "live table: FETCH");
    CHECK_RESULT(imap_client_list(c, "", "*", &list), IMAP_RESULT_OK, "live table: LIST");
    m = imap_messages_get(msgs, 0);
    env = imap_message_envelope(m);
    addr = imap_envelope_address_get(env, IMAP_ADDRESS_FIELD_FROM, 0);
    leaf = imap_body_part(imap_body_part(imap_message_body(m), 0), 0);
    item = imap_list_get(list, 0);
    if (!CHECK(m != NULL && env != NULL && addr != NULL && leaf != NULL && item != NULL, "live table: handles")) {
        imap_list_free(list);
        imap_messages_free(msgs);
        imap_mailbox_free(box);
        imap_client_free(c);
        return;
    }
    {
        table_row rows[] = {
            IS(imap_client_has_capability(c, "IMAP4rev1"), true),
            IS(imap_client_has_capability(c, NULL), false),
            IS(imap_mailbox_uidvalidity(box, &u32), true),
            IS(imap_mailbox_uidvalidity(box, NULL), false),
            IS(imap_mailbox_uidnext(box, &u32), true),
            IS(imap_mailbox_uidnext(box, NULL), false),
            IS(imap_mailbox_recent(box, NULL), false),
            IS(imap_mailbox_unseen(box, NULL), false),
            IS(imap_mailbox_highest_modseq(box, NULL), false),
            IS(imap_message_uid(m, &u32), true),
            IS(imap_message_uid(m, NULL), false),
            IS(imap_message_has_flag(m, NULL), false),
            IS(imap_message_internal_date(m, &when, &offset), true),
            IS(imap_message_internal_date(m, NULL, &offset), false),
            IS(imap_message_internal_date(m, &when, NULL), false),
            IS(imap_message_size(m, &u64), true),
            IS(imap_message_size(m, NULL), false),
            IS(imap_message_modseq(m, NULL), false),
            IS(imap_message_section(m, "HEADER", &bytes, &len), IMAP_RESULT_OK),
            NP(imap_message_section(m, NULL, &bytes, &len)),
            NP(imap_message_section(m, "HEADER", NULL, &len)),
            NP(imap_message_section(m, "HEADER", &bytes, NULL)),
            IS(imap_envelope_subject_raw(env, &n) != NULL, true),
            NIL(imap_envelope_subject_raw(env, NULL)),
            IS(imap_envelope_date_unix(env, &when, &offset), true),
            IS(imap_envelope_date_unix(env, NULL, &offset), false),
            IS(imap_envelope_date_unix(env, &when, NULL), false),
            IS(imap_address_name_raw(addr, &n) != NULL, true),
            NIL(imap_address_name_raw(addr, NULL)),
            IS(imap_body_param(leaf, "charset") != NULL, true),
            NIL(imap_body_param(leaf, NULL)),
            IS(imap_body_octets(leaf, &u32), true),
            IS(imap_body_octets(leaf, NULL), false),
            IS(imap_body_lines(leaf, &u32), true),
            IS(imap_body_lines(leaf, NULL), false),
            IS(imap_list_item_name_raw(item, &n) != NULL, true),
            NIL(imap_list_item_name_raw(item, NULL)),
            IS(imap_list_item_has_attribute(item, NULL), false),
        };
        run_table(rows, sizeof rows / sizeof rows[0]);
    }
    imap_list_free(list);
    imap_messages_free(msgs);
    imap_mailbox_free(box);
    CHECK_RESULT(imap_client_logout(c), IMAP_RESULT_OK, "live table: logout");
    imap_client_free(c);
}

static void invalid_arguments(imap_client *client) {
    imap_config *config = (imap_config *)&client;
    const char *caps[] = {"IMAP4rev2", "\xc3\x28"};

    CHECK_RESULT(imap_config_new("local\xff" "host", 143, IMAP_SECURITY_TLS, &config), IMAP_RESULT_INVALID_ARGUMENT,
                 "config_new host not UTF-8");
    CHECK_RESULT(imap_config_new("", 143, IMAP_SECURITY_TLS, &config), IMAP_RESULT_INVALID_ARGUMENT,
                 "config_new empty host");
    CHECK_RESULT(imap_config_new("localhost", 143, 7, &config), IMAP_RESULT_INVALID_ARGUMENT,
                 "config_new unknown security");
    CHECK(config == (imap_config *)&client, "config_new: output untouched");
    config = NULL;
    CHECK_RESULT(imap_config_new("localhost", 143, IMAP_SECURITY_TLS, &config), IMAP_RESULT_OK, "config_new");
    CHECK_RESULT(imap_config_set_server_name(config, "mail.\xe9xample"), IMAP_RESULT_INVALID_ARGUMENT,
                 "set_server_name not UTF-8");
    imap_config_free(config);
    CHECK_RESULT(imap_client_login(client, "\xc3\x28", "p", NULL), IMAP_RESULT_INVALID_ARGUMENT, "login user not UTF-8");
    CHECK_STR(imap_client_last_error(client), "user is not valid UTF-8 (invalid byte at offset 0)",
              "last error explains the bad UTF-8");
    CHECK_RESULT(imap_client_login(client, "c", "pass\xe2\x82", NULL), IMAP_RESULT_INVALID_ARGUMENT,
                 "login password not UTF-8");
    {
        imap_mailbox *mailbox = NULL;
        CHECK_RESULT(imap_client_select(client, "IN\xfe" "BOX", false, &mailbox), IMAP_RESULT_INVALID_ARGUMENT,
                     "select mailbox not UTF-8");
        CHECK(mailbox == NULL, "select: output untouched");
    }
    CHECK_RESULT(imap_client_enable(client, caps, 2, NULL), IMAP_RESULT_INVALID_ARGUMENT, "enable caps[1] not UTF-8");
    CHECK_STR(imap_client_last_error(client), "caps[1] is not valid UTF-8 (invalid byte at offset 0)",
              "last error names the element");
}

static void unconnected(imap_client *client) {
    CHECK_RESULT(imap_client_noop(client), IMAP_RESULT_STATE, "NOOP before connect: STATE");
    CHECK(strstr(imap_client_last_error(client), "not connected") != NULL, "last error says not connected");
    CHECK_RESULT(imap_client_login(client, "c", "c-pass", NULL), IMAP_RESULT_STATE, "login before connect: STATE");
}

static void forced_panic(void) {
    imap_config *config = NULL;
    imap_client *client = NULL;
    imap_config_new("localhost", 1, IMAP_SECURITY_TLS, &config);
    imap_client_new(config, &client);
    imap_config_free(config);
    CHECK_RESULT(imap_test_panic(client), IMAP_RESULT_PANIC, "a panic inside the library returns PANIC");
    CHECK(strstr(imap_client_last_error(client), "panic") != NULL, "last error reports the panic");
    CHECK_RESULT(imap_client_noop(client), IMAP_RESULT_STATE, "a panicked client refuses later calls");
    CHECK_RESULT(imap_test_panic(NULL), IMAP_RESULT_NULL_PARAMETER, "test_panic(NULL)");
    imap_client_free(client);
}

static void server_errors(const char *host, uint16_t starttls, uint16_t tls, const char *ca) {
    imap_client *client;
    imap_messages *list = NULL;
    imap_mailbox *mailbox = NULL;
    uint16_t port;

    /* Wrong password. */
    client = new_client(host, starttls, IMAP_SECURITY_STARTTLS, ca, NULL);
    CHECK_RESULT(imap_client_connect(client), IMAP_RESULT_OK, "connect for the wrong password");
    CHECK_RESULT(imap_client_login(client, "c", "not-the-password", NULL), IMAP_RESULT_AUTH, "wrong password: AUTH");
    CHECK(strlen(imap_client_last_error(client)) > 0, "wrong password: last error has text");
    CHECK_STR(imap_client_last_error_code(client), "AUTHENTICATIONFAILED", "wrong password: response code");
    /* Same connection, argument errors after a real login: nothing sent, session unharmed. */
    CHECK_RESULT(imap_client_login(client, "c", SEED_PASSWORD_C, NULL), IMAP_RESULT_OK, "login after a failure");
    CHECK_RESULT(imap_client_authenticate(client, "NO-SUCH-MECH", "c", "x"), IMAP_RESULT_INVALID_ARGUMENT,
                 "unknown SASL mechanism");
    CHECK_RESULT(imap_client_fetch(client, "1", "FLAGS", false, &list), IMAP_RESULT_STATE,
                 "FETCH without a selected mailbox: STATE");
    CHECK_RESULT(imap_client_select(client, "No/Such/Mailbox", false, &mailbox), IMAP_RESULT_NO,
                 "SELECT a missing mailbox: NO");
    CHECK(mailbox == NULL, "select: output untouched on NO");
    CHECK_RESULT(imap_client_select(client, "INBOX", true, &mailbox), IMAP_RESULT_OK, "EXAMINE INBOX");
    imap_mailbox_free(mailbox);
    CHECK_RESULT(imap_client_fetch(client, "1", "FLAGS\r\nA1 LOGOUT", false, &list), IMAP_RESULT_INVALID_ARGUMENT,
                 "CRLF in fetch items refused");
    CHECK_RESULT(imap_client_fetch(client, "one", "FLAGS", false, &list), IMAP_RESULT_INVALID_ARGUMENT,
                 "malformed sequence set refused");
    {
        const char *flags[] = {"\\Deleted"};
        CHECK_RESULT(imap_client_store(client, "1", "FLAGZ", flags, 1, false, &list), IMAP_RESULT_INVALID_ARGUMENT,
                     "unknown store op refused");
    }
    CHECK(list == NULL, "fetch/store: output untouched");
    CHECK_RESULT(imap_client_noop(client), IMAP_RESULT_OK, "session still usable");
    CHECK_RESULT(imap_client_logout(client), IMAP_RESULT_OK, "logout");
    imap_client_free(client);

    /* Nothing listening. */
    port = closed_port();
    CHECK(port != 0, "found a free port");
    client = new_client("127.0.0.1", port, IMAP_SECURITY_TLS, ca, NULL);
    CHECK_RESULT(imap_client_connect(client), IMAP_RESULT_IO, "closed port: IO");
    CHECK(strlen(imap_client_last_error(client)) > 0, "closed port: last error has text");
    CHECK(imap_client_capability_count(client) == 0, "no capabilities without a connection");
    imap_client_free(client);

    /* Certificate for another name. */
    client = new_client(host, tls, IMAP_SECURITY_TLS, ca, "wrong.example");
    CHECK_RESULT(imap_client_connect(client), IMAP_RESULT_TLS, "certificate name mismatch: TLS");
    CHECK(strlen(imap_client_last_error(client)) > 0, "name mismatch: last error has text");
    imap_client_free(client);
    client = new_client(host, starttls, IMAP_SECURITY_STARTTLS, ca, "wrong.example");
    CHECK_RESULT(imap_client_connect(client), IMAP_RESULT_TLS, "name mismatch after STARTTLS: TLS");
    imap_client_free(client);

    /* System roots do not know the fixture's CA. */
    client = new_client(host, tls, IMAP_SECURITY_TLS, NULL, NULL);
    CHECK_RESULT(imap_client_connect(client), IMAP_RESULT_TLS, "default system roots: TLS");
    imap_client_free(client);

    /* A CA file that does not exist. */
    client = new_client(host, tls, IMAP_SECURITY_TLS, "/nonexistent/ca.pem", NULL);
    CHECK(imap_client_connect(client) != IMAP_RESULT_OK, "missing CA file fails");
    CHECK(strlen(imap_client_last_error(client)) > 0, "missing CA file: last error has text");
    imap_client_free(client);
}

int main(void) {
    imap_client *offline;
    imap_config *config = NULL;

    result_names();

    imap_config_new("localhost", 143, IMAP_SECURITY_STARTTLS, &config);
    imap_client_new(config, &offline);
    imap_config_free(config);
    null_parameters(offline);
    null_table_offline(offline);
    invalid_arguments(offline);
    unconnected(offline);
    imap_client_free(offline);
    forced_panic();

    server_errors(require_env("LIBIMAP_TEST_HOST"), require_port("LIBIMAP_TEST_PORT_STARTTLS"),
                  require_port("LIBIMAP_TEST_PORT_TLS"), require_env("LIBIMAP_TEST_CA"));
    null_table_live(require_env("LIBIMAP_TEST_HOST"), require_port("LIBIMAP_TEST_PORT_TLS"),
                    require_env("LIBIMAP_TEST_CA"));
    return check_finish("test_errors");
}
