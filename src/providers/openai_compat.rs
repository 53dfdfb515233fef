//! The table of OpenAI-compatible hosts: one row per provider prefix with its base URL, the
//! environment variables litellm reads for it, and the quirks its API has. Adding a host is
//! adding a row; no host gets code of its own: every row is a `Provider` through one impl.

use serde_json::Value;

use crate::error::{ErrorFacts, ErrorKind, LlmError, Result, TimeoutFacts};
use crate::http::client::HttpRequest;
use crate::providers::contract::{
    httpx_timeout_message, openai_style_message, unsupported_api, Api, Credentials, KeySources,
    Provider, Request, StreamTranslator,
};
use crate::providers::openai::{embeddings, error, request, response, stream, EMBEDDING_PARAMS};
use crate::providers::params::OPENAI_PARAMS;
use crate::types::ChatRequest;

/// How a host deviates from OpenAI's chat-completions API.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Quirks {
    /// Sends `tool_choice: "required"` as `"any"` (Mistral, Fireworks).
    pub required_tool_choice_is_any: bool,
    /// Sends `seed` as `random_seed` (Mistral).
    pub seed_is_random_seed: bool,
    /// Knows only `max_tokens`: `max_completion_tokens` is renamed.
    pub max_tokens_only: bool,
    /// Bare model ids get this prefix (Fireworks' `accounts/fireworks/models/`).
    pub model_prefix: Option<&'static str>,
    /// A key is optional (self-hosted servers): a placeholder is sent when none is set.
    pub key_optional: bool,
    /// Responses report `model` with our `provider/` prefix kept, as litellm does.
    pub prefix_response_model: bool,
}

/// One OpenAI-compatible host.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CompatHost {
    /// litellm's provider name (the model prefix), e.g. `groq`.
    pub name: &'static str,
    /// Default base URL; `None` when the user must give one (self-hosted servers).
    pub base_url: Option<&'static str>,
    /// Environment variables for the key, first found wins.
    pub key_env: &'static [&'static str],
    /// Environment variables for the base URL, first found wins.
    pub base_env: &'static [&'static str],
    /// OpenAI parameters the host rejects (raise UnsupportedParamsError unless drop_params).
    pub unsupported: &'static [&'static str],
    /// The endpoints litellm recognises in a user-supplied api_base (host, then path prefix;
    /// see `host_for_api_base`).
    pub api_base_endpoints: &'static [&'static str],
    pub quirks: Quirks,
}

const Q: Quirks = Quirks {
    required_tool_choice_is_any: false,
    seed_is_random_seed: false,
    max_tokens_only: true,
    model_prefix: None,
    key_optional: false,
    prefix_response_model: true,
};

const SELF_HOSTED: Quirks = Quirks {
    key_optional: true,
    ..Q
};

