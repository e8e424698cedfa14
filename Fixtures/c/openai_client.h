/*
 * openai_client.h - minimal chat-completions client on libcurl.
 *
 * Talks to https://api.openai.com/v1 by default (see OPENAI_API_BASE); comments like this one
 * are never findings.
 */
#ifndef OPENAI_CLIENT_H
#define OPENAI_CLIENT_H

#include <stddef.h>

#define OPENAI_API_BASE "https://api.openai.com/v1"
#define OPENAI_CHAT_URL OPENAI_API_BASE "/chat/completions"
#define OPENAI_DEFAULT_MODEL "gpt-4o-mini"
#define OPENAI_REASONING_MODEL "o3"

struct oa_options {
    const char *model;        /**< e.g. "gpt-4o" */
    double temperature;
    const char *base_url;     /**< defaults to OPENAI_API_BASE */
};

int oa_chat(const struct oa_options *opts, const char *prompt, char *out, size_t out_len);

#endif /* OPENAI_CLIENT_H */
