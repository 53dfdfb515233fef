//! litellm 1.109.1's `validate_environment` (which environment variables a provider needs and
//! which are missing) and `get_valid_models` without network (the catalog's models of every
//! provider whose key is set). The caller passes the names set in its environment; nothing
//! here reads the process environment.

use std::collections::HashSet;

/// What a provider needs from the environment.
enum Need {
    /// Any one of these.
    Any(&'static [&'static str]),
    /// All of these.
    All(&'static [&'static str]),
}

/// Provider -> what it needs, and the variables reported missing when it is not there.
const TABLE: &[(&str, Need, &[&str])] = &[
    (
        "openai",
        Need::Any(&["OPENAI_API_KEY"]),
        &["OPENAI_API_KEY"],
    ),
    (
        "azure",
        Need::All(&["AZURE_API_BASE", "AZURE_API_VERSION", "AZURE_API_KEY"]),
        &["AZURE_API_BASE", "AZURE_API_VERSION", "AZURE_API_KEY"],
    ),
    (
        "anthropic",
        Need::Any(&["ANTHROPIC_API_KEY", "ANTHROPIC_AUTH_TOKEN"]),
        &["ANTHROPIC_API_KEY"],
    ),
    (
        "cohere",
        Need::Any(&["COHERE_API_KEY"]),
        &["COHERE_API_KEY"],
    ),
    (
        "replicate",
        Need::Any(&["REPLICATE_API_KEY"]),
        &["REPLICATE_API_KEY"],
    ),
    (
        "openrouter",
        Need::Any(&["OPENROUTER_API_KEY"]),
        &["OPENROUTER_API_KEY"],
    ),
    (
        "vercel_ai_gateway",
        Need::Any(&["VERCEL_AI_GATEWAY_API_KEY"]),
        &["VERCEL_AI_GATEWAY_API_KEY"],
    ),
    (
        "edenai",
        Need::Any(&["EDENAI_API_KEY"]),
        &["EDENAI_API_KEY"],
    ),
    (
        "datarobot",
        Need::Any(&["DATAROBOT_API_TOKEN"]),
        &["DATAROBOT_API_TOKEN"],
    ),
    (
        "vertex_ai",
        Need::All(&["VERTEXAI_PROJECT", "VERTEXAI_LOCATION"]),
        &["VERTEXAI_PROJECT", "VERTEXAI_LOCATION"],
    ),
    (
        "huggingface",
        Need::Any(&["HUGGINGFACE_API_KEY"]),
        &["HUGGINGFACE_API_KEY"],
    ),
    ("ai21", Need::Any(&["AI21_API_KEY"]), &["AI21_API_KEY"]),
    (
        "together_ai",
        Need::Any(&["TOGETHERAI_API_KEY"]),
        &["TOGETHERAI_API_KEY"],
    ),
    (
        "aleph_alpha",
        Need::Any(&["ALEPH_ALPHA_API_KEY"]),
        &["ALEPH_ALPHA_API_KEY"],
    ),
    (
        "baseten",
        Need::Any(&["BASETEN_API_KEY"]),
        &["BASETEN_API_KEY"],
    ),
    (
        "nlp_cloud",
        Need::Any(&["NLP_CLOUD_API_KEY"]),
        &["NLP_CLOUD_API_KEY"],
    ),
    (
        "ollama",
        Need::Any(&["OLLAMA_API_BASE"]),
        &["OLLAMA_API_BASE"],
    ),
    (
        "ollama_chat",
        Need::Any(&["OLLAMA_API_BASE"]),
        &["OLLAMA_API_BASE"],
    ),
    (
        "anyscale",
        Need::Any(&["ANYSCALE_API_KEY"]),
        &["ANYSCALE_API_KEY"],
    ),
    (
        "deepinfra",
        Need::Any(&["DEEPINFRA_API_KEY"]),
        &["DEEPINFRA_API_KEY"],
    ),
    (
        "clf_ai_gateway",
        Need::Any(&["CLF_AI_GATEWAY_API_KEY"]),
        &["CLF_AI_GATEWAY_API_KEY"],
    ),
    (
        "featherless_ai",
        Need::Any(&["FEATHERLESS_AI_API_KEY"]),
        &["FEATHERLESS_AI_API_KEY"],
    ),
    (
        "gemini",
        Need::Any(&["GOOGLE_API_KEY", "GEMINI_API_KEY"]),
        &["GOOGLE_API_KEY", "GEMINI_API_KEY"],
    ),
    ("groq", Need::Any(&["GROQ_API_KEY"]), &["GROQ_API_KEY"]),
    (
        "nvidia_nim",
        Need::Any(&["NVIDIA_NIM_API_KEY"]),
        &["NVIDIA_NIM_API_KEY"],
    ),
    (
        "cerebras",
        Need::Any(&["CEREBRAS_API_KEY"]),
        &["CEREBRAS_API_KEY"],
    ),
    ("nadir", Need::Any(&["NADIR_API_KEY"]), &["NADIR_API_KEY"]),
    (
        "baseten",
        Need::Any(&["BASETEN_API_KEY"]),
        &["BASETEN_API_KEY"],
    ),
    ("xai", Need::Any(&["XAI_API_KEY"]), &["XAI_API_KEY"]),
    ("ai21_chat", Need::Any(&["AI21_API_KEY"]), &["AI21_API_KEY"]),
    (
        "volcengine",
        Need::Any(&["VOLCENGINE_API_KEY"]),
        &["VOLCENGINE_API_KEY"],
    ),
    (
        "codestral",
        Need::Any(&["CODESTRAL_API_KEY"]),
        &["CODESTRAL_API_KEY"],
    ),
    (
        "text-completion-codestral",
        Need::Any(&["CODESTRAL_API_KEY"]),
        &["CODESTRAL_API_KEY"],
    ),
    (
        "inception",
        Need::Any(&["INCEPTION_API_KEY"]),
        &["INCEPTION_API_KEY"],
    ),
    (
        "text-completion-inception",
        Need::Any(&["INCEPTION_API_KEY"]),
        &["INCEPTION_API_KEY"],
    ),
    (
        "deepseek",
        Need::Any(&["DEEPSEEK_API_KEY"]),
        &["DEEPSEEK_API_KEY"],
    ),
    (
        "tencent",
        Need::Any(&["TENCENT_API_KEY"]),
        &["TENCENT_API_KEY"],
    ),
    (
        "mistral",
        Need::Any(&["MISTRAL_API_KEY"]),
        &["MISTRAL_API_KEY"],
    ),
    ("palm", Need::Any(&["PALM_API_KEY"]), &["PALM_API_KEY"]),
    (
        "perplexity",
        Need::Any(&["PERPLEXITYAI_API_KEY"]),
        &["PERPLEXITYAI_API_KEY"],
    ),
    (
        "voyage",
        Need::Any(&["VOYAGE_API_KEY"]),
        &["VOYAGE_API_KEY"],
    ),
    (
        "infinity",
        Need::Any(&["INFINITY_API_KEY"]),
        &["INFINITY_API_KEY"],
    ),
    (
        "fireworks_ai",
        Need::Any(&[
            "FIREWORKS_AI_API_KEY",
            "FIREWORKS_API_KEY",
            "FIREWORKSAI_API_KEY",
            "FIREWORKS_AI_TOKEN",
        ]),
        &["FIREWORKS_AI_API_KEY"],
    ),
    (
        "novita",
        Need::Any(&["NOVITA_API_KEY"]),
        &["NOVITA_API_KEY"],
    ),
    (
        "nebius",
        Need::Any(&["NEBIUS_API_KEY"]),
        &["NEBIUS_API_KEY"],
    ),
    ("wandb", Need::Any(&["WANDB_API_KEY"]), &["WANDB_API_KEY"]),
    (
        "modelscope",
        Need::Any(&["MODELSCOPE_API_KEY"]),
        &["MODELSCOPE_API_KEY"],
    ),
    (
        "moonshot",
        Need::Any(&["MOONSHOT_API_KEY"]),
        &["MOONSHOT_API_KEY"],
    ),
];

