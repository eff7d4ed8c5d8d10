/* Implicit TLS (the fixture's TLS port): connect, login, EXAMINE INBOX, LOGOUT. */
#include "check.h"
#include "seed_values.h"

int main(void) {
    const char *host = require_env("LIBIMAP_TEST_HOST");
    uint16_t port = require_port("LIBIMAP_TEST_PORT_TLS");
    const char *ca = require_env("LIBIMAP_TEST_CA");
    imap_config *config = NULL;
    imap_client *client = NULL;
    imap_mailbox *mailbox = NULL;
    const char *mechanism = NULL;

    CHECK_RESULT(imap_config_new(host, port, IMAP_SECURITY_TLS, &config), IMAP_RESULT_OK, "config_new TLS");
    CHECK_RESULT(imap_config_set_ca_file(config, ca), IMAP_RESULT_OK, "set_ca_file");
    CHECK_RESULT(imap_client_new(config, &client), IMAP_RESULT_OK, "client_new");
    CHECK_RESULT(imap_client_connect(client), IMAP_RESULT_OK, "connect with implicit TLS");
    CHECK(imap_client_has_capability(client, "IMAP4rev1"), "capability IMAP4rev1");
    CHECK(!imap_client_has_capability(client, "STARTTLS"), "no STARTTLS offered inside TLS");
    CHECK_RESULT(imap_client_connect(client), IMAP_RESULT_STATE, "second connect: STATE");
    CHECK_STR(imap_client_last_error(client), "already connected", "second connect explained");
    CHECK_RESULT(imap_client_login(client, "c", SEED_PASSWORD_C, &mechanism), IMAP_RESULT_OK, "login as c");
    CHECK_STR(mechanism, "SCRAM-SHA-256", "mechanism SCRAM-SHA-256");
    CHECK_RESULT(imap_client_select(client, "INBOX", true, &mailbox), IMAP_RESULT_OK, "EXAMINE INBOX");
    CHECK(imap_mailbox_read_only(mailbox), "EXAMINE is read-only");
    CHECK_INT(imap_mailbox_exists(mailbox), SEED_MAILBOX_EXISTS, "EXISTS");
    imap_mailbox_free(mailbox);
    {
        /* Dovecot accepts STORE in an EXAMINEd mailbox and changes nothing. */
        const char *deleted[] = {"\\Deleted"};
        imap_messages *list = NULL;
        size_t i;
        int any_deleted = 0;
        CHECK_RESULT(imap_client_store(client, "1", "+FLAGS", deleted, 1, false, &list), IMAP_RESULT_OK,
                     "STORE in a read-only mailbox");
        for (i = 0; i < imap_messages_len(list); i++) {
            any_deleted |= imap_message_has_flag(imap_messages_get(list, i), "\\Deleted");
        }
        CHECK(!any_deleted, "read-only STORE reports no \\Deleted");
        imap_messages_free(list);
        list = NULL;
        CHECK_RESULT(imap_client_fetch(client, "1", "FLAGS", false, &list), IMAP_RESULT_OK, "FETCH 1 FLAGS");
        CHECK(imap_message_has_flags(imap_messages_get(list, 0)), "FLAGS reported");
        CHECK(!imap_message_has_flag(imap_messages_get(list, 0), "\\Deleted"), "flags unchanged");
        imap_messages_free(list);
    }
    CHECK_RESULT(imap_client_logout(client), IMAP_RESULT_OK, "LOGOUT");
    imap_client_free(client);
    imap_config_free(config);
    return check_finish("test_tls");
}
