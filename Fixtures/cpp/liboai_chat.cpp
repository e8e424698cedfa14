// liboai_chat.cpp - a console chat bot on liboai (https://github.com/D7EAD/liboai).
#include "liboai.h"

#include <iostream>
#include <string>

using namespace liboai;

namespace {
constexpr const char* kModel = "gpt-4o";
constexpr const char* kFallbackModel = "gpt-3.5-turbo";
}  // namespace

int main() {
    OpenAI oai;
    Conversation convo;
    convo.SetSystemData("You are a helpful assistant.");

    if (!oai.auth.SetKeyEnv("OPENAI_API_KEY")) {
        std::cerr << "set OPENAI_API_KEY first\n";
        return 1;
    }
    oai.auth.SetOrganizationEnv("OPENAI_ORG_ID");

    std::string line;
    while (std::getline(std::cin, line)) {
        convo.AddUserData(line);
        try {
            Response response = oai.ChatCompletion->create(kModel, convo);
            convo.Update(response);
            std::cout << convo.GetLastResponse() << '\n';
        } catch (const std::exception& e) {
            Response retry = oai.ChatCompletion->create(kFallbackModel, convo);
            convo.Update(retry);
        }
    }

    auto image = oai.Image->create("a lighthouse at dawn", 1, "1024x1024");
    auto speech = oai.Audio->transcribe("note.m4a", "whisper-1");
    (void)image;
    (void)speech;
    return 0;
}
