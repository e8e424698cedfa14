// openai_client.c - chat completions over libcurl, JSON built by hand.
#include "openai_client.h"

#include <curl/curl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const struct oa_options default_options = {
    .model = OPENAI_DEFAULT_MODEL,
    .temperature = 0.2,
    .base_url = OPENAI_API_BASE,
};

static const struct oa_options reasoning_options = { .model = "o1", .temperature = 1.0 };

static size_t write_cb(char *data, size_t size, size_t nmemb, void *userp) {
    strncat((char *)userp, data, size * nmemb);
    return size * nmemb;
}

int oa_chat(const struct oa_options *opts, const char *prompt, char *out, size_t out_len) {
    const char *key = getenv("OPENAI_API_KEY");
    const char *org = getenv("OPENAI_ORG_ID");
    char auth[256];
    char body[4096];
    CURL *h = curl_easy_init();
    struct curl_slist *headers = NULL;

    if (!key || !h) return -1;
    snprintf(auth, sizeof auth, "Authorization: Bearer %s", key);
    headers = curl_slist_append(headers, auth);
    headers = curl_slist_append(headers, "Content-Type: application/json");
    if (org) headers = curl_slist_append(headers, "OpenAI-Organization: org-demo");

    snprintf(body, sizeof body,
             "{\"model\": \"%s\", \"temperature\": %.1f, "
             "\"messages\": [{\"role\": \"user\", \"content\": \"%s\"}]}",
             opts && opts->model ? opts->model : "gpt-4o", opts ? opts->temperature : 0.2, prompt);

    curl_easy_setopt(h, CURLOPT_URL, OPENAI_CHAT_URL);
    curl_easy_setopt(h, CURLOPT_HTTPHEADER, headers);
    curl_easy_setopt(h, CURLOPT_POSTFIELDS, body);
    curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, write_cb);
    curl_easy_setopt(h, CURLOPT_WRITEDATA, out);
    (void)out_len;
    (void)default_options;
    (void)reasoning_options;

    CURLcode rc = curl_easy_perform(h);
    curl_slist_free_all(headers);
    curl_easy_cleanup(h);
    return rc == CURLE_OK ? 0 : -1;
}

int oa_moderate(const char *text, char *out) {
    char body[1024];
    CURL *h = curl_easy_init();
    snprintf(body, sizeof body, "{\"model\":\"omni-moderation-latest\",\"input\":\"%s\"}", text);
    curl_easy_setopt(h, CURLOPT_URL, "https://api.openai.com/v1/moderations");
    curl_easy_setopt(h, CURLOPT_POSTFIELDS, body);
    curl_easy_setopt(h, CURLOPT_WRITEDATA, out);
    return curl_easy_perform(h) == CURLE_OK ? 0 : -1;
}
