/* Linked against the shared library through pkg-config (target/c/libimap.pc): the same API
 * through libimap.so, with one real exchange over implicit TLS. */
#include "check.h"
#include "seed_values.h"

int main(void) {
    const char *host = require_env("LIBIMAP_TEST_HOST");
    uint16_t port = require_port("LIBIMAP_TEST_PORT_TLS");
    const char *ca = require_env("LIBIMAP_TEST_CA");
    imap_config *config = NULL;
    imap_client *client = NULL;
    imap_messages *list = NULL;
    const char *mechanism = NULL;

    CHECK(strlen(imap_version()) > 0, "version from the shared library");
    CHECK_STR(imap_result_name(IMAP_RESULT_TLS), "IMAP_RESULT_TLS", "result names");
    CHECK_RESULT(imap_config_new(host, port, IMAP_SECURITY_TLS, &config), IMAP_RESULT_OK, "config_new");
    CHECK_RESULT(imap_config_set_ca_file(config, ca), IMAP_RESULT_OK, "set_ca_file");
    CHECK_RESULT(imap_client_new(config, &client), IMAP_RESULT_OK, "client_new");
    CHECK_RESULT(imap_client_connect(client), IMAP_RESULT_OK, "connect");
    CHECK_RESULT(imap_client_login(client, "c", SEED_PASSWORD_C, &mechanism), IMAP_RESULT_OK, "login");
    CHECK_STR(mechanism, "SCRAM-SHA-256", "mechanism");
    CHECK_RESULT(imap_client_select(client, "INBOX", true, NULL), IMAP_RESULT_NULL_PARAMETER, "NULL out");
    {
        imap_mailbox *mailbox = NULL;
        CHECK_RESULT(imap_client_select(client, "INBOX", true, &mailbox), IMAP_RESULT_OK, "EXAMINE");
        imap_mailbox_free(mailbox);
    }
    CHECK_RESULT(imap_client_fetch(client, "1:*", "ENVELOPE", false, &list), IMAP_RESULT_OK, "FETCH 1:* ENVELOPE");
    CHECK_INT(imap_messages_len(list), SEED_MAILBOX_EXISTS, "all messages");
    CHECK_STR(imap_envelope_subject(imap_message_envelope(imap_messages_get(list, 1))), SEED_MSG2_SUBJECT,
              "subject of message 2");
    CHECK_STR(imap_envelope_subject(imap_message_envelope(imap_messages_get(list, 2))), SEED_MSG3_SUBJECT,
              "subject of message 3 (ISO-8859-1 decoded)");
    imap_messages_free(list);
    CHECK_RESULT(imap_client_logout(client), IMAP_RESULT_OK, "logout");
    imap_client_free(client);
    imap_config_free(config);
    return check_finish("test_shared");
}
