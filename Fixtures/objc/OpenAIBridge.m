// OpenAIBridge.m — the iOS app's bridge to the chat API.
// Docs: https://api.openai.com/v1/chat/completions (comments are never scanned)

#import <Foundation/Foundation.h>
#import "OpenAIBridge.h"
@import UIKit;

static NSString *const kEndpoint = @"https://api.openai.com/v1/chat/completions";
static NSString *const kDefaultModel = @"gpt-4o";
#define OPENAI_EMBEDDINGS_URL @"https://api.openai.com/v1/embeddings"

@implementation OpenAIBridge

- (NSString *)apiKey {
    return [[NSProcessInfo processInfo] environment][@"OPENAI_API_KEY"];
}

- (NSString *)organization {
    return [[[NSProcessInfo processInfo] environment] objectForKey:@"OPENAI_ORG_ID"];
}

- (NSDictionary *)bodyForPrompt:(NSString *)prompt {
    NSLog(@"Sending the prompt to gpt-4o...");
    return @{@"model": @"gpt-4o-mini", @"messages": @[@{@"role": @"user", @"content": prompt}]};
}

- (NSURL *)fallbackURL {
    NSString *base = @"https://api." @"openai.com/v1";  // joined: one finding at the first @
    return [NSURL URLWithString:base];
}

- (NSString *)pinnedModel {
    // homeport: ignore[openai-model]
    return @"o3-mini";
}

- (NSString *)status {
    return @"o1";  // not bound to a model name: silent
}

@end
