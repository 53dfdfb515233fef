//! Where a call's key, base URL, API version and headers come from, with litellm's precedence:
//! the call's arguments, then module settings (`litellm.<provider>_key`, `litellm.api_key`, ...),
//! then the provider's environment variables, then the provider's default.

use crate::error::{ErrorKind, LlmError, Result};
use crate::providers::{azure, Endpoint, Provider};

/// Module settings and environment, read on the caller's thread (never by engine threads).
pub trait Settings {
    /// A string-valued `litellm.<name>` setting, if set.
    fn module_str(&self, name: &str) -> Option<String>;
    /// An environment variable, if set and non-empty.
    fn env(&self, name: &str) -> Option<String>;
}

/// Credentials given directly to the call.
#[derive(Debug, Clone, Default)]
pub struct CallCredentials {
    pub api_key: Option<String>,
    pub api_base: Option<String>,
    pub api_version: Option<String>,
    pub organization: Option<String>,
    pub azure_ad_token: Option<String>,
    pub headers: Vec<(String, String)>,
}

fn non_empty(v: Option<String>) -> Option<String> {
    v.filter(|s| !s.trim().is_empty())
}

fn first_env(s: &dyn Settings, names: &[&str]) -> Option<String> {
    names.iter().find_map(|n| non_empty(s.env(n)))
}

struct ProviderEnv {
    module_key: &'static str,
    key_env: &'static [&'static str],
    base_env: &'static [&'static str],
    default_base: Option<&'static str>,
    key_optional: bool,
}

fn provider_env(p: Provider) -> ProviderEnv {
    match p {
        Provider::OpenAI => ProviderEnv {
            module_key: "openai_key",
            key_env: &["OPENAI_API_KEY"],
            base_env: &["OPENAI_BASE_URL", "OPENAI_API_BASE"],
            default_base: Some("https://api.openai.com/v1"),
            key_optional: false,
        },
        Provider::Azure => ProviderEnv {
            module_key: "azure_key",
            key_env: &["AZURE_API_KEY", "AZURE_OPENAI_API_KEY"],
            base_env: &["AZURE_API_BASE", "AZURE_OPENAI_ENDPOINT"],
            default_base: None,
            key_optional: false,
        },
        Provider::Anthropic => ProviderEnv {
            module_key: "anthropic_key",
            key_env: &["ANTHROPIC_API_KEY"],
            base_env: &["ANTHROPIC_API_BASE", "ANTHROPIC_BASE_URL"],
            default_base: Some("https://api.anthropic.com"),
            key_optional: false,
        },
        Provider::Compat(h) => ProviderEnv {
            module_key: "",
            key_env: h.key_env,
            base_env: h.base_env,
            default_base: h.base_url,
            key_optional: h.quirks.key_optional,
        },
    }
}

