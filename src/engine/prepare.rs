//! Turning what the caller passed into a runnable call, on the caller's thread: provider and
//! credentials resolved, parameters checked, durations validated, the HTTP request built once.

use std::time::Duration;

use serde_json::{Map, Value};

use crate::engine::context::CallContext;
use crate::engine::credentials::{CallCredentials, Settings};
use crate::error::{ErrorKind, LlmError, Result};
use crate::http::client::{
    secs_to_duration, HttpRequest, ProxySettings, Timeouts, TlsVerify, TransportConfig, FOREVER,
};
use crate::providers::{
    self, params, registry, Api, Credentials, EmbeddingRequest, Provider, Request,
};
use crate::types::ChatRequest;

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
    /// Raise this litellm exception kind with the message (and status, when given).
    Raise(ErrorKind, String),
    /// Reply normally, then fail mid-stream (`"Exception: mock_streaming_error"`).
    StreamError(String),
    /// Fail as if the provider had answered with this status and message
    /// (`mock_response=<an exception>` that is not one of litellm's own).
    Fail { status: u16, message: String },
}

/// Everything the caller passed, already converted from Python values.
#[derive(Debug, Clone, Default)]
pub struct CallSpec {
    pub api: Option<Api>,
    pub model: String,
    pub messages: Vec<Value>,
    /// Embeddings input (a list; a single input is wrapped).
    pub input: Vec<Value>,
    pub stream: bool,
    /// OpenAI parameters and unknown pass-through kwargs, in call order (no None values).
    pub params: Map<String, Value>,
    pub extra_body: Map<String, Value>,
    pub custom_llm_provider: Option<String>,
    pub credentials: CallCredentials,
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
    /// The context the call carries (metadata, tags, call id, observers, ...).
    pub ctx: CallContext,
}

/// Size caps on what a provider may send back.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// A whole non-streaming (or error) body.
    pub max_body_bytes: usize,
    /// One line of a streamed body.
    pub max_line_bytes: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_body_bytes: 64 << 20,
            max_line_bytes: 16 << 20,
        }
    }
}

/// A call ready to run: provider chosen, credentials found, request built.
#[derive(Debug, Clone)]
pub struct PreparedCall {
    pub provider: Option<&'static dyn Provider>,
    /// litellm's provider name (also for mocks of providers this engine cannot call).
    pub provider_name: String,
    /// The model id sent to the provider (prefix stripped).
    pub model: String,
    /// The model string as the caller passed it.
    pub requested_model: String,
    pub request: Request,
    pub credentials: Credentials,
    pub http: Option<HttpRequest>,
    pub timeouts: Timeouts,
    pub transport: TransportConfig,
    pub limits: Limits,
    /// Attempts beyond the first.
    pub max_retries: u32,
    pub mock: Option<MockSpec>,
    pub mock_tool_calls: Option<Value>,
    pub mock_delay: Option<Duration>,
    pub mock_timeout: bool,
    pub ctx: CallContext,
}

impl PreparedCall {
    pub fn is_mock(&self) -> bool {
        self.mock.is_some() || self.mock_tool_calls.is_some() || self.mock_timeout
    }

    /// A mock that does not wait: it can be answered without the runtime, on any thread.
    pub fn answers_immediately(&self) -> bool {
        self.is_mock() && self.mock_delay.is_none() && !self.mock_timeout
    }

    pub fn is_stream(&self) -> bool {
        self.request.is_stream()
    }

    /// The chat request (mocks of other endpoints and stream code only see chat calls).
    pub fn chat(&self) -> Option<&ChatRequest> {
        self.request.chat()
    }

    /// `stream_options.include_usage` was asked for.
    pub fn include_usage(&self) -> bool {
        self.chat().is_some_and(|r| r.include_usage)
    }
}

/// Module-level settings that shape every call (read by the binding on the caller's thread).
#[derive(Debug, Clone)]
pub struct GlobalSettings {
    pub drop_params: bool,
    pub num_retries: Option<u32>,
    pub request_timeout: f64,
    pub verify: TlsVerify,
    pub proxy: ProxySettings,
    pub limits: Limits,
    /// `litellm.use_litellm_proxy` / `USE_LITELLM_PROXY`: every call goes to the LiteLLM proxy.
    pub use_litellm_proxy: bool,
}

