//! The one list of providers the engine can call, looked up by litellm's provider name. This is
//! the only place that names providers; everything else asks the `Provider` it gets from here.

use crate::providers::anthropic::Anthropic;
use crate::providers::azure::Azure;
use crate::providers::cohere::Cohere;
use crate::providers::contract::Provider;
use crate::providers::gemini::Gemini;
use crate::providers::ollama::OllamaChat;
use crate::providers::openai::OpenAi;
use crate::providers::openai_compat;

static OPENAI: OpenAi = OpenAi;
static AZURE: Azure = Azure;
static ANTHROPIC: Anthropic = Anthropic;
static GEMINI: Gemini = Gemini;
static OLLAMA_CHAT: OllamaChat = OllamaChat;
// litellm routes Cohere's chat models under both names; they differ in how errors are titled.
static COHERE: Cohere = Cohere { name: "cohere" };
static COHERE_CHAT: Cohere = Cohere {
    name: "cohere_chat",
};

/// The provider called `name`, if the engine has an adapter for it.
pub fn get(name: &str) -> Option<&'static dyn Provider> {
    match name {
        "openai" => Some(&OPENAI),
        "azure" => Some(&AZURE),
        "anthropic" => Some(&ANTHROPIC),
        "gemini" => Some(&GEMINI),
        "ollama_chat" => Some(&OLLAMA_CHAT),
        "cohere" => Some(&COHERE),
        "cohere_chat" => Some(&COHERE_CHAT),
        other => openai_compat::host(other).map(|h| h as &'static dyn Provider),
    }
}

/// Every provider with an adapter, the dedicated ones first, then the compatible hosts.
pub fn all() -> impl Iterator<Item = &'static dyn Provider> {
    let dedicated: [&'static dyn Provider; 7] = [
        &OPENAI,
        &AZURE,
        &ANTHROPIC,
        &GEMINI,
        &OLLAMA_CHAT,
        &COHERE,
        &COHERE_CHAT,
    ];
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

/// The name litellm resolves a provider prefix to (`ai21/...` is served by `ai21_chat`).
pub fn canonical_name(provider: &str) -> &str {
    match provider {
        "ai21" => "ai21_chat",
        other => other,
    }
}

/// Providers of bare model names that litellm recognises by their shape, not the catalog.
pub fn provider_for_bare_name(model: &str) -> Option<&'static str> {
    match model {
        // litellm treats the wildcard as an OpenAI model (Router wildcard deployments).
        "*" => Some("openai"),
        m if m.starts_with("jamba-") => Some("ai21_chat"),
        _ => None,
    }
}

/// What `get_llm_provider` reports as the dynamic key and API base of a resolved call: a
/// compatible host's key variable (or litellm's placeholder for some self-hosted servers) and
/// the base litellm names for it; local defaults of providers without an adapter yet.
pub fn reported_key_and_base(
    provider: &str,
    api_key: Option<&str>,
    api_base: Option<&str>,
    env: &dyn Fn(&str) -> Option<String>,
) -> (Option<String>, Option<String>) {
    let (default_key, default_base) = match openai_compat::host(provider) {
        Some(h) => {
            let ks = h.key_sources();
            let placeholder = ks.key_optional
                && !matches!(h.name, "litellm_proxy" | "openai_like" | "custom_openai");
            // litellm reads no key for OpenRouter while resolving (its handler does later).
            let key = ks
                .key_env
                .iter()
                .find_map(|v| env(v))
                .filter(|_| h.name != "openrouter")
                .or_else(|| placeholder.then(|| "fake-api-key".to_string()));
            let base = ks.base_env.iter().find_map(|v| env(v)).or_else(|| {
                match h.name {
                    // litellm reports no base for these, and another host name for Together.
                    "openrouter" | "huggingface" => None,
                    "together_ai" => Some("https://api.together.ai/v1".to_string()),
                    _ => ks.default_base.map(str::to_string),
                }
            });
            (key, base)
        }
        None => match provider {
            "ollama" => (
                None,
                env("OLLAMA_API_BASE").or_else(|| Some("http://localhost:11434".to_string())),
            ),
            "ai21_chat" => (None, Some("https://api.ai21.com/studio/v1".to_string())),
            "jina_ai" => (None, Some("https://api.jina.ai/v1".to_string())),
            _ => (None, None),
        },
    };
    // litellm's OpenAI path reports no dynamic key, even when one was passed.
    let key = if provider == "openai" {
        None
    } else {
        api_key.map(str::to_string).or(default_key)
    };
    let base = api_base.map(str::to_string).or(default_base);
    (key, base)
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
