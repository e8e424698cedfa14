/* legacy_config.c - old build settings, saved with Windows line endings. */
#include "openai.h"

static const char *api_key = "sk-proj-Xq7Lm2Pv9Rt4Wz8Nb3Kc6Hd1T3BlbkFJYe5Ua0Sg7Jf2Mi9Lo4Qp8Vr3";
static const char *model = "gpt-3.5-turbo";
static const char *whisper = "whisper-1", *azure = "https://contoso.openai.azure.com/";

const char *legacy_url(void) {
    return "https://api.openai.com/v1/"
           "completions";
}