impl Default for GlobalSettings {
    fn default() -> Self {
        GlobalSettings {
            drop_params: false,
            num_retries: None,
            request_timeout: 6000.0,
            verify: TlsVerify::Platform,
            proxy: ProxySettings::default(),
            limits: Limits::default(),
            use_litellm_proxy: false,
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

/// Seconds from user input: finite or infinite, never negative or NaN.
pub fn checked_secs(secs: f64, what: &str) -> Result<Duration> {
    if secs.is_nan() || secs < 0.0 {
        return Err(LlmError::bad_request(format!(
            "{what} must be a non-negative number of seconds, got {secs}"
        )));
    }
    Ok(secs_to_duration(secs))
}

fn timeouts_of(spec: Option<TimeoutSpec>, global: &GlobalSettings) -> Result<Timeouts> {
    Ok(
        match spec.unwrap_or(TimeoutSpec::Uniform(global.request_timeout)) {
            TimeoutSpec::Uniform(s) => {
                let d = checked_secs(s, "timeout")?;
                Timeouts {
                    connect: d,
                    read: d,
                }
            }
            TimeoutSpec::Phases { connect, read } => Timeouts {
                connect: checked_secs(connect, "timeout.connect")?,
                read: checked_secs(read, "timeout.read")?,
            },
        },
    )
}

fn unsupported_provider(provider: &str, model: &str) -> LlmError {
    LlmError::bad_request(format!(
        "ferrolite does not support provider '{provider}' yet (model='{model}'). Supported \
         providers: {}.",
        registry::names().join(", ")
    ))
}

/// Turn what the caller passed into a runnable call. Runs on the caller's thread.
pub fn prepare(
    spec: CallSpec,
    settings: &dyn Settings,
    global: &GlobalSettings,
) -> Result<PreparedCall> {
    let api = spec.api.unwrap_or(Api::Chat);
    if spec.model.trim().is_empty() {
        return Err(LlmError::bad_request(
            "model is required, e.g. completion(model='gpt-4o', messages=[...])",
        ));
    }
    let res = providers::resolve_routed(
        &spec.model,
        spec.custom_llm_provider.as_deref(),
        spec.credentials.api_base.as_deref(),
        global.use_litellm_proxy,
    )
    .map_err(|e| e.with_context("", &spec.model))?;
    let in_context = |e: LlmError| e.with_context(&res.provider, &res.model);
    match api {
        Api::Chat => validate_messages(&spec.messages).map_err(in_context)?,
        Api::Embeddings => validate_input(&spec.input).map_err(in_context)?,
    }
    let provider = registry::get(&res.provider);
    let timeouts = timeouts_of(spec.timeout, global).map_err(in_context)?;
    let transport = TransportConfig {
        verify: global.verify.clone(),
        proxy: global.proxy.clone(),
    };
    let mut request = match api {
        Api::Chat => {
            let include_usage = spec
                .params
                .get("stream_options")
                .and_then(|o| o.get("include_usage"))
                .and_then(Value::as_bool)
                .unwrap_or(false);
            Request::Chat(ChatRequest {
                model: res.model.clone(),
                messages: spec.messages,
                params: spec.params,
                stream: spec.stream,
                include_usage,
                extra_body: spec.extra_body,
            })
        }
        Api::Embeddings => Request::Embedding(EmbeddingRequest {
            model: res.model.clone(),
            input: spec.input,
            params: spec.params,
            extra_body: spec.extra_body,
        }),
    };
    let mock_delay = spec
        .mock_delay
        .map(|d| {
            if d.is_infinite() || d > FOREVER.as_secs_f64() {
                // A sleep this long is a hang, not a test (Python's own sleep overflows).
                return Err(LlmError::bad_request(format!(
                    "mock_delay must be a finite number of seconds up to {}, got {d}",
                    FOREVER.as_secs()
                )));
            }
            checked_secs(d, "mock_delay")
        })
        .transpose()
        .map_err(in_context)?
        .filter(|d| !d.is_zero());
    let max_retries = spec
        .num_retries
        .or(spec.max_retries)
        .or(global.num_retries)
        .unwrap_or_else(|| provider.map_or(0, |p| p.default_max_retries()));
    let is_mock = spec.mock.is_some() || spec.mock_tool_calls.is_some() || spec.mock_timeout;
    let mut call = PreparedCall {
        provider,
        provider_name: res.provider.clone(),
        model: res.model.clone(),
        requested_model: spec.model,
        request: Request::Chat(ChatRequest::default()),
        credentials: Credentials::default(),
        http: None,
        timeouts,
        transport,
        limits: global.limits,
        max_retries,
        mock: spec.mock,
        mock_tool_calls: spec.mock_tool_calls,
        mock_delay,
        mock_timeout: spec.mock_timeout,
        ctx: spec.ctx,
    };
    let Some(p) = provider else {
        if is_mock {
            // Mocks need no adapter: any provider litellm knows may be mocked.
            call.request = request;
            return Ok(call);
        }
        return Err(in_context(unsupported_provider(
            &res.provider,
            &call.requested_model,
        )));
    };
    if !p.supports_api(api) && !is_mock {
        return Err(in_context(providers::contract::unsupported_api(p, api)));
    }
    let drop = spec.drop_params.unwrap_or(global.drop_params);
    params::check_supported(
        p,
        api,
        &call.requested_model,
        &res.model,
        request.params_mut(),
        drop,
        &spec.allowed_openai_params,
        &spec.additional_drop_params,
    )
    .map_err(in_context)?;
    call.credentials = p
        .credentials(&spec.credentials, settings, is_mock)
        .map_err(in_context)?;
    if !is_mock {
        call.http = Some(
            p.build_request(&request, &call.credentials)
                .map_err(in_context)?,
        );
    }
    call.request = request;
    Ok(call)
}

fn validate_input(input: &[Value]) -> Result<()> {
    if input.is_empty() {
        return Err(LlmError::bad_request(
            "input must be a non-empty string or list, e.g. embedding(model=..., input=['hello'])",
        ));
    }
    for (i, v) in input.iter().enumerate() {
        let ok = match v {
            Value::String(_) => true,
            // Token ids, one list per input.
            Value::Array(a) => a.iter().all(Value::is_u64),
            Value::Number(n) => n.is_u64(),
            _ => false,
        };
        if !ok {
            return Err(LlmError::bad_request(format!(
                "input[{i}] must be a string or a list of token ids, got {}",
                json_type(v)
            )));
        }
    }
    Ok(())
}

#[cfg(test)]
pub(crate) mod tests {
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
        assert_eq!(c.provider.map(|p| p.name()), Some("openai"));
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
