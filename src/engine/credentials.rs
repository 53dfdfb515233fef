//! Where a call's key, base URL, API version and headers come from, with litellm's precedence:
//! the call's arguments, then module settings (`litellm.<provider>_key`, `litellm.api_key`, ...),
//! then the provider's environment variables, then the provider's default. Which variables a
//! provider reads is the provider's own answer (`Provider::key_sources`).

use crate::error::{ErrorKind, LlmError, Result};
use crate::providers::contract::{Credentials, Provider};

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
    /// `azure_ad_token=`, or what `azure_ad_token_provider` returned.
    pub bearer_token: Option<String>,
    pub headers: Vec<(String, String)>,
}

pub fn non_empty(v: Option<String>) -> Option<String> {
    v.filter(|s| !s.trim().is_empty())
}

pub fn first_env(s: &dyn Settings, names: &[&str]) -> Option<String> {
    names.iter().find_map(|n| non_empty(s.env(n)))
}

/// Resolve the credentials of a call to `p`. `is_mock` skips the checks a real request needs.
pub fn resolve<P: Provider + ?Sized>(
    p: &P,
    call: &CallCredentials,
    s: &dyn Settings,
    is_mock: bool,
) -> Result<Credentials> {
    let ks = p.key_sources();
    let module_key = non_empty(s.module_str(&format!("{}_key", p.name())));
    let generic_key = non_empty(s.module_str("api_key"));
    let module_choice = if ks.generic_key_first {
        generic_key.or(module_key)
    } else {
        module_key.or(generic_key)
    };
    let api_key = non_empty(call.api_key.clone())
        .or(module_choice)
        .or_else(|| first_env(s, ks.key_env));
    let api_base = non_empty(call.api_base.clone())
        .or_else(|| non_empty(s.module_str("api_base")))
        .or_else(|| first_env(s, ks.base_env))
        .or_else(|| ks.default_base.map(str::to_string));
    let mut creds = Credentials {
        api_base: api_base.unwrap_or_default(),
        api_key,
        api_version: non_empty(call.api_version.clone()),
        organization: non_empty(call.organization.clone()),
        bearer_token: non_empty(call.bearer_token.clone()),
        extra_headers: call.headers.clone(),
    };
    p.complete_credentials(call, s, &mut creds);

    if !is_mock {
        let has_credential = creds.api_key.is_some() || creds.bearer_token.is_some();
        if !has_credential && !ks.key_optional {
            let vars = ks.key_env.join(" or ");
            return Err(LlmError::new(
                ErrorKind::AuthenticationError,
                format!(
                    "Missing {} API key: pass api_key=..., set litellm.api_key, or set the {vars} \
                     environment variable",
                    p.name()
                ),
            ));
        }
        if creds.api_base.is_empty() {
            let vars = ks.base_env.join(" or ");
            return Err(LlmError::bad_request(format!(
                "Missing API base for {}: pass api_base=... or set the {vars} environment variable",
                p.name()
            )));
        }
    }
    Ok(creds)
}

/// The `exp` claim of a JWT (`header.payload.signature`, base64url), if it has one.
pub fn jwt_expiry(token: &str) -> Option<std::time::SystemTime> {
    let payload = token.split('.').nth(1)?;
    let bytes = base64url_decode(payload)?;
    let claims: serde_json::Value = serde_json::from_slice(&bytes).ok()?;
    let exp = claims.get("exp")?.as_f64()?;
    (exp.is_finite() && exp > 0.0 && exp < 1e11)
        .then(|| std::time::UNIX_EPOCH + std::time::Duration::from_secs_f64(exp))
}

