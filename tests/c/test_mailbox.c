/* Mailbox commands through the C API against the Dovecot fixture, as user "c": CREATE/LIST
 * (a non-ASCII name, its modified UTF-7 bytes)/RENAME/DELETE, (UN)SUBSCRIBE, APPEND then FETCH
 * byte-identical, COPY/MOVE/EXPUNGE/CLOSE/UNSELECT, IDLE woken by a second client and timing out
 * quietly, limits. Every test works in mailboxes of its own; INBOX is left as the seed test
 * expects it.
 *
 * Dovecot facts relied on (tests/scenarios/README.md): the Maildir++ delimiter is '.', names are
 * modified UTF-7 on the wire, APPEND reports APPENDUID, EXPUNGE reports the highest first. */
#define _POSIX_C_SOURCE 200809L
#include <pthread.h>
#include <time.h>

#include "check.h"
#include "seed_values.h"

static const char *host;
static uint16_t port;
static const char *ca;

static imap_config *new_config(void) {
    imap_config *config = NULL;
    imap_config_new(host, port, IMAP_SECURITY_TLS, &config);
    imap_config_set_ca_file(config, ca);
    imap_config_set_timeout_ms(config, 20000);
    return config;
}

static imap_client *connect_config(imap_config *config) {
    imap_client *client = NULL;
    imap_client_new(config, &client);
    imap_config_free(config);
    if (imap_client_connect(client) != IMAP_RESULT_OK ||
        imap_client_login(client, "c", SEED_PASSWORD_C, NULL) != IMAP_RESULT_OK) {
        printf("# connect/login failed: %s\n", imap_client_last_error(client));
    }
    return client;
}

static imap_client *connect_c(void) {
    return connect_config(new_config());
}

/* An empty mailbox `name`: a leftover of an earlier run is deleted first. */
static int fresh(imap_client *client, const char *name) {
    imap_client_delete(client, name);
    return CHECK_RESULT(imap_client_create(client, name), IMAP_RESULT_OK, name);
}