pub static HOSTS: &[CompatHost] = &[
    CompatHost {
        name: "groq",
        base_url: Some("https://api.groq.com/openai/v1"),
        key_env: &["GROQ_API_KEY"],
        base_env: &["GROQ_API_BASE"],
        unsupported: &["logprobs", "top_logprobs", "logit_bias"],
        api_base_endpoints: &["api.groq.com/openai/v1"],
        quirks: Q,
    },
    CompatHost {
        name: "mistral",
        base_url: Some("https://api.mistral.ai/v1"),
        key_env: &["MISTRAL_API_KEY"],
        base_env: &["MISTRAL_API_BASE"],
        unsupported: &["logit_bias", "logprobs", "top_logprobs", "user"],
        api_base_endpoints: &["api.mistral.ai/v1"],
        quirks: Quirks {
            required_tool_choice_is_any: true,
            seed_is_random_seed: true,
            ..Q
        },
    },
    CompatHost {
        name: "codestral",
        base_url: Some("https://codestral.mistral.ai/v1"),
        key_env: &["CODESTRAL_API_KEY"],
        base_env: &["CODESTRAL_API_BASE"],
        unsupported: &["logit_bias", "logprobs", "top_logprobs", "user"],
        api_base_endpoints: &[
            "codestral.mistral.ai/v1/chat/completions",
            "codestral.mistral.ai/v1/fim/completions",
        ],
        quirks: Quirks {
            required_tool_choice_is_any: true,
            seed_is_random_seed: true,
            ..Q
        },
    },
    CompatHost {
        name: "deepseek",
        base_url: Some("https://api.deepseek.com/beta"),
        key_env: &["DEEPSEEK_API_KEY"],
        base_env: &["DEEPSEEK_API_BASE"],
        unsupported: &[],
        api_base_endpoints: &["api.deepseek.com/v1"],
        quirks: Q,
    },
    CompatHost {
        name: "together_ai",
        base_url: Some("https://api.together.xyz/v1"),
        key_env: &[
            "TOGETHERAI_API_KEY",
            "TOGETHER_API_KEY",
            "TOGETHER_AI_API_KEY",
        ],
        base_env: &["TOGETHERAI_API_BASE"],
        unsupported: &[],
        api_base_endpoints: &["api.together.ai/v1", "api.together.xyz/v1"],
        quirks: Q,
    },
    CompatHost {
        name: "fireworks_ai",
        base_url: Some("https://api.fireworks.ai/inference/v1"),
        key_env: &[
            "FIREWORKS_API_KEY",
            "FIREWORKS_AI_API_KEY",
            "FIREWORKSAI_API_KEY",
        ],
        base_env: &["FIREWORKS_API_BASE"],
        unsupported: &[],
        api_base_endpoints: &[],
        quirks: Quirks {
            required_tool_choice_is_any: true,
            model_prefix: Some("accounts/fireworks/models/"),
            ..Q
        },
    },
    CompatHost {
        name: "openrouter",
        base_url: Some("https://openrouter.ai/api/v1"),
        key_env: &["OPENROUTER_API_KEY", "OR_API_KEY"],
        base_env: &["OPENROUTER_API_BASE"],
        unsupported: &[],
        api_base_endpoints: &[],
        quirks: Quirks {
            max_tokens_only: false,
            ..Q
        },
    },
    CompatHost {
        name: "xai",
        base_url: Some("https://api.x.ai/v1"),
        key_env: &["XAI_API_KEY"],
        base_env: &["XAI_API_BASE"],
        unsupported: &["logit_bias"],
        api_base_endpoints: &["api.x.ai/v1"],
        quirks: Q,
    },
    CompatHost {
        name: "perplexity",
        base_url: Some("https://api.perplexity.ai"),
        key_env: &["PERPLEXITYAI_API_KEY", "PERPLEXITY_API_KEY"],
        base_env: &["PERPLEXITY_API_BASE"],
        unsupported: &[
            "tools",
            "tool_choice",
            "parallel_tool_calls",
            "logit_bias",
            "n",
            "seed",
        ],
        api_base_endpoints: &["api.perplexity.ai"],
        quirks: Q,
    },
    CompatHost {
        name: "cerebras",
        base_url: Some("https://api.cerebras.ai/v1"),
        key_env: &["CEREBRAS_API_KEY"],
        base_env: &["CEREBRAS_API_BASE"],
        unsupported: &["frequency_penalty", "presence_penalty", "logit_bias"],
        api_base_endpoints: &[],
        quirks: Q,
    },
    CompatHost {
        name: "deepinfra",
        base_url: Some("https://api.deepinfra.com/v1/openai"),
        key_env: &["DEEPINFRA_API_KEY"],
        base_env: &["DEEPINFRA_API_BASE"],
        unsupported: &[],
        api_base_endpoints: &["api.deepinfra.com/v1/openai"],
        quirks: Q,
    },
    CompatHost {
        name: "nvidia_nim",
        base_url: Some("https://integrate.api.nvidia.com/v1"),
        key_env: &["NVIDIA_NIM_API_KEY"],
        base_env: &["NVIDIA_NIM_API_BASE"],
        unsupported: &[],
        api_base_endpoints: &["https://integrate.api.nvidia.com/v1"],
        quirks: Q,
    },
    CompatHost {
        name: "sambanova",
        base_url: Some("https://api.sambanova.ai/v1"),
        key_env: &["SAMBANOVA_API_KEY"],
        base_env: &["SAMBANOVA_API_BASE"],
        unsupported: &["logit_bias"],
        api_base_endpoints: &["api.sambanova.ai/v1"],
        quirks: Q,
    },
    CompatHost {
        name: "huggingface",
        base_url: Some("https://router.huggingface.co/v1"),
        key_env: &["HUGGINGFACE_API_KEY", "HF_TOKEN"],
        base_env: &["HUGGINGFACE_API_BASE"],
        unsupported: &[],
        api_base_endpoints: &[],
        quirks: Q,
    },
    CompatHost {
        name: "moonshot",
        base_url: Some("https://api.moonshot.ai/v1"),
        key_env: &["MOONSHOT_API_KEY"],
        base_env: &["MOONSHOT_API_BASE"],
        unsupported: &[],
        api_base_endpoints: &["https://api.moonshot.ai/v1"],
        quirks: Q,
    },
    CompatHost {
        name: "nebius",
        base_url: Some("https://api.studio.nebius.ai/v1"),
        key_env: &["NEBIUS_API_KEY"],
        base_env: &["NEBIUS_API_BASE"],
        unsupported: &[],
        api_base_endpoints: &["api.studio.nebius.ai/v1"],
        quirks: Q,
    },
    CompatHost {
        name: "novita",
        base_url: Some("https://api.novita.ai/v3/openai"),
        key_env: &["NOVITA_API_KEY"],
        base_env: &["NOVITA_API_BASE"],
        unsupported: &[],
        api_base_endpoints: &[],
        quirks: Q,
    },
    CompatHost {
        name: "hyperbolic",
        base_url: Some("https://api.hyperbolic.xyz/v1"),
        key_env: &["HYPERBOLIC_API_KEY"],
        base_env: &["HYPERBOLIC_API_BASE"],
        unsupported: &[],
        api_base_endpoints: &["https://api.hyperbolic.xyz/v1"],
        quirks: Q,
    },
    CompatHost {
        name: "featherless_ai",
        base_url: Some("https://api.featherless.ai/v1"),
        key_env: &["FEATHERLESS_AI_API_KEY", "FEATHERLESS_API_KEY"],
        base_env: &["FEATHERLESS_AI_API_BASE"],
        unsupported: &[],
        api_base_endpoints: &["api.featherless.ai/v1"],
        quirks: Q,
    },
    CompatHost {
        name: "dashscope",
        base_url: Some("https://dashscope-intl.aliyuncs.com/compatible-mode/v1"),
        key_env: &["DASHSCOPE_API_KEY"],
        base_env: &["DASHSCOPE_API_BASE"],
        unsupported: &[],
        api_base_endpoints: &[
            "https://dashscope-intl.aliyuncs.com/compatible-mode/v1",
            "https://dashscope.aliyuncs.com/compatible-mode/v1",
        ],
        quirks: Q,
    },
    CompatHost {
        name: "friendliai",
        base_url: Some("https://api.friendli.ai/serverless/v1"),
        key_env: &["FRIENDLIAI_API_KEY", "FRIENDLI_TOKEN"],
        base_env: &["FRIENDLI_API_BASE"],
        unsupported: &[],
        api_base_endpoints: &["https://api.friendli.ai/serverless/v1"],
        quirks: Q,
    },
    CompatHost {
        name: "lambda_ai",
        base_url: Some("https://api.lambda.ai/v1"),
        key_env: &["LAMBDA_API_KEY"],
        base_env: &["LAMBDA_API_BASE"],
        unsupported: &[],
        api_base_endpoints: &["https://api.lambda.ai/v1"],
        quirks: Q,
    },
    CompatHost {
        name: "galadriel",
        base_url: Some("https://api.galadriel.com/v1"),
        key_env: &["GALADRIEL_API_KEY"],
        base_env: &["GALADRIEL_API_BASE"],
        unsupported: &[],
        api_base_endpoints: &["api.galadriel.ai/v1"],
        quirks: Q,
    },
    CompatHost {
        name: "meta_llama",
        base_url: Some("https://api.llama.com/compat/v1"),
        key_env: &["LLAMA_API_KEY"],
        base_env: &["LLAMA_API_BASE"],
        unsupported: &[],
        api_base_endpoints: &["api.llama.com/compat/v1/"],
        quirks: Q,
    },
    CompatHost {
        name: "nscale",
        base_url: Some("https://inference.api.nscale.com/v1"),
        key_env: &["NSCALE_API_KEY"],
        base_env: &["NSCALE_API_BASE"],
        unsupported: &[],
        api_base_endpoints: &["inference.api.nscale.com/v1"],
        quirks: Q,
    },
    CompatHost {
        name: "volcengine",
        base_url: Some("https://ark.cn-beijing.volces.com/api/v3"),
        key_env: &["VOLCENGINE_API_KEY", "ARK_API_KEY"],
        base_env: &["VOLCENGINE_API_BASE"],
        unsupported: &[],
        api_base_endpoints: &[],
        quirks: Q,
    },
    CompatHost {
        name: "zai",
        base_url: Some("https://api.z.ai/api/paas/v4"),
        key_env: &["ZAI_API_KEY"],
        base_env: &["ZAI_API_BASE"],
        unsupported: &[],
        api_base_endpoints: &[],
        quirks: Q,
    },
    CompatHost {
        name: "github",
        base_url: Some("https://models.inference.ai.azure.com"),
        key_env: &["GITHUB_API_KEY"],
        base_env: &["GITHUB_API_BASE"],
        unsupported: &[],
        api_base_endpoints: &[],
        quirks: Q,
    },
    CompatHost {
        name: "hosted_vllm",
        base_url: None,
        key_env: &["HOSTED_VLLM_API_KEY"],
        base_env: &["HOSTED_VLLM_API_BASE"],
        unsupported: &[],
        api_base_endpoints: &[],
        quirks: SELF_HOSTED,
    },
    CompatHost {
        name: "lm_studio",
        base_url: None,
        key_env: &["LM_STUDIO_API_KEY"],
        base_env: &["LM_STUDIO_API_BASE"],
        unsupported: &[],
        api_base_endpoints: &[],
        quirks: SELF_HOSTED,
    },
    CompatHost {
        name: "llamafile",
        base_url: Some("http://127.0.0.1:8080/v1"),
        key_env: &["LLAMAFILE_API_KEY"],
        base_env: &["LLAMAFILE_API_BASE"],
        unsupported: &[],
        api_base_endpoints: &[],
        quirks: SELF_HOSTED,
    },
    CompatHost {
        name: "xinference",
        base_url: Some("http://127.0.0.1:9997/v1"),
        key_env: &["XINFERENCE_API_KEY"],
        base_env: &["XINFERENCE_API_BASE"],
        unsupported: &[],
        api_base_endpoints: &[],
        quirks: SELF_HOSTED,
    },
    CompatHost {
        name: "litellm_proxy",
        base_url: None,
        key_env: &["LITELLM_PROXY_API_KEY"],
        base_env: &["LITELLM_PROXY_API_BASE"],
        unsupported: &[],
        api_base_endpoints: &[],
        quirks: Quirks {
            max_tokens_only: false,
            ..SELF_HOSTED
        },
    },
    CompatHost {
        name: "openai_like",
        base_url: None,
        key_env: &["OPENAI_LIKE_API_KEY"],
        base_env: &["OPENAI_LIKE_API_BASE"],
        unsupported: &[],
        api_base_endpoints: &[],
        quirks: Quirks {
            max_tokens_only: false,
            ..SELF_HOSTED
        },
    },
    CompatHost {
        name: "custom_openai",
        base_url: None,
        key_env: &["CUSTOM_OPENAI_API_KEY"],
        base_env: &["CUSTOM_OPENAI_API_BASE"],
        unsupported: &[],
        api_base_endpoints: &[],
        quirks: Quirks {
            max_tokens_only: false,
            ..SELF_HOSTED
        },
    },
];

