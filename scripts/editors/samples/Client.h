// 你好 gpt-4o: a comment, never reported
#import <Foundation/Foundation.h>

@interface Client : NSObject
@end

static NSString *const kGreeting = @"你好🙂"; static NSString *const kURL = @"https://api.openai.com/v1";
