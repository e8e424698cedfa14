// openai_cpp_demo.cpp - olrea/openai-cpp: JSON bodies as raw strings and nlohmann::json.
#include "openai/openai.hpp"

#include <nlohmann/json.hpp>
#include <iostream>

int main() {
    openai::start();  // reads OPENAI_API_KEY itself

    auto completion = openai::chat().create(R"({
        "model": "gpt-4o-mini",
        "messages": [{"role": "user", "content": "Say hi"}],
        "max_tokens": 16
    })"_json);
    std::cout << completion.dump(2) << '\n';

    nlohmann::json request = {
        {"model", "o3-mini"},
        {"input", "Why is the sky blue?"},
    };
    request["model"] = "o1";
    auto reasoning = openai::responses().create(request);

    const std::string base = std::string{"https://api.openai.com"} + "/v1";
    const wchar_t* wide = L"https://api.openai.com/v1/images/generations";
    const char* dalle = u8"dall-e-3";
    std::cout << reasoning.dump() << base.size() << wide << dalle << '\n';
    return 0;
}
