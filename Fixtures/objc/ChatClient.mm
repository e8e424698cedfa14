// ChatClient.mm — Objective-C++ wrapper around liboai.
#import "liboai.h"
#include <string>

static NSString *AzureEndpoint = @"https://contoso.openai.azure.com/";
static const std::string kModel = R"(text-embedding-3-small)";

void configure(void) {
    NSString *model = @"o4-mini";
    const char *key = getenv("OPENAI_API_KEY");
    NSString *url = [NSString stringWithFormat:@"%@/v1/audio/speech", @"https://api.openai.com"];
    (void)model; (void)key; (void)url;
}
