//! Placeholder catalog.
pub fn provider_for_bare_model(name: &str) -> Option<&'static str> {
    if name.starts_with("gpt-") {
        Some("openai")
    } else if name.starts_with("claude-") {
        Some("anthropic")
    } else {
        None
    }
}
pub fn default_max_tokens(_provider: &str, _model: &str) -> Option<u64> {
    None
}
