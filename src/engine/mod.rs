//! One chat call end to end: resolve provider and credentials, validate parameters, send with
//! retries and timeouts, translate the answer, price it. Shared by the library and the proxy.
//! Knows nothing about Python: the binding layer hands in a `CallSpec` and gets Rust values back.

pub mod assemble;
pub mod chunks;
pub mod credentials;
pub mod execute;
pub mod mock;
pub mod retry;
pub mod runtime;
pub mod stream;

use std::time::Duration;

use serde_json::{Map, Value};

use crate::error::{ErrorKind, LlmError, Result};
use crate::http::client::{HttpRequest, Timeouts, TlsVerify, TransportConfig};
use crate::providers::{self, params, Endpoint, Provider};
use crate::types::ChatRequest;
pub use credentials::Settings;

/// How long to wait, as the caller expressed it (`timeout=` float or an httpx-like object).
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum TimeoutSpec {
    Uniform(f64),
    Phases { connect: f64, read: f64 },
}

/// A mock answer that never touches the network (`mock_response=`).
#[derive(Debug, Clone, PartialEq)]
pub enum MockSpec {
    /// Reply with this text (streamed in 3-character chunks when streaming).
    Text(String),
    /// Reply with this OpenAI-shaped response object as-is.
    Response(Value),
    /// Raise this litellm exception kind with the message.
    Raise(ErrorKind, String),
    /// Reply normally, then fail mid-stream (`"Exception: mock_streaming_error"`).
    StreamError(String),
}

/// Everything the caller passed, already converted from Python values.
#[derive(Debug, Clone, Default)]
pub struct CallSpec {
    pub model: String,
    pub messages: Vec<Value>,
    pub stream: bool,
    /// OpenAI parameters and unknown pass-through kwargs, in call order (no None values).
    pub params: Map<String, Value>,
    pub extra_body: Map<String, Value>,
    pub custom_llm_provider: Option<String>,
    pub api_key: Option<String>,
    pub api_base: Option<String>,
    pub api_version: Option<String>,
    pub organization: Option<String>,
    pub azure_ad_token: Option<String>,
    pub headers: Vec<(String, String)>,
    pub timeout: Option<TimeoutSpec>,
    pub num_retries: Option<u32>,
    pub max_retries: Option<u32>,
    pub drop_params: Option<bool>,
    pub allowed_openai_params: Vec<String>,
    pub additional_drop_params: Vec<String>,
    pub mock: Option<MockSpec>,
    pub mock_tool_calls: Option<Value>,
    pub mock_delay: Option<f64>,
    pub mock_timeout: bool,
}

/// A call ready to run: provider chosen, credentials found, request built.
#[derive(Debug, Clone)]
pub struct PreparedCall {
    pub provider: Option<Provider>,
    /// litellm's provider name (also for mocks of providers this engine cannot call).
    pub provider_name: String,
    /// The model id sent to the provider (prefix stripped).
    pub model: String,
    /// The model string as the caller passed it.
    pub requested_model: String,
    pub request: ChatRequest,
    pub endpoint: Endpoint,
    pub http: Option<HttpRequest>,
    pub timeouts: Timeouts,
    pub transport: TransportConfig,
    /// Attempts beyond the first.
    pub max_retries: u32,
    pub mock: Option<MockSpec>,
    pub mock_tool_calls: Option<Value>,
    pub mock_delay: Option<Duration>,
    pub mock_timeout: bool,
}

/// Module-level settings that shape every call (read by the binding on the caller's thread).
#[derive(Debug, Clone)]
pub struct GlobalSettings {
    pub drop_params: bool,
    pub num_retries: Option<u32>,
    pub request_timeout: f64,
    pub verify: TlsVerify,
}

impl Default for GlobalSettings {
    fn default() -> Self {
        GlobalSettings {
            drop_params: false,
            num_retries: None,
            request_timeout: 6000.0,
            verify: TlsVerify::Platform,
        }
    }
}

