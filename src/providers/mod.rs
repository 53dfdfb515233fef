//! Providers: which provider a model string names (`resolve`), the provider contract every
//! adapter implements (`contract`), the registry that lists them (`registry`), and the
//! adapters themselves. Adapters are pure: OpenAI-shaped requests in, HTTP parts out; response
//! bytes, stream events and error bodies in, OpenAI shapes out. None of them sends anything.

pub mod anthropic;
pub mod azure;
pub mod cohere;
pub mod contract;
pub mod gemini;
pub mod ollama;
pub mod openai;
pub mod openai_compat;
pub mod params;
pub mod registry;
pub mod supported;

use crate::error::{ErrorKind, LlmError, Result};
pub use contract::{
    Api, Credentials, EmbeddingRequest, Framing, KeySources, Provider, Request, StreamStep,
    StreamTranslator,
};

/// litellm's provider names (`litellm.provider_list`), sorted.
pub static PROVIDER_LIST: &[&str] = &[
    "a2a",
    "a2a_agent",
    "abliteration",
    "ai21",
    "ai21_chat",
    "aiand",
    "aiml",
    "aiohttp_openai",
    "amazon_nova",
    "anthropic",
    "anthropic_text",
    "apertis",
    "assemblyai",
    "auto_router",
    "aws_polly",
    "aws_textract",
    "azure",
    "azure_ai",
    "azure_speech",
    "azure_text",
    "baseten",
    "bedrock",
    "bedrock_mantle",
    "bespoke",
    "bigmodel",
    "black_forest_labs",
    "bytez",
    "cerebras",
    "charity_engine",
    "chatgpt",
    "chutes",
    "clarifai",
    "clf_ai_gateway",
    "cloudflare",
    "codestral",
    "cognition",
    "cohere",
    "cohere_chat",
    "cometapi",
    "compactifai",
    "coralbricks",
    "cortecs",
    "cursor",
    "custom",
    "custom_openai",
    "darkbloom",
    "dashscope",
    "databricks",
    "databricks_agent",
    "datarobot",
    "deepgram",
    "deepinfra",
    "deepseek",
    "docker_model_runner",
    "dotprompt",
    "edenai",
    "elevenlabs",
    "empower",
    "eu_jev",
    "fal_ai",
    "featherless_ai",
    "fireworks_ai",
    "friendliai",
    "galadriel",
    "gdc",
    "gemini",
    "gigachat",
    "github",
    "github_copilot",
    "gradient_ai",
    "groq",
    "helicone",
    "heroku",
    "hosted_vllm",
    "hostinger_router",
    "huggingface",
    "humanloop",
    "hyperbolic",
    "inception",
    "inferenceapis",
    "infinity",
    "jina_ai",
    "kyma",
    "lambda_ai",
    "langflow",
    "langfuse",
    "langgraph",
    "laya",
    "lemonade",
    "libertai",
    "litellm_agent",
    "litellm_proxy",
    "llamafile",
    "lm_studio",
    "manus",
    "maritalk",
    "meta",
    "meta_llama",
    "microsoft_365_copilot",
    "milvus",
    "minimax",
    "mistral",
    "modelscope",
    "mongodb",
    "moonshot",
    "morph",
    "nace",
    "nadir",
    "nano-gpt",
    "nebius",
    "neosantara",
    "nlp_cloud",
    "novita",
    "nscale",
    "nvidia_nim",
    "nvidia_riva",
    "oci",
    "ollama",
    "ollama_chat",
    "oobabooga",
    "openai",
    "openai_like",
    "opencode_go",
    "openinfer",
    "openrouter",
    "opensearch",
    "ovhcloud",
    "parasail",
    "perplexity",
    "petals",
    "pg_vector",
    "pinstripes",
    "poe",
    "predibase",
    "prism",
    "publicai",
    "qwen_ai_platform",
    "qwencloud",
    "ragflow",
    "recraft",
    "reducto",
    "refuseless",
    "reka",
    "replicate",
    "runwayml",
    "s3_vectors",
    "sagemaker",
    "sagemaker_chat",
    "sagemaker_nova",
    "sail",
    "sambanova",
    "sap",
    "scaledown",
    "scaleway",
    "scx-ai",
    "snowflake",
    "soniox",
    "stability",
    "strands_decider",
    "streamlake",
    "synthetic",
    "tencent",
    "tensormesh",
    "text-completion-codestral",
    "text-completion-inception",
    "text-completion-openai",
    "together_ai",
    "topaz",
    "transcribe",
    "triton",
    "typesafe",
    "v0",
    "valkey",
    "vercel_ai_gateway",
    "vertex_ai",
    "vertex_ai_beta",
    "vllm",
    "volcengine",
    "voyage",
    "wandb",
    "watsonx",
    "watsonx_text",
    "xai",
    "xiaomi_mimo",
    "xinference",
    "zai",
    "zerogpu",
];

/// The result of resolving a model string (`get_llm_provider`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Resolution {
    /// The model id without the provider prefix.
    pub model: String,
    /// litellm's provider name (may be one this engine cannot call yet).
    pub provider: String,
}