static double now(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static int bytes_equal(const uint8_t *got, size_t got_len, const uint8_t *want, size_t want_len) {
    size_t i;
    if (got_len != want_len) {
        printf("#   got %zu bytes, want %zu\n", got_len, want_len);
        return 0;
    }
    for (i = 0; i < got_len; i++) {
        if (got[i] != want[i]) {
            printf("#   first difference at byte %zu: 0x%02x, want 0x%02x\n", i, got[i], want[i]);
            return 0;
        }
    }
    return 1;
}

#define PARENT "T\xc3\xabst-c"                              /* "Tëst-c" */
#define NAME PARENT ".\xc3\x84rchiv \xe2\x98\x95"           /* "Tëst-c.Ärchiv ☕" */
#define NAME_WIRE "T&AOs-st-c.&AMQ-rchiv &JhU-"             /* what Dovecot lists */
#define RENAMED PARENT ".Neu"

static void create_list_rename_delete(imap_client *c) {
    imap_list *list = NULL;
    const imap_list_item *item;
    const uint8_t *raw;
    size_t len = 0;

    CHECK_RESULT(imap_client_list(c, "", "", &list), IMAP_RESULT_OK, "LIST \"\" \"\"");
    CHECK_INT(imap_list_len(list), 1, "LIST \"\" \"\": one item");
    CHECK_STR(imap_list_item_delimiter(imap_list_get(list, 0)), ".", "hierarchy delimiter");
    imap_list_free(list);

    imap_client_delete(c, RENAMED);
    imap_client_delete(c, NAME);
    CHECK_RESULT(imap_client_create(c, NAME), IMAP_RESULT_OK, "CREATE a non-ASCII name");
    list = NULL;
    CHECK_RESULT(imap_client_list(c, "", PARENT ".*", &list), IMAP_RESULT_OK, "LIST the new mailbox");
    CHECK_INT(imap_list_len(list), 1, "one match");
    item = imap_list_get(list, 0);
    CHECK_STR(imap_list_item_name(item), NAME, "name decoded to UTF-8");
    raw = imap_list_item_name_raw(item, &len);
    CHECK(raw != NULL && bytes_equal(raw, len, (const uint8_t *)NAME_WIRE, strlen(NAME_WIRE)),
          "raw name: modified UTF-7 as sent");
    CHECK_STR(imap_list_item_delimiter(item), ".", "item delimiter");
    CHECK(imap_list_item_attribute_count(item) >= 1, "attributes reported");
    CHECK(imap_list_item_has_attribute(item, "\\HasNoChildren"), "\\HasNoChildren");
    CHECK(imap_list_item_has_attribute(item, "\\hasnochildren"), "standard attributes match case-insensitively");
    CHECK(!imap_list_item_has_attribute(item, "\\HasChildren"), "not \\HasChildren");
    {
        size_t i;
        int found = 0;
        for (i = 0; i < imap_list_item_attribute_count(item); i++) {
            found |= strcmp(imap_list_item_attribute_get(item, i), "\\HasNoChildren") == 0;
        }
        CHECK(found, "attribute_get lists \\HasNoChildren");
        CHECK(imap_list_item_attribute_get(item, i) == NULL, "attribute_get out of range: NULL");
    }
    CHECK(imap_list_get(list, 1) == NULL, "list_get out of range: NULL");
    imap_list_free(list);

    {
        imap_mailbox *box = NULL;
        CHECK_RESULT(imap_client_select(c, NAME, false, &box), IMAP_RESULT_OK, "SELECT the listed name");
        CHECK_INT(imap_mailbox_exists(box), 0, "new mailbox is empty");
        CHECK_STR(imap_mailbox_name(box), NAME, "selected name");
        imap_mailbox_free(box);
        CHECK_RESULT(imap_client_unselect(c), IMAP_RESULT_OK, "UNSELECT");
    }

    CHECK_RESULT(imap_client_rename(c, NAME, RENAMED), IMAP_RESULT_OK, "RENAME");
    list = NULL;
    CHECK_RESULT(imap_client_list(c, "", PARENT ".*", &list), IMAP_RESULT_OK, "LIST after RENAME");
    CHECK_INT(imap_list_len(list), 1, "still one");
    CHECK_STR(imap_list_item_name(imap_list_get(list, 0)), RENAMED, "the new name");
    imap_list_free(list);
    CHECK_RESULT(imap_client_delete(c, RENAMED), IMAP_RESULT_OK, "DELETE");
    CHECK_RESULT(imap_client_delete(c, RENAMED), IMAP_RESULT_NO, "DELETE again: NO");
    CHECK_STR(imap_client_last_error_code(c), "NONEXISTENT", "DELETE again: NONEXISTENT");
    list = NULL;
    CHECK_RESULT(imap_client_list(c, "", PARENT "*", &list), IMAP_RESULT_OK, "LIST after DELETE");
    CHECK_INT(imap_list_len(list), 0, "gone, parent too (Maildir++)");
    imap_list_free(list);
}

/* Whether `name` is a line of user c's Dovecot subscription file (fixture layout). */
static int subscribed(const char *name) {
    char path[512];
    size_t len = 0, n = strlen(name);
    unsigned char *data;
    size_t i = 0;
    int found = 0;
    snprintf(path, sizeof path, "%s/home/c/Maildir/subscriptions", require_env("LIBIMAP_TEST_DIR"));
    data = read_file(path, &len);
    while (data != NULL && i < len) {
        size_t end = i;
        while (end < len && data[end] != '\n') {
            end++;
        }
        found |= end - i == n && memcmp(data + i, name, n) == 0;
        i = end + 1;
    }
    free(data);
    return found;
}

static void subscriptions(imap_client *c) {
    fresh(c, "c-subscribed");
    CHECK(!subscribed("c-subscribed"), "not subscribed at first");
    CHECK_RESULT(imap_client_subscribe(c, "c-subscribed"), IMAP_RESULT_OK, "SUBSCRIBE");
    CHECK(subscribed("c-subscribed"), "subscribed");
    CHECK_RESULT(imap_client_unsubscribe(c, "c-subscribed"), IMAP_RESULT_OK, "UNSUBSCRIBE");
    CHECK(!subscribed("c-subscribed"), "unsubscribed");
    imap_client_delete(c, "c-subscribed");
}

static void append_fetch(imap_client *c) {
    static const char msg[] = "From: a@example.com\r\nSubject: caf\xc3\xa9\r\n\r\nbody one\r\n";
    const char *flags[] = {"\\Flagged", "$Label1"};
    /* 2021-03-04 05:06:07 -0530 */
    int64_t when = 1614852367;
    uint32_t uidvalidity = 0, uid = 0, box_uidvalidity = 0;
    bool has_uid = false;
    imap_mailbox *box = NULL;
    imap_messages *msgs = NULL;
    const imap_message *m;
    const uint8_t *data;
    size_t len;
    int64_t date = 0;
    int32_t offset = 1;
    char set[16];

    fresh(c, "c-append");
    CHECK_RESULT(imap_client_append(c, "c-append", (const uint8_t *)msg, strlen(msg), flags, 2, &when, -330,
                                    &uidvalidity, &uid, &has_uid),
                 IMAP_RESULT_OK, "APPEND with flags and a date");
    CHECK(has_uid, "APPENDUID reported");
    CHECK(uid >= 1, "a UID");
    CHECK_RESULT(imap_client_select(c, "c-append", false, &box), IMAP_RESULT_OK, "SELECT");
    CHECK(imap_mailbox_uidvalidity(box, &box_uidvalidity) && box_uidvalidity == uidvalidity,
          "APPENDUID's UIDVALIDITY is the mailbox's");
    CHECK_INT(imap_mailbox_exists(box), 1, "one message");
    imap_mailbox_free(box);
    snprintf(set, sizeof set, "%u", uid);
    CHECK_RESULT(imap_client_fetch(c, set, "(FLAGS INTERNALDATE RFC822.SIZE BODY.PEEK[])", true, &msgs),
                 IMAP_RESULT_OK, "UID FETCH");
    m = imap_messages_get(msgs, 0);
    CHECK(imap_message_section(m, "", &data, &len) == IMAP_RESULT_OK &&
              bytes_equal(data, len, (const uint8_t *)msg, strlen(msg)),
          "BODY[] is the appended bytes");
    CHECK(imap_message_has_flag(m, "\\Flagged") && imap_message_has_flag(m, "$Label1"), "flags set by APPEND");
    CHECK(imap_message_internal_date(m, &date, &offset), "INTERNALDATE fetched");
    /* Dovecot keeps the instant, not the offset (it reports in its own zone, UTC). */
    CHECK_INT(date, when, "INTERNALDATE is the given instant");
    imap_messages_free(msgs);

    /* Every output is optional; no date means the server's clock. */
    CHECK_RESULT(imap_client_append(c, "c-append", (const uint8_t *)"Subject: 2\r\n\r\n2\r\n", 17, NULL, 0, NULL, 0,
                                    NULL, NULL, NULL),
                 IMAP_RESULT_OK, "APPEND without outputs");
    CHECK_RESULT(imap_client_noop(c), IMAP_RESULT_OK, "NOOP");
    msgs = NULL;
    CHECK_RESULT(imap_client_fetch(c, "2", "BODY.PEEK[]", false, &msgs), IMAP_RESULT_OK, "FETCH the second");
    m = imap_messages_get(msgs, 0);
    CHECK(imap_message_section(m, "", &data, &len) == IMAP_RESULT_OK &&
              bytes_equal(data, len, (const uint8_t *)"Subject: 2\r\n\r\n2\r\n", 17),
          "second message's bytes");
    imap_messages_free(msgs);

    uid = 99;
    has_uid = true;
    CHECK_RESULT(imap_client_append(c, "c-no-such-mailbox", (const uint8_t *)msg, strlen(msg), NULL, 0, NULL, 0,
                                    NULL, &uid, &has_uid),
                 IMAP_RESULT_NO, "APPEND to a missing mailbox: NO");
    CHECK_STR(imap_client_last_error_code(c), "TRYCREATE", "TRYCREATE");
    CHECK(uid == 99 && has_uid, "outputs untouched on failure");
    {
        int64_t far = 253402300800LL; /* year 10000 */
        CHECK_RESULT(imap_client_append(c, "c-append", (const uint8_t *)msg, 4, NULL, 0, &far, 0, NULL, NULL, NULL),
                     IMAP_RESULT_INVALID_ARGUMENT, "date past 9999 refused");
        CHECK_RESULT(imap_client_append(c, "c-append", (const uint8_t *)msg, 4, NULL, 0, &when, 24 * 60, NULL,
                                        NULL, NULL),
                     IMAP_RESULT_INVALID_ARGUMENT, "offset of a day refused");
        CHECK_RESULT(imap_client_append(c, "c-append", (const uint8_t *)msg, 4, (const char *[]){"bad flag"}, 1, NULL,
                                        0, NULL, NULL, NULL),
                     IMAP_RESULT_INVALID_ARGUMENT, "malformed flag refused");
    }
    CHECK_RESULT(imap_client_unselect(c), IMAP_RESULT_OK, "UNSELECT");
    CHECK_RESULT(imap_client_delete(c, "c-append"), IMAP_RESULT_OK, "DELETE c-append");
}

static uint32_t exists_of(imap_client *c, const char *name, bool read_only) {
    imap_mailbox *box = NULL;
    uint32_t n = 0;
    if (imap_client_select(c, name, read_only, &box) == IMAP_RESULT_OK) {
        n = imap_mailbox_exists(box);
    }
    imap_mailbox_free(box);
    return n;
}

static void copy_move_expunge(imap_client *c) {
    const char *deleted[] = {"\\Deleted"};
    imap_messages *msgs = NULL;
    const uint32_t *seqs = NULL;
    size_t n = 99;
    uint32_t uid = 0;
    char set[16];
    int i;

    fresh(c, "c-ops-src");
    fresh(c, "c-ops-dst");
    for (i = 1; i <= 4; i++) {
        char body[64];
        snprintf(body, sizeof body, "Subject: %d\r\n\r\nbody %d\r\n", i, i);
        imap_client_append(c, "c-ops-src", (const uint8_t *)body, strlen(body), NULL, 0, NULL, 0, NULL, NULL, NULL);
    }
    CHECK_INT(exists_of(c, "c-ops-src", false), 4, "four appended");
    CHECK_RESULT(imap_client_copy(c, "1:2", "c-ops-dst", false), IMAP_RESULT_OK, "COPY 1:2");
    CHECK_RESULT(imap_client_move(c, "3", "c-ops-dst", false), IMAP_RESULT_OK, "MOVE 3");
    CHECK_INT(exists_of(c, "c-ops-src", false), 3, "MOVE removed it from the source");
    CHECK_RESULT(imap_client_fetch(c, "3", "UID", false, &msgs), IMAP_RESULT_OK, "FETCH UID");
    imap_message_uid(imap_messages_get(msgs, 0), &uid);
    imap_messages_free(msgs);
    msgs = NULL;
    snprintf(set, sizeof set, "%u", uid);
    CHECK_RESULT(imap_client_copy(c, set, "c-ops-dst", true), IMAP_RESULT_OK, "UID COPY");
    CHECK_RESULT(imap_client_move(c, set, "c-ops-dst", true), IMAP_RESULT_OK, "UID MOVE");
    CHECK_INT(exists_of(c, "c-ops-src", false), 2, "two left");
    CHECK_RESULT(imap_client_store(c, "1:2", "+FLAGS", deleted, 1, false, &msgs), IMAP_RESULT_OK, "STORE \\Deleted");
    imap_messages_free(msgs);
    CHECK_RESULT(imap_client_expunge(c, &seqs, &n), IMAP_RESULT_OK, "EXPUNGE");
    CHECK_INT(n, 2, "two expunged");
    CHECK(seqs != NULL && n == 2 && seqs[0] == 2 && seqs[1] == 1, "expunged 2 then 1 (Dovecot's order)");
    CHECK_RESULT(imap_client_expunge(c, &seqs, &n), IMAP_RESULT_OK, "EXPUNGE again");
    CHECK(n == 0 && seqs != NULL, "nothing expunged: empty, never NULL");
    CHECK_RESULT(imap_client_expunge(c, NULL, NULL), IMAP_RESULT_OK, "EXPUNGE without outputs");
    CHECK_INT(exists_of(c, "c-ops-src", false), 0, "source empty");
    /* Dovecot answers BAD to a sequence number past the end. */
    CHECK_RESULT(imap_client_copy(c, "1", "c-ops-dst", false), IMAP_RESULT_BAD, "COPY of a missing message: BAD");

    CHECK_INT(exists_of(c, "c-ops-dst", false), 5, "five in the destination");
    msgs = NULL;
    CHECK_RESULT(imap_client_fetch(c, "1:*", "BODY.PEEK[HEADER.FIELDS (SUBJECT)]", false, &msgs), IMAP_RESULT_OK,
                 "FETCH subjects");
    {
        static const char *want[] = {"1", "2", "3", "4", "4"};
        int ok = imap_messages_len(msgs) == 5;
        size_t k;
        for (k = 0; ok && k < 5; k++) {
            const uint8_t *d;
            size_t l;
            char line[32];
            snprintf(line, sizeof line, "Subject: %s\r\n\r\n", want[k]);
            ok = imap_message_section(imap_messages_get(msgs, k), "HEADER.FIELDS (SUBJECT)", &d, &l) ==
                     IMAP_RESULT_OK &&
                 bytes_equal(d, l, (const uint8_t *)line, strlen(line));
        }
        CHECK(ok, "copied and moved messages in order");
    }
    imap_messages_free(msgs);
    msgs = NULL;
    CHECK_RESULT(imap_client_store(c, "5", "+FLAGS", deleted, 1, false, &msgs), IMAP_RESULT_OK, "STORE 5 \\Deleted");
    imap_messages_free(msgs);
    CHECK_RESULT(imap_client_close(c), IMAP_RESULT_OK, "CLOSE");
    msgs = NULL;
    CHECK_RESULT(imap_client_fetch(c, "1", "FLAGS", false, &msgs), IMAP_RESULT_STATE, "FETCH after CLOSE: STATE");
    CHECK_INT(exists_of(c, "c-ops-dst", true), 4, "CLOSE expunged silently");
    CHECK_RESULT(imap_client_unselect(c), IMAP_RESULT_OK, "UNSELECT");
    CHECK_RESULT(imap_client_expunge(c, &seqs, &n), IMAP_RESULT_STATE, "EXPUNGE with nothing selected: STATE");
    CHECK_RESULT(imap_client_close(c), IMAP_RESULT_STATE, "CLOSE with nothing selected: STATE");
    CHECK_RESULT(imap_client_copy(c, "1", "c-ops-src", false), IMAP_RESULT_STATE, "COPY with nothing selected");
    CHECK_RESULT(imap_client_move(c, "1", "c-ops-src", false), IMAP_RESULT_STATE, "MOVE with nothing selected");
    CHECK_RESULT(imap_client_delete(c, "c-ops-src"), IMAP_RESULT_OK, "DELETE src");
    CHECK_RESULT(imap_client_delete(c, "c-ops-dst"), IMAP_RESULT_OK, "DELETE dst");
}

static void *append_later(void *arg) {
    imap_client *other = connect_c();
    static const char wake[] = "Subject: wake up\r\n\r\n.\r\n";
    struct timespec pause = {0, 300 * 1000 * 1000};
    (void)arg;
    nanosleep(&pause, NULL);
    imap_client_append(other, "c-idle", (const uint8_t *)wake, strlen(wake), NULL, 0, NULL, 0, NULL, NULL, NULL);
    imap_client_logout(other);
    imap_client_free(other);
    return NULL;
}

static void idle(imap_client *c) {
    imap_mailbox *box = NULL;
    size_t n = 99;
    uint32_t exists = 77;
    bool has_exists = true;
    double start;
    pthread_t writer;

    fresh(c, "c-idle");
    CHECK_RESULT(imap_client_select(c, "c-idle", false, &box), IMAP_RESULT_OK, "SELECT c-idle");
    imap_mailbox_free(box);
    start = now();
    CHECK_RESULT(imap_client_idle(c, 300, &n, &exists, &has_exists), IMAP_RESULT_OK, "quiet IDLE: OK");
    CHECK(now() - start >= 0.3, "quiet IDLE waited the whole 300 ms");
    CHECK_INT(n, 0, "quiet IDLE: no responses");
    CHECK(!has_exists && exists == 77, "quiet IDLE: no EXISTS, exists_out untouched");
    CHECK_RESULT(imap_client_noop(c), IMAP_RESULT_OK, "NOOP after IDLE");

    if (!CHECK(pthread_create(&writer, NULL, append_later, NULL) == 0, "second client thread")) {
        return;
    }
    start = now();
    CHECK_RESULT(imap_client_idle(c, 15000, &n, &exists, &has_exists), IMAP_RESULT_OK, "IDLE until new mail");
    pthread_join(writer, NULL);
    CHECK(now() - start < 10.0, "woke up on the APPEND, not the timeout");
    CHECK(n >= 1, "at least one response");
    CHECK(has_exists, "EXISTS seen");
    CHECK_INT(exists, 1, "EXISTS 1");
    CHECK_RESULT(imap_client_idle(c, 10, NULL, NULL, NULL), IMAP_RESULT_OK, "IDLE without outputs");
    CHECK_RESULT(imap_client_close(c), IMAP_RESULT_OK, "CLOSE c-idle");
    CHECK_RESULT(imap_client_delete(c, "c-idle"), IMAP_RESULT_OK, "DELETE c-idle");
}

/* Nothing lost: every byte value but CR/LF outside CRLF, NUL (through BINARY[]: Dovecot
 * re-encodes NUL messages for BODY[]), 8-bit text and a 1 MiB line come back exactly. Bare CR and
 * LF are normalised by Dovecot; test_hostile covers them against the scripted server. */
static void byte_exact(imap_client *c) {
    static const char header[] =
        "From: bytes@example.com\r\nSubject: every byte\r\nMIME-Version: 1.0\r\n"
        "Content-Type: application/octet-stream\r\nContent-Transfer-Encoding: binary\r\n\r\n";
    static const char nul_part[] = "NUL \0 in \0\0 the middle\r\n\xff\xfe\x80 8-bit \xc3\xa9\r\n";
    const char *names[] = {"every byte 0x01-0xFF but CR/LF", "NUL and 8-bit", "1 MiB line"};
    size_t k;
    fresh(c, "c-bytes");
    for (k = 0; k < 3; k++) {
        size_t cap = strlen(header) + (1u << 20) + 512, len = 0;
        uint8_t *data = malloc(cap);
        uint32_t uid = 0;
        bool has_uid = false;
        imap_messages *msgs = NULL;
        imap_mailbox *box = NULL;
        const uint8_t *got;
        size_t got_len = 0;
        char set[16], what[128];
        int b;
        if (data == NULL) {
            CHECK(0, "malloc");
            return;
        }
        if (k < 2) {
            memcpy(data, header, strlen(header));
            len = strlen(header);
        }
        if (k == 1) {
            memcpy(data + len, nul_part, sizeof nul_part - 1);
            len += sizeof nul_part - 1;
            data[len++] = 0;
        }
        if (k < 2) {
            for (b = 1; b < 256; b++) {
                if (b != '\r' && b != '\n') {
                    data[len++] = (uint8_t)b;
                }
            }
        } else {
            memcpy(data, "Subject: long line\r\n\r\n", 22);
            len = 22;
            memset(data + len, 'x', 1u << 20);
            len += 1u << 20;
        }
        data[len++] = '\r';
        data[len++] = '\n';

        snprintf(what, sizeof what, "%s: APPEND", names[k]);
        CHECK_RESULT(imap_client_append(c, "c-bytes", data, len, NULL, 0, NULL, 0, NULL, &uid, &has_uid),
                     IMAP_RESULT_OK, what);
        imap_client_select(c, "c-bytes", true, &box);
        imap_mailbox_free(box);
        snprintf(set, sizeof set, "%u", uid);
        snprintf(what, sizeof what, "%s: BINARY[] identical", names[k]);
        CHECK(imap_client_fetch(c, set, "BINARY.PEEK[]", true, &msgs) == IMAP_RESULT_OK &&
                  imap_message_section(imap_messages_get(msgs, 0), "BINARY[]", &got, &got_len) == IMAP_RESULT_OK &&
                  bytes_equal(got, got_len, data, len),
              what);
        imap_messages_free(msgs);
        if (memchr(data, 0, len) == NULL) {
            msgs = NULL;
            snprintf(what, sizeof what, "%s: BODY[] identical", names[k]);
            CHECK(imap_client_fetch(c, set, "BODY.PEEK[]", true, &msgs) == IMAP_RESULT_OK &&
                      imap_message_section(imap_messages_get(msgs, 0), "", &got, &got_len) == IMAP_RESULT_OK &&
                      bytes_equal(got, got_len, data, len),
                  what);
            imap_messages_free(msgs);
        }
        free(data);
    }
    imap_client_unselect(c);
    CHECK_RESULT(imap_client_delete(c, "c-bytes"), IMAP_RESULT_OK, "DELETE c-bytes");
}

static void limits(void) {
    imap_config *config = new_config();
    imap_client *c;
    imap_mailbox *box = NULL;
    imap_messages *msgs = NULL;
    uint64_t v = 0;
    static const struct {
        uint32_t limit;
        uint64_t value;
    } defaults[] = {{IMAP_LIMIT_MAX_LINE, 1u << 20},
                    {IMAP_LIMIT_MAX_LITERAL, 256u << 20},
                    {IMAP_LIMIT_MAX_RESPONSE, 512u << 20},
                    {IMAP_LIMIT_MAX_DEPTH, 64},
                    {IMAP_LIMIT_MAX_ITEMS, 1u << 20}};
    size_t i;
    for (i = 0; i < sizeof defaults / sizeof defaults[0]; i++) {
        CHECK(imap_config_get_limit(config, defaults[i].limit, &v) == IMAP_RESULT_OK && v == defaults[i].value,
              "default limit");
    }
    v = 5;
    CHECK_RESULT(imap_config_get_limit(config, 5, &v), IMAP_RESULT_INVALID_ARGUMENT, "get_limit unknown limit");
    CHECK_INT(v, 5, "get_limit: output untouched");
    CHECK_RESULT(imap_config_set_limit(config, 9, 100), IMAP_RESULT_INVALID_ARGUMENT, "set_limit unknown limit");
    CHECK_RESULT(imap_config_set_limit(config, IMAP_LIMIT_MAX_LINE, 0), IMAP_RESULT_INVALID_ARGUMENT,
                 "set_limit 0 refused");
    CHECK_RESULT(imap_config_set_command_timeout_ms(config, 0), IMAP_RESULT_OK, "command timeout 0: no bound");
    CHECK_RESULT(imap_config_set_command_timeout_ms(config, 30000), IMAP_RESULT_OK, "command timeout 30 s");
    /* Seed messages are 552, 1248 and 806 bytes. */
    CHECK_RESULT(imap_config_set_limit(config, IMAP_LIMIT_MAX_LITERAL, 1000), IMAP_RESULT_OK, "max_literal 1000");
    CHECK(imap_config_get_limit(config, IMAP_LIMIT_MAX_LITERAL, &v) == IMAP_RESULT_OK && v == 1000, "read back");
    c = connect_config(config);
    CHECK_RESULT(imap_client_select(c, "INBOX", true, &box), IMAP_RESULT_OK, "EXAMINE INBOX");
    imap_mailbox_free(box);
    CHECK_RESULT(imap_client_fetch(c, "1", "BODY.PEEK[]", false, &msgs), IMAP_RESULT_OK, "552 bytes pass");
    imap_messages_free(msgs);
    msgs = NULL;
    CHECK_RESULT(imap_client_fetch(c, "2", "BODY.PEEK[]", false, &msgs), IMAP_RESULT_LIMIT, "1248 bytes: LIMIT");
    CHECK(strstr(imap_client_last_error(c), "1248") != NULL, "the error names the size");
    CHECK(msgs == NULL, "no partial result");
    imap_client_free(c);

    config = new_config();
    imap_config_set_limit(config, IMAP_LIMIT_MAX_LINE, 10);
    imap_client_new(config, &c);
    imap_config_free(config);
    CHECK_RESULT(imap_client_connect(c), IMAP_RESULT_LIMIT, "max_line 10: the greeting is too long");
    imap_client_free(c);
}

int main(void) {
    imap_client *c;
    host = require_env("LIBIMAP_TEST_HOST");
    port = require_port("LIBIMAP_TEST_PORT_TLS");
    ca = require_env("LIBIMAP_TEST_CA");
    c = connect_c();
    create_list_rename_delete(c);
    subscriptions(c);
    append_fetch(c);
    copy_move_expunge(c);
    idle(c);
    byte_exact(c);
    CHECK_RESULT(imap_client_logout(c), IMAP_RESULT_OK, "LOGOUT");
    imap_client_free(c);
    limits();
    return check_finish("test_mailbox");
}
