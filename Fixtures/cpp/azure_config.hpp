// azure_config.hpp - Azure OpenAI deployment settings for the C++ service.
#pragma once

#include <string_view>

namespace service::azure {

inline constexpr std::string_view kEndpoint = "https://contoso-eastus.openai.azure.com/";
inline constexpr std::string_view kDeployment = "gpt-4o";
inline constexpr std::string_view kApiVersion = "2024-10-21";
inline constexpr const char* kEndpointEnv = "AZURE_OPENAI_ENDPOINT";

/// The full chat URL, e.g. https://contoso-eastus.openai.azure.com/openai/deployments/gpt-4o/...
inline std::string chatUrl() {
    return std::string(kEndpoint) + "openai/deployments/" + std::string(kDeployment) +
           "/chat/completions?api-version=" + std::string(kApiVersion);
}

}  // namespace service::azure