const AWS_ALTERNATIVES: &[&str] = &[
    "AWS_ROLE_ARN",
    "AWS_PROFILE",
    "AWS_WEB_IDENTITY_TOKEN_FILE",
    "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI",
    "AWS_CONTAINER_CREDENTIALS_FULL_URI",
];

/// `(keys_in_environment, missing_keys)` for a call to `provider` (`None`: the model routes
/// nowhere); `passed` are the names of the arguments given (`api_key`, `api_base`,
/// `api_version`), whose variables are then not missing.
pub fn validate(
    provider: Option<&str>,
    env: &HashSet<String>,
    passed: &[&str],
) -> (bool, Vec<String>) {
    let has = |k: &str| env.contains(k);
    let mut ok = false;
    let mut missing: Vec<String> = Vec::new();
    if let Some(p) = provider {
        match p {
            "bedrock" | "sagemaker" => {
                if (has("AWS_ACCESS_KEY_ID") && has("AWS_SECRET_ACCESS_KEY"))
                    || AWS_ALTERNATIVES.iter().any(|k| has(k))
                {
                    ok = true;
                } else {
                    missing.extend(["AWS_ACCESS_KEY_ID".into(), "AWS_SECRET_ACCESS_KEY".into()]);
                }
            }
            "cloudflare" => {
                if has("CLOUDFLARE_API_KEY")
                    && (has("CLOUDFLARE_ACCOUNT_ID") || has("CLOUDFLARE_API_BASE"))
                {
                    ok = true;
                } else {
                    missing.extend(["CLOUDFLARE_API_KEY".into(), "CLOUDFLARE_API_BASE".into()]);
                }
            }
            "dashscope" | "qwencloud" | "qwen_ai_platform" => {
                let own = format!("{}_API_KEY", p.to_uppercase());
                if has(&own) || has("DASHSCOPE_API_KEY") {
                    ok = true;
                } else {
                    missing.push(own);
                }
            }
            _ => {
                if let Some((_, need, report)) = TABLE.iter().find(|(name, _, _)| *name == p) {
                    let present = match need {
                        Need::Any(keys) => keys.iter().any(|k| has(k)),
                        Need::All(keys) => keys.iter().all(|k| has(k)),
                    };
                    if present {
                        ok = true;
                    } else {
                        missing.extend(report.iter().map(|k| (*k).to_owned()));
                    }
                }
            }
        }
    }
    for arg in passed {
        missing.retain(|k| !k.to_lowercase().contains(arg));
    }
    if missing.is_empty() {
        ok = true;
    }
    (ok, missing)
}