/// Resolve `model` the way litellm's `get_llm_provider` does: an explicit provider wins, then a
/// known `provider/` prefix (only the first segment is stripped), then a known host in
/// `api_base`, then bare names from the model catalog.
pub fn resolve(
    model: &str,
    custom_llm_provider: Option<&str>,
    api_base: Option<&str>,
) -> Result<Resolution> {
    resolve_routed(model, custom_llm_provider, api_base, false)
}

/// `resolve`, with `use_litellm_proxy` (`USE_LITELLM_PROXY=True`): then every model goes, as
/// written, to the LiteLLM proxy.
pub fn resolve_routed(
    model: &str,
    custom_llm_provider: Option<&str>,
    api_base: Option<&str>,
    use_litellm_proxy: bool,
) -> Result<Resolution> {
    let found = |model: &str, provider: &str| {
        Ok(Resolution {
            model: model.to_string(),
            provider: registry::canonical_name(provider).to_string(),
        })
    };
    if use_litellm_proxy {
        let model = model.strip_prefix("litellm_proxy/").unwrap_or(model);
        return found(model, "litellm_proxy");
    }
    if let Some(p) = custom_llm_provider.filter(|p| !p.is_empty()) {
        if PROVIDER_LIST.binary_search(&p).is_err() {
            // litellm keeps an unknown provider's name on the model ("<provider>/<model>").
            if model.starts_with(&format!("{p}/")) {
                return found(model, p);
            }
            return found(&format!("{p}/{model}"), p);
        }
        let stripped = model
            .strip_prefix(p)
            .and_then(|rest| rest.strip_prefix('/'))
            .unwrap_or(model);
        return found(stripped, p);
    }
    if let Some((prefix, rest)) = model.split_once('/') {
        if PROVIDER_LIST.binary_search(&prefix).is_ok() {
            return found(rest, prefix);
        }
    }
    if let Some(base) = api_base {
        if let Some(h) = openai_compat::host_for_api_base(base) {
            return found(model, h.name);
        }
    }
    if let Some(p) = registry::provider_for_bare_name(model)
        .or_else(|| crate::cost::catalog::provider_for_bare_model(model))
    {
        return found(model, p);
    }
    Err(LlmError::bad_request(format!(
        "LLM Provider NOT provided. Pass in the LLM provider you are trying to call. You passed \
         model={model}\n Pass model as E.g. For 'Huggingface' inference endpoints pass in \
         `completion(model='huggingface/starcoder',..)` Learn more: \
         https://docs.litellm.ai/docs/providers"
    )))
}

/// Map an error response to litellm's exception kind, keeping status, headers and body.
pub fn error_from_response(
    provider: &dyn Provider,
    status: u16,
    headers: &[(String, String)],
    body: &[u8],
) -> LlmError {
    let text = String::from_utf8_lossy(body);
    let facts = provider.error_facts(&text);
    let (kind, reported) = provider.classify(status, &facts, &text);
    let message = if facts.message.is_empty() {
        // The OpenAI SDK's words for an error without a readable message.
        format!("Error code: {status}")
    } else {
        facts.message.clone()
    };
    let mut e = LlmError::new(kind, message).with_status(reported);
    e.upstream_status = status;
    e.body = Some(body.to_vec());
    e.headers = headers.to_vec();
    e.retry_after = crate::error::retry_after_from_headers(headers);
    // A provider may say outright whether to retry (OpenAI's x-should-retry).
    e.retryable = match crate::http::client::header_value(headers, "x-should-retry") {
        Some("true") => true,
        Some("false") => false,
        _ => {
            crate::error::is_retryable_status(status)
                && facts.code.as_deref() != Some("insufficient_quota")
                && kind != ErrorKind::ContextWindowExceededError
        }
    };
    e
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn provider_list_is_sorted_for_binary_search() {
        let mut sorted = PROVIDER_LIST.to_vec();
        sorted.sort_unstable();
        assert_eq!(sorted, PROVIDER_LIST);
    }

    fn r(model: &str, p: Option<&str>, base: Option<&str>) -> (String, String) {
        let r = resolve(model, p, base).expect("resolves");
        (r.model, r.provider)
    }

    #[test]
    fn resolution_order() {
        assert_eq!(
            r("azure/my-deploy", None, None),
            ("my-deploy".into(), "azure".into())
        );
        assert_eq!(
            r("openrouter/openai/gpt-4o", None, None),
            ("openai/gpt-4o".into(), "openrouter".into())
        );
        assert_eq!(
            r("gpt-4o", Some("groq"), None),
            ("gpt-4o".into(), "groq".into())
        );
        assert_eq!(
            r("groq/llama3", Some("groq"), None),
            ("llama3".into(), "groq".into())
        );
        assert_eq!(
            r("llama3-8b", None, Some("https://api.groq.com/openai/v1")),
            ("llama3-8b".into(), "groq".into())
        );
        assert_eq!(r("gpt-4o", None, None), ("gpt-4o".into(), "openai".into()));
        assert_eq!(
            r("claude-3-5-sonnet-20240620", None, None).1,
            "anthropic".to_string()
        );
        let e = resolve("zzz-unknown", None, None).unwrap_err();
        assert_eq!(e.kind, ErrorKind::BadRequestError);
        assert!(e.message.contains("LLM Provider NOT provided"));
    }
}
