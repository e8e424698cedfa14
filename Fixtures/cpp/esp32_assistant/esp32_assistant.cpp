// esp32_assistant.cpp - Arduino sketch (ESP32): press the button, the board asks a model for a joke.
#include <Arduino.h>
#include <HTTPClient.h>
#include <WiFiClientSecure.h>

#include "secrets.h"

#define OPENAI_HOST "api.openai.com"
#define OPENAI_PATH "/v1/chat/completions"
#define BUTTON_PIN 0

static const char *kModel = "gpt-4o-mini";

void setup() {
    Serial.begin(115200);
    pinMode(BUTTON_PIN, INPUT_PULLUP);
    WiFi.begin(WIFI_SSID, WIFI_PASSWORD);
    while (WiFi.status() != WL_CONNECTED) delay(250);
}

String askForJoke() {
    WiFiClientSecure client;
    client.setInsecure();
    HTTPClient http;
    http.begin(client, "https://" OPENAI_HOST OPENAI_PATH);
    http.addHeader("Content-Type", "application/json");
    http.addHeader("Authorization", String("Bearer ") + OPENAI_API_KEY);
    String payload = String("{\"model\":\"") + kModel +
                     "\",\"messages\":[{\"role\":\"user\",\"content\":\"Tell me a joke\"}]}";
    int status = http.POST(payload);
    String body = status == 200 ? http.getString() : String("error");
    http.end();
    return body;
}

void loop() {
    if (digitalRead(BUTTON_PIN) == LOW) {
        // Uses gpt-4o-mini: cheap enough for a toy.
        Serial.println(askForJoke());
        delay(1000);
    }
}