fn base64url_decode(s: &str) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(s.len() * 3 / 4);
    let (mut acc, mut bits) = (0u32, 0u32);
    for c in s.bytes() {
        let v = match c {
            b'A'..=b'Z' => c - b'A',
            b'a'..=b'z' => c - b'a' + 26,
            b'0'..=b'9' => c - b'0' + 52,
            b'-' | b'+' => 62,
            b'_' | b'/' => 63,
            b'=' => break,
            _ => return None,
        };
        acc = (acc << 6) | u32::from(v);
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push((acc >> bits) as u8);
            acc &= (1 << bits) - 1;
        }
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::prepare::tests::MapSettings;
    use crate::providers::azure;
    use crate::providers::registry::get;

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
        let e = resolve(get("openai").unwrap(), &call, &s, false).unwrap();
        assert_eq!(e.api_key.as_deref(), Some("arg"));
        assert_eq!(e.api_base, "http://env-base/v1");
        let e = resolve(
            get("openai").unwrap(),
            &CallCredentials::default(),
            &s,
            false,
        )
        .unwrap();
        assert_eq!(e.api_key.as_deref(), Some("module-generic"));
        let s2 = settings(&[
            ("litellm.anthropic_key", "module-provider"),
            ("litellm.api_key", "module-generic"),
        ]);
        let e = resolve(
            get("anthropic").unwrap(),
            &CallCredentials::default(),
            &s2,
            false,
        )
        .unwrap();
        assert_eq!(e.api_key.as_deref(), Some("module-provider"));
        let s = settings(&[("OPENAI_API_KEY", "env")]);
        let e = resolve(
            get("openai").unwrap(),
            &CallCredentials::default(),
            &s,
            false,
        )
        .unwrap();
        assert_eq!(e.api_key.as_deref(), Some("env"));
        assert_eq!(e.api_base, "https://api.openai.com/v1");
    }

    #[test]
    fn missing_key_names_the_variable() {
        let s = settings(&[]);
        let err = resolve(
            get("anthropic").unwrap(),
            &CallCredentials::default(),
            &s,
            false,
        )
        .unwrap_err();
        assert_eq!(err.kind, ErrorKind::AuthenticationError);
        assert!(err.message.contains("ANTHROPIC_API_KEY"));
        let g = get("groq").unwrap();
        let err = resolve(g, &CallCredentials::default(), &s, false).unwrap_err();
        assert!(err.message.contains("GROQ_API_KEY"));
        // Self-hosted servers need a base but no key.
        let v = get("hosted_vllm").unwrap();
        let err = resolve(v, &CallCredentials::default(), &s, false).unwrap_err();
        assert!(err.message.contains("HOSTED_VLLM_API_BASE"));
        let s = settings(&[("HOSTED_VLLM_API_BASE", "http://127.0.0.1:8000/v1")]);
        assert!(resolve(v, &CallCredentials::default(), &s, false).is_ok());
    }

    #[test]
    fn azure_version_and_token() {
        let s = settings(&[
            ("AZURE_API_BASE", "https://r.openai.azure.com"),
            ("AZURE_AD_TOKEN", "tok"),
        ]);
        let e = resolve(
            get("azure").unwrap(),
            &CallCredentials::default(),
            &s,
            false,
        )
        .unwrap();
        assert_eq!(e.api_version.as_deref(), Some(azure::DEFAULT_API_VERSION));
        assert_eq!(e.bearer_token.as_deref(), Some("tok"));
        let s = settings(&[
            ("AZURE_API_BASE", "https://r"),
            ("AZURE_API_KEY", "k"),
            ("AZURE_API_VERSION", "2024-10-21"),
        ]);
        let e = resolve(
            get("azure").unwrap(),
            &CallCredentials::default(),
            &s,
            false,
        )
        .unwrap();
        assert_eq!(e.api_version.as_deref(), Some("2024-10-21"));
    }

    #[test]
    fn compat_key_from_alternate_env() {
        let s = settings(&[("TOGETHER_API_KEY", "t")]);
        let p = get("together_ai").unwrap();
        let e = resolve(p, &CallCredentials::default(), &s, false).unwrap();
        assert_eq!(e.api_key.as_deref(), Some("t"));
        assert_eq!(e.api_base, "https://api.together.xyz/v1");
    }

    #[test]
    fn reads_the_expiry_of_a_jwt() {
        // {"alg":"none"} . {"exp":2000000000} . (no signature)
        let t = "eyJhbGciOiJub25lIn0.eyJleHAiOjIwMDAwMDAwMDB9.";
        assert_eq!(
            jwt_expiry(t),
            Some(std::time::UNIX_EPOCH + std::time::Duration::from_secs(2_000_000_000))
        );
        assert_eq!(jwt_expiry("not-a-jwt"), None);
        assert_eq!(base64url_decode("aGk").as_deref(), Some(&b"hi"[..]));
    }
}