fn validate_messages(messages: &[Value]) -> Result<()> {
    if messages.is_empty() {
        return Err(LlmError::bad_request(
            "messages must be a non-empty list of {'role': ..., 'content': ...} dicts",
        ));
    }
    for (i, m) in messages.iter().enumerate() {
        let Some(obj) = m.as_object() else {
            return Err(LlmError::bad_request(format!(
                "messages[{i}] must be a dict with 'role' and 'content', got {}",
                json_type(m)
            )));
        };
        match obj.get("role") {
            Some(Value::String(r))
                if matches!(
                    r.as_str(),
                    "system" | "developer" | "user" | "assistant" | "tool" | "function"
                ) => {}
            Some(Value::String(r)) => {
                return Err(LlmError::bad_request(format!(
                    "messages[{i}] has invalid role '{r}': expected one of system, developer, \
                     user, assistant, tool, function"
                )))
            }
            _ => {
                return Err(LlmError::bad_request(format!(
                    "messages[{i}] is missing a string 'role'"
                )))
            }
        }
        if obj.get("role").and_then(Value::as_str) == Some("tool")
            && !obj.get("tool_call_id").is_some_and(Value::is_string)
        {
            return Err(LlmError::bad_request(format!(
                "messages[{i}] has role 'tool' but no string 'tool_call_id'"
            )));
        }
    }
    Ok(())
}

fn json_type(v: &Value) -> &'static str {
    match v {
        Value::Null => "None",
        Value::Bool(_) => "bool",
        Value::Number(_) => "number",
        Value::String(_) => "str",
        Value::Array(_) => "list",
        Value::Object(_) => "dict",
    }
}

fn timeouts_of(spec: Option<TimeoutSpec>, global: &GlobalSettings) -> Timeouts {
    use crate::http::client::secs_to_duration;
    match spec.unwrap_or(TimeoutSpec::Uniform(global.request_timeout)) {
        TimeoutSpec::Uniform(s) => Timeouts::uniform(s),
        TimeoutSpec::Phases { connect, read } => Timeouts {
            connect: secs_to_duration(connect),
            read: secs_to_duration(read),
        },
    }
}

