/* 你好 gpt-4o: a comment, never reported */
#include <openai.h>

static const char *greeting = "你好🙂"; static const char *url = "https://api.openai.com/v1/chat/completions";
