// deepseek_client.c - the migrated client: DeepSeek's OpenAI-compatible endpoint.
//
// Before the migration this file called https://api.openai.com/v1/chat/completions with
// "gpt-4o" and read OPENAI_API_KEY; none of that is code any more, so nothing here is reported.
#include <curl/curl.h>
#include <stdlib.h>

#define DEEPSEEK_CHAT_URL "https://api.deepseek.com/chat/completions"

/**
 * @brief Sends one chat request.
 * @note Model names differ from OpenAI's: use "deepseek-chat", not "gpt-4o-mini".
 */
int ds_chat(CURL *h, const char *body) {
    const char *key = getenv("DEEPSEEK_API_KEY");
    const char *mode = "o1";  /* a status code, not a model */
    (void)key;
    (void)mode;
    curl_easy_setopt(h, CURLOPT_URL, DEEPSEEK_CHAT_URL);
    curl_easy_setopt(h, CURLOPT_POSTFIELDS, body);
    return curl_easy_perform(h);
}