/// Turn what the caller passed into a runnable call. Runs on the caller's thread.
pub fn prepare(
    spec: CallSpec,
    settings: &dyn Settings,
    global: &GlobalSettings,
) -> Result<PreparedCall> {
    if spec.model.trim().is_empty() {
        return Err(LlmError::bad_request(
            "model is required, e.g. completion(model='gpt-4o', messages=[...])",
        ));
    }
    let api_base_arg = spec.api_base.as_deref();
    let res = providers::resolve(
        &spec.model,
        spec.custom_llm_provider.as_deref(),
        api_base_arg,
    )
    .map_err(|e| e.with_context("", &spec.model))?;
    validate_messages(&spec.messages).map_err(|e| e.with_context(&res.provider, &res.model))?;
    let provider = Provider::from_name(&res.provider);
    let timeouts = timeouts_of(spec.timeout, global);
    let transport = TransportConfig {
        verify: global.verify.clone(),
        connect_timeout_ms: timeouts.connect.as_millis().min(u64::MAX as u128) as u64,
    };
    let include_usage = spec
        .params
        .get("stream_options")
        .and_then(|o| o.get("include_usage"))
        .and_then(Value::as_bool)
        .unwrap_or(false);
    let mut request = ChatRequest {
        model: res.model.clone(),
        messages: spec.messages,
        params: spec.params,
        stream: spec.stream,
        include_usage,
        extra_body: spec.extra_body,
    };
    let mock_delay = spec
        .mock_delay
        .filter(|d| d.is_finite() && *d > 0.0)
        .map(Duration::from_secs_f64);
    let max_retries = spec
        .num_retries
        .or(spec.max_retries)
        .or(global.num_retries)
        .unwrap_or_else(|| provider.map_or(0, Provider::default_max_retries));

    let is_mock = spec.mock.is_some() || spec.mock_tool_calls.is_some() || spec.mock_timeout;
    let Some(p) = provider else {
        if is_mock {
            // Mocks need no adapter: any provider litellm knows may be mocked.
            return Ok(PreparedCall {
                provider: None,
                provider_name: res.provider,
                model: res.model,
                requested_model: spec.model,
                request,
                endpoint: Endpoint::default(),
                http: None,
                timeouts,
                transport,
                max_retries,
                mock: spec.mock,
                mock_tool_calls: spec.mock_tool_calls,
                mock_delay,
                mock_timeout: spec.mock_timeout,
            });
        }
        return Err(LlmError::bad_request(format!(
            "ferrolite does not support provider '{}' yet (model='{}'). Supported providers: \
             openai, azure, anthropic and the OpenAI-compatible hosts ({}).",
            res.provider,
            spec.model,
            providers::openai_compat::HOSTS
                .iter()
                .map(|h| h.name)
                .collect::<Vec<_>>()
                .join(", ")
        ))
        .with_context(&res.provider, &res.model));
    };
    let drop = spec.drop_params.unwrap_or(global.drop_params);
    params::check_supported(
        p,
        &mut request,
        drop,
        &spec.allowed_openai_params,
        &spec.additional_drop_params,
    )
    .map_err(|e| e.with_context(p.name(), &res.model))?;
    let endpoint = credentials::endpoint(
        p,
        &credentials::CallCredentials {
            api_key: spec.api_key,
            api_base: spec.api_base,
            api_version: spec.api_version,
            organization: spec.organization,
            azure_ad_token: spec.azure_ad_token,
            headers: spec.headers,
        },
        settings,
        is_mock,
    )
    .map_err(|e| e.with_context(p.name(), &res.model))?;
    let http = if is_mock {
        None
    } else {
        Some(
            providers::build_request(p, &request, &endpoint)
                .map_err(|e| e.with_context(p.name(), &res.model))?,
        )
    };
    Ok(PreparedCall {
        provider: Some(p),
        provider_name: p.name().to_string(),
        model: res.model,
        requested_model: spec.model,
        request,
        endpoint,
        http,
        timeouts,
        transport,
        max_retries,
        mock: spec.mock,
        mock_tool_calls: spec.mock_tool_calls,
        mock_delay,
        mock_timeout: spec.mock_timeout,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;
    use std::collections::HashMap;

    pub(crate) struct MapSettings(pub HashMap<String, String>);
    impl Settings for MapSettings {
        fn module_str(&self, name: &str) -> Option<String> {
            self.0.get(&format!("litellm.{name}")).cloned()
        }
        fn env(&self, name: &str) -> Option<String> {
            self.0.get(name).cloned()
        }
    }

    fn spec(model: &str) -> CallSpec {
        CallSpec {
            model: model.into(),
            messages: vec![json!({"role": "user", "content": "hi"})],
            ..Default::default()
        }
    }

    fn env(pairs: &[(&str, &str)]) -> MapSettings {
        MapSettings(
            pairs
                .iter()
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect(),
        )
    }

    #[test]
    fn openai_call_is_prepared() {
        let s = env(&[("OPENAI_API_KEY", "sk-env")]);
        let c = prepare(spec("gpt-4o"), &s, &GlobalSettings::default()).unwrap();
        assert_eq!(c.provider, Some(Provider::OpenAI));
        assert_eq!(c.max_retries, 2);
        let http = c.http.unwrap();
        assert_eq!(http.url, "https://api.openai.com/v1/chat/completions");
    }

    #[test]
    fn bad_messages_are_rejected_with_names() {
        let s = env(&[("OPENAI_API_KEY", "k")]);
        let g = GlobalSettings::default();
        let mut sp = spec("gpt-4o");
        sp.messages = vec![];
        assert!(prepare(sp, &s, &g)
            .unwrap_err()
            .message
            .contains("non-empty"));
        let mut sp = spec("gpt-4o");
        sp.messages = vec![json!("hi")];
        assert!(prepare(sp, &s, &g)
            .unwrap_err()
            .message
            .contains("messages[0]"));
        let mut sp = spec("gpt-4o");
        sp.messages = vec![json!({"role": "wizard", "content": "x"})];
        assert!(prepare(sp, &s, &g).unwrap_err().message.contains("wizard"));
        let e = prepare(spec(""), &s, &g).unwrap_err();
        assert!(e.message.contains("model is required"));
    }

    #[test]
    fn unsupported_provider_is_named_but_mockable() {
        let s = env(&[]);
        let g = GlobalSettings::default();
        let e = prepare(spec("bedrock/anthropic.claude-v2"), &s, &g).unwrap_err();
        assert!(e.message.contains("'bedrock'"), "{}", e.message);
        let mut sp = spec("bedrock/anthropic.claude-v2");
        sp.mock = Some(MockSpec::Text("hi".into()));
        assert!(prepare(sp, &s, &g).is_ok());
    }

    #[test]
    fn retry_counts() {
        let s = env(&[("ANTHROPIC_API_KEY", "k"), ("OPENAI_API_KEY", "k")]);
        let g = GlobalSettings::default();
        let mut sp = spec("anthropic/claude-3-haiku-20240307");
        sp.mock = Some(MockSpec::Text("x".into()));
        assert_eq!(prepare(sp, &s, &g).unwrap().max_retries, 0);
        let mut sp = spec("gpt-4o");
        sp.max_retries = Some(0);
        assert_eq!(prepare(sp, &s, &g).unwrap().max_retries, 0);
        let mut sp = spec("gpt-4o");
        sp.num_retries = Some(5);
        sp.max_retries = Some(1);
        assert_eq!(prepare(sp, &s, &g).unwrap().max_retries, 5);
    }
}
