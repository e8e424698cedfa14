//
//  AppTheme.swift
//  Assistant
//
//  Colours and typography. No networking here.
//
//  History: the accent colour was picked to match the OpenAI playground
//  (platform.openai.com) back when the app only talked to api.openai.com
//  with gpt-4o; see ChatViewModel.swift for the model configuration.
//

import SwiftUI

/// Visual constants for the assistant UI.
///
/// Unlike ``ChatViewModel``, nothing here depends on OpenAI, `OPENAI_API_KEY`,
/// or `https://api.openai.com/v1`. Keep it that way so the theme can be reused
/// after the migration to a domestic provider.
enum AppTheme {
    /// Accent used for the send button (was "OpenAI green" #10A37F).
    static let accent = Color(red: 0.06, green: 0.64, blue: 0.50)
    static let bubbleUser = Color.accentColor.opacity(0.15)
    static let bubbleAssistant = Color(.secondarySystemBackground)

    /* Typography.
       /* Old note: the gpt-4o-mini streaming demo used a monospaced font. */
       We now use the system font everywhere. */
    static let body = Font.system(.body, design: .default)
    static let code = Font.system(.callout, design: .monospaced)

    /// Corner radius for chat bubbles.
    static let bubbleRadius: CGFloat = 14

    /// Spacing scale (4-pt grid).
    enum Spacing {
        static let xs: CGFloat = 4
        static let s: CGFloat = 8
        static let m: CGFloat = 12
        static let l: CGFloat = 16
        static let xl: CGFloat = 24
    }

    /// Display name shown in the About screen.
    static let productName = "Assistant"

    /// A rounded bubble background.
    struct Bubble: ViewModifier {
        var isUser: Bool
        func body(content: Content) -> some View {
            content
                .padding(Spacing.m)
                .background(isUser ? AppTheme.bubbleUser : AppTheme.bubbleAssistant)
                .clipShape(RoundedRectangle(cornerRadius: AppTheme.bubbleRadius, style: .continuous))
        }
    }
}

extension View {
    /// Applies ``AppTheme/Bubble`` (OpenAI-style chat bubble).
    func bubble(isUser: Bool) -> some View { modifier(AppTheme.Bubble(isUser: isUser)) }
}
