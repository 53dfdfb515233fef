//! litellm 1.109.1's answers to `get_supported_openai_params`, recorded per catalog model and
//! per provider (`scripts/record_supported_params.py` writes `supported_params.json`). They are
//! what litellm reports, which is not always what an adapter can express: the engine's own
//! parameter checks ask the provider (`Provider::supported_params`), this only answers the
//! public question.

use std::collections::HashMap;
use std::sync::OnceLock;

use serde::Deserialize;

#[derive(Deserialize)]
struct Recorded {
    lists: Vec<Vec<String>>,
    models: HashMap<String, usize>,
    providers: HashMap<String, usize>,
}

static RAW: &str = include_str!("supported_params.json");

fn recorded() -> Option<&'static Recorded> {
    static PARSED: OnceLock<Option<Recorded>> = OnceLock::new();
    PARSED
        .get_or_init(|| serde_json::from_str(RAW).ok())
        .as_ref()
}

/// litellm's list for `model` as a provider resolved it (`provider`, `bare` model id), trying
/// the model as written, the provider-prefixed catalog key, the bare key, then the provider.
pub fn litellm_supported_params(
    requested: &str,
    provider: &str,
    bare: &str,
) -> Option<&'static [String]> {
    let r = recorded()?;
    let prefixed = format!("{provider}/{bare}");
    // A provider-qualified key first: `gpt-4o` with custom_llm_provider="azure" is Azure's.
    let index = r
        .models
        .get(prefixed.as_str())
        .or_else(|| r.models.get(requested))
        .or_else(|| r.models.get(bare))
        .or_else(|| r.providers.get(provider))?;
    r.lists.get(*index).map(Vec::as_slice)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recorded_lists_load_and_answer() {
        let gpt = litellm_supported_params("gpt-4o", "openai", "gpt-4o").unwrap();
        assert!(gpt.iter().any(|p| p == "max_retries"));
        assert!(!gpt.iter().any(|p| p == "reasoning_effort"));
        let claude = litellm_supported_params(
            "anthropic/claude-sonnet-4-5",
            "anthropic",
            "claude-sonnet-4-5",
        )
        .unwrap();
        assert!(claude.iter().any(|p| p == "thinking"));
        assert!(litellm_supported_params("m", "no-such-provider", "m").is_none());
    }
}