/// Hosts that also serve OpenAI's `/embeddings` (litellm routes embeddings to them).
const EMBEDDING_HOSTS: &[&str] = &[
    "mistral",
    "together_ai",
    "fireworks_ai",
    "deepinfra",
    "nvidia_nim",
    "nebius",
    "hosted_vllm",
    "lm_studio",
    "xinference",
    "litellm_proxy",
    "openai_like",
    "custom_openai",
];

impl Provider for CompatHost {
    fn name(&self) -> &'static str {
        self.name
    }

    fn key_sources(&self) -> KeySources {
        KeySources {
            generic_key_first: false,
            key_env: self.key_env,
            base_env: self.base_env,
            default_base: self.base_url,
            key_optional: self.quirks.key_optional,
        }
    }

    fn supports_api(&self, api: Api) -> bool {
        match api {
            Api::Chat => true,
            Api::Embeddings => EMBEDDING_HOSTS.contains(&self.name),
        }
    }

    fn supported_params(&self, api: Api) -> Vec<&'static str> {
        match api {
            Api::Chat => OPENAI_PARAMS
                .iter()
                .copied()
                .filter(|p| !self.unsupported.contains(p))
                .collect(),
            Api::Embeddings if self.supports_api(api) => EMBEDDING_PARAMS.to_vec(),
            Api::Embeddings => Vec::new(),
        }
    }

    fn build_request(&self, req: &Request, creds: &Credentials) -> Result<HttpRequest> {
        match req {
            Request::Chat(r) => request::build(r, creds, Some(self)),
            Request::Embedding(r) if self.supports_api(Api::Embeddings) => {
                embeddings::build(r, creds, Some(self))
            }
            other => Err(unsupported_api(self, other.api())),
        }
    }

    fn parse_response(&self, req: &Request, body: &[u8]) -> Result<Value> {
        match req {
            Request::Chat(_) => response::parse(body, self.malformed_body_kind()),
            Request::Embedding(_) => embeddings::parse(body, self.malformed_body_kind()),
        }
    }

    fn error_facts(&self, body: &str) -> ErrorFacts {
        error::error_facts(body)
    }

    fn stream_translator(&self, _req: &ChatRequest) -> Box<dyn StreamTranslator> {
        Box::new(stream::OpenAiStream::COMPATIBLE)
    }

    /// litellm's OpenAI-compatible handler shows the body of an HTTP error as it came.
    fn exception_message(&self, e: &LlmError) -> String {
        let mut shown = e.clone();
        if let (false, Some(b)) = (e.mid_stream, e.body.as_deref()) {
            if !b.is_empty() && e.upstream_status != 0 {
                shown.message = String::from_utf8_lossy(b).into_owned();
            }
        }
        let title = self.exception_title();
        if shown.kind == ErrorKind::ContentPolicyViolationError {
            return format!("ContentPolicyViolationError: {title} - {}", shown.message);
        }
        openai_style_message(&title, &shown)
    }

    /// litellm's OpenAI-compatible handler words timeouts "Timeout Error: <Title> - ...".
    fn timeout_message(&self, t: &TimeoutFacts) -> String {
        let inner = httpx_timeout_message(&self.exception_title(), t);
        if t.in_stream {
            inner
        } else {
            format!("Timeout Error: {inner}")
        }
    }

    /// litellm keeps the `provider/` prefix on the model these hosts report.
    fn response_model(&self, provider_model: &str) -> String {
        if self.quirks.prefix_response_model {
            format!("{}/{provider_model}", self.name)
        } else {
            provider_model.to_string()
        }
    }
}

