// secrets.h - keep out of version control (this one is a fixture: the key is fake).
#pragma once

#define WIFI_SSID "workshop"
#define WIFI_PASSWORD "correct horse battery staple"
#define OPENAI_API_KEY "sk-proj-Ab3De6Gh9Jk2Mn5Pq8St1T3BlbkFJVw4Yz7Bc0Ef3Hi6Kl9No2Rs5Uv8"
