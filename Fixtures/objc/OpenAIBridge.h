// OpenAIBridge.h — headers stay C/C++ (no @"…" literals here).
#import <Foundation/Foundation.h>

@interface OpenAIBridge : NSObject
- (NSString *)apiKey;
@end