/// The host row for a provider name.
pub fn host(name: &str) -> Option<&'static CompatHost> {
    HOSTS.iter().find(|h| h.name == name)
}

/// The host whose public endpoint a user-supplied api_base points at: the host name must match
/// exactly and the path start with the endpoint's path on a segment boundary, as litellm
/// matches (a substring match would let `https://evil.example/api.groq.com/openai/v1` borrow
/// the GROQ_API_KEY).
pub fn host_for_api_base(api_base: &str) -> Option<&'static CompatHost> {
    HOSTS.iter().find(|h| {
        h.api_base_endpoints
            .iter()
            .any(|e| endpoint_matches(e, api_base))
    })
}

/// `(lower-case host, path without trailing slashes)` of a URL or `host/path`.
fn host_and_path(url: &str) -> (String, &str) {
    let rest = url.split_once("://").map_or(url, |(_, r)| r);
    let (authority, path) = match rest.find(['/', '?', '#']) {
        Some(i) if rest.as_bytes()[i] == b'/' => {
            let p = &rest[i..];
            (&rest[..i], &p[..p.find(['?', '#']).unwrap_or(p.len())])
        }
        Some(i) => (&rest[..i], ""),
        None => (rest, ""),
    };
    let host = authority.rsplit('@').next().unwrap_or(authority);
    let host = host.split(':').next().unwrap_or(host);
    (host.to_ascii_lowercase(), path.trim_end_matches('/'))
}

