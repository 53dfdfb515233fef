//! The one list of providers the engine can call, looked up by litellm's provider name. This is
//! the only place that names providers; everything else asks the `Provider` it gets from here.

use crate::providers::anthropic::Anthropic;
use crate::providers::azure::Azure;
use crate::providers::contract::Provider;
use crate::providers::openai::OpenAi;
use crate::providers::openai_compat;

static OPENAI: OpenAi = OpenAi;
static AZURE: Azure = Azure;
static ANTHROPIC: Anthropic = Anthropic;

/// The provider called `name`, if the engine has an adapter for it.
pub fn get(name: &str) -> Option<&'static dyn Provider> {
    match name {
        "openai" => Some(&OPENAI),
        "azure" => Some(&AZURE),
        "anthropic" => Some(&ANTHROPIC),
        other => openai_compat::host(other).map(|h| h as &'static dyn Provider),
    }
}

/// Every provider with an adapter, the dedicated ones first, then the compatible hosts.
pub fn all() -> impl Iterator<Item = &'static dyn Provider> {
    let dedicated: [&'static dyn Provider; 3] = [&OPENAI, &AZURE, &ANTHROPIC];
    dedicated.into_iter().chain(
        openai_compat::HOSTS
            .iter()
            .map(|h| h as &'static dyn Provider),
    )
}

/// The names of every provider with an adapter, for messages that list them.
pub fn names() -> Vec<&'static str> {
    all().map(|p| p.name()).collect()
}

/// What `get_llm_provider` reports as a provider's dynamic key and API base when the call gives
/// none: a compatible host's key variable (or litellm's placeholder for self-hosted servers)
/// and its default base; local defaults of providers without an adapter yet.
pub fn default_key_and_base(
    provider: &str,
    env: &dyn Fn(&str) -> Option<String>,
) -> (Option<String>, Option<String>) {
    if let Some(h) = openai_compat::host(provider) {
        let ks = h.key_sources();
        let key = ks
            .key_env
            .iter()
            .find_map(|v| env(v))
            .or_else(|| ks.key_optional.then(|| "fake-api-key".to_string()));
        let base = ks
            .base_env
            .iter()
            .find_map(|v| env(v))
            .or_else(|| ks.default_base.map(str::to_string));
        return (key, base);
    }
    match provider {
        "ollama" | "ollama_chat" => (
            None,
            env("OLLAMA_API_BASE").or_else(|| Some("http://localhost:11434".to_string())),
        ),
        _ => (None, None),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_listed_provider_is_found_by_its_name() {
        for p in all() {
            assert_eq!(get(p.name()).map(|q| q.name()), Some(p.name()));
        }
        assert!(get("bedrock").is_none());
    }
}