/// litellm's `_infer_valid_provider_from_env_vars`: providers whose `<NAME>_API_KEY` (with or
/// without underscores in the name) is set.
pub fn providers_with_keys<'a>(providers: &[&'a str], env: &HashSet<String>) -> Vec<&'a str> {
    providers
        .iter()
        .copied()
        .filter(|p| {
            let one = format!("{}_API_KEY", p.replace('_', "").to_uppercase());
            let two = format!("{}_API_KEY", p.to_uppercase());
            env.contains(&one) || env.contains(&two)
        })
        .collect()
}

/// The catalog's models of `provider` (litellm's `models_by_provider[provider]`), sorted.
/// What `get_valid_models` lists for `provider`: its catalog models, or litellm's placeholder
/// for Azure (whose models are deployments the catalog cannot know).
pub fn valid_models_of(provider: &str) -> Vec<String> {
    if provider == "azure" {
        return vec!["Azure-LLM".to_owned()];
    }
    provider_models(provider)
}

pub fn provider_models(provider: &str) -> Vec<String> {
    let mut out: Vec<String> = super::entries::all()
        .into_iter()
        .filter(|(key, e)| {
            let listed = e
                .get("litellm_provider")
                .and_then(serde_json::Value::as_str)
                .unwrap_or("");
            match provider {
                "openai" => {
                    listed == "text-completion-openai"
                        || (listed == "openai"
                            && !(key.starts_with("ft:") && key.matches(':').count() <= 1))
                }
                "cohere" => listed == "cohere" || listed == "cohere_chat",
                "vertex_ai" => listed.starts_with("vertex_ai"),
                "bedrock" => listed == "bedrock" || listed == "bedrock_converse",
                p => listed == p,
            }
        })
        .map(|(key, _)| key)
        .collect();
    out.sort();
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table() {
        let env: HashSet<String> = ["OPENAI_API_KEY".to_owned()].into();
        assert_eq!(validate(Some("openai"), &env, &[]), (true, vec![]));
        let (ok, missing) = validate(Some("azure"), &env, &["api_key"]);
        assert!(!ok);
        assert_eq!(missing, ["AZURE_API_BASE", "AZURE_API_VERSION"]);
        assert_eq!(validate(None, &env, &[]), (true, vec![]));
        assert_eq!(validate(Some("hosted_vllm"), &env, &[]), (true, vec![]));
    }
}