fn endpoint_matches(endpoint: &str, api_base: &str) -> bool {
    let (eh, ep) = host_and_path(endpoint);
    let (uh, up) = host_and_path(api_base);
    if eh.is_empty() || eh != uh {
        return false;
    }
    ep.is_empty() || up == ep || up.strip_prefix(ep).is_some_and(|r| r.starts_with('/'))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_unique_and_known() {
        let mut names: Vec<_> = HOSTS.iter().map(|h| h.name).collect();
        names.sort_unstable();
        let before = names.len();
        names.dedup();
        assert_eq!(before, names.len());
        for n in names {
            assert!(
                crate::providers::PROVIDER_LIST.contains(&n),
                "{n} missing from the provider list"
            );
        }
    }

    #[test]
    fn api_base_detection() {
        let found = |b: &str| host_for_api_base(b).map(|h| h.name);
        assert_eq!(found("https://api.groq.com/openai/v1"), Some("groq"));
        assert_eq!(found("https://api.groq.com/openai/v1/"), Some("groq"));
        assert_eq!(found("https://api.deepseek.com/v1"), Some("deepseek"));
        assert_eq!(found("https://api.deepseek.com"), None);
        assert_eq!(found("https://api.together.xyz/v1"), Some("together_ai"));
        assert_eq!(found("api.perplexity.ai"), Some("perplexity"));
        assert_eq!(found("https://evil.example/api.groq.com/openai/v1"), None);
        assert_eq!(found("https://api.groq.com.evil.example/openai/v1"), None);
        assert_eq!(found("https://api.groq.com/openai/v10"), None);
        assert_eq!(found("https://openrouter.ai/api/v1"), None);
        assert!(found("http://127.0.0.1:8000/v1").is_none());
    }
}