/// Resolve the endpoint of a call to `p`. `is_mock` skips the checks a real request needs.
pub fn endpoint(
    p: Provider,
    call: &CallCredentials,
    s: &dyn Settings,
    is_mock: bool,
) -> Result<Endpoint> {
    let pe = provider_env(p);
    let module_key = if pe.module_key.is_empty() {
        non_empty(s.module_str(&format!("{}_key", p.name())))
    } else {
        non_empty(s.module_str(pe.module_key))
    };
    let generic_key = non_empty(s.module_str("api_key"));
    // litellm's OpenAI and Azure paths read `litellm.api_key` before the provider's own
    // setting; Anthropic and the compatible hosts the other way round.
    let module_choice = match p {
        Provider::OpenAI | Provider::Azure => generic_key.or(module_key),
        _ => module_key.or(generic_key),
    };
    let api_key = non_empty(call.api_key.clone())
        .or(module_choice)
        .or_else(|| first_env(s, pe.key_env));
    let api_base = non_empty(call.api_base.clone())
        .or_else(|| non_empty(s.module_str("api_base")))
        .or_else(|| first_env(s, pe.base_env))
        .or_else(|| pe.default_base.map(str::to_string));
    let azure_ad_token = match p {
        Provider::Azure => non_empty(call.azure_ad_token.clone())
            .or_else(|| first_env(s, &["AZURE_AD_TOKEN", "AZURE_OPENAI_AD_TOKEN"])),
        _ => None,
    };
    let api_version = match p {
        Provider::Azure => non_empty(call.api_version.clone())
            .or_else(|| non_empty(s.module_str("api_version")))
            .or_else(|| first_env(s, &["AZURE_API_VERSION", "OPENAI_API_VERSION"]))
            .or_else(|| Some(azure::DEFAULT_API_VERSION.to_string())),
        _ => non_empty(call.api_version.clone()),
    };
    let organization = match p {
        Provider::OpenAI => non_empty(call.organization.clone())
            .or_else(|| non_empty(s.module_str("organization")))
            .or_else(|| first_env(s, &["OPENAI_ORGANIZATION"])),
        _ => non_empty(call.organization.clone()),
    };

    if !is_mock {
        let has_credential = api_key.is_some() || azure_ad_token.is_some();
        if !has_credential && !pe.key_optional {
            let vars = pe.key_env.join(" or ");
            return Err(LlmError::new(
                ErrorKind::AuthenticationError,
                format!(
                    "Missing {} API key: pass api_key=..., set litellm.api_key, or set the {vars} \
                     environment variable",
                    p.name()
                ),
            ));
        }
        if api_base.is_none() {
            let vars = pe.base_env.join(" or ");
            return Err(LlmError::bad_request(format!(
                "Missing API base for {}: pass api_base=... or set the {vars} environment variable",
                p.name()
            )));
        }
    }
    Ok(Endpoint {
        api_base: api_base.unwrap_or_default(),
        api_key,
        api_version,
        organization,
        azure_ad_token,
        extra_headers: call.headers.clone(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::tests::MapSettings;
    use crate::providers::openai_compat::host;

    fn settings(pairs: &[(&str, &str)]) -> MapSettings {
        MapSettings(
            pairs
                .iter()
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect(),
        )
    }

    #[test]
    fn precedence_arg_module_env_default() {
        let s = settings(&[
            ("OPENAI_API_KEY", "env"),
            ("litellm.openai_key", "module-provider"),
            ("litellm.api_key", "module-generic"),
            ("OPENAI_BASE_URL", "http://env-base/v1"),
        ]);
        let call = CallCredentials {
            api_key: Some("arg".into()),
            ..Default::default()
        };
        let e = endpoint(Provider::OpenAI, &call, &s, false).unwrap();
        assert_eq!(e.api_key.as_deref(), Some("arg"));
        assert_eq!(e.api_base, "http://env-base/v1");
        let e = endpoint(Provider::OpenAI, &CallCredentials::default(), &s, false).unwrap();
        assert_eq!(e.api_key.as_deref(), Some("module-generic"));
        let s2 = settings(&[
            ("litellm.anthropic_key", "module-provider"),
            ("litellm.api_key", "module-generic"),
        ]);
        let e = endpoint(Provider::Anthropic, &CallCredentials::default(), &s2, false).unwrap();
        assert_eq!(e.api_key.as_deref(), Some("module-provider"));
        let s = settings(&[("OPENAI_API_KEY", "env")]);
        let e = endpoint(Provider::OpenAI, &CallCredentials::default(), &s, false).unwrap();
        assert_eq!(e.api_key.as_deref(), Some("env"));
        assert_eq!(e.api_base, "https://api.openai.com/v1");
    }

    #[test]
    fn missing_key_names_the_variable() {
        let s = settings(&[]);
        let err =
            endpoint(Provider::Anthropic, &CallCredentials::default(), &s, false).unwrap_err();
        assert_eq!(err.kind, ErrorKind::AuthenticationError);
        assert!(err.message.contains("ANTHROPIC_API_KEY"));
        let g = Provider::Compat(host("groq").unwrap());
        let err = endpoint(g, &CallCredentials::default(), &s, false).unwrap_err();
        assert!(err.message.contains("GROQ_API_KEY"));
        // Self-hosted servers need a base but no key.
        let v = Provider::Compat(host("hosted_vllm").unwrap());
        let err = endpoint(v, &CallCredentials::default(), &s, false).unwrap_err();
        assert!(err.message.contains("HOSTED_VLLM_API_BASE"));
        let s = settings(&[("HOSTED_VLLM_API_BASE", "http://127.0.0.1:8000/v1")]);
        assert!(endpoint(v, &CallCredentials::default(), &s, false).is_ok());
    }

    #[test]
    fn azure_version_and_token() {
        let s = settings(&[
            ("AZURE_API_BASE", "https://r.openai.azure.com"),
            ("AZURE_AD_TOKEN", "tok"),
        ]);
        let e = endpoint(Provider::Azure, &CallCredentials::default(), &s, false).unwrap();
        assert_eq!(e.api_version.as_deref(), Some(azure::DEFAULT_API_VERSION));
        assert_eq!(e.azure_ad_token.as_deref(), Some("tok"));
        let s = settings(&[
            ("AZURE_API_BASE", "https://r"),
            ("AZURE_API_KEY", "k"),
            ("AZURE_API_VERSION", "2024-10-21"),
        ]);
        let e = endpoint(Provider::Azure, &CallCredentials::default(), &s, false).unwrap();
        assert_eq!(e.api_version.as_deref(), Some("2024-10-21"));
    }

    #[test]
    fn compat_key_from_alternate_env() {
        let s = settings(&[("TOGETHER_API_KEY", "t")]);
        let p = Provider::Compat(host("together_ai").unwrap());
        let e = endpoint(p, &CallCredentials::default(), &s, false).unwrap();
        assert_eq!(e.api_key.as_deref(), Some("t"));
        assert_eq!(e.api_base, "https://api.together.xyz/v1");
    }
}
