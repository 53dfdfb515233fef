//! The provider contract: everything the engine may ask of a provider, as one trait. A provider
//! is a module implementing `Provider`, listed in `registry`; nothing outside the registry names
//! a provider. Implementations are pure: they build requests and read responses, stream events
//! and error bodies, but never send anything (the engine does, once, for all of them).

use std::fmt::Debug;
use std::future::Future;
use std::pin::Pin;

use serde_json::{Map, Value};

use crate::engine::credentials::{self, CallCredentials, Settings};
use crate::error::{ErrorFacts, ErrorKind, LlmError, Result, TimeoutFacts};
use crate::http::client::HttpRequest;
use crate::http::sse::SseEvent;
use crate::types::{ChatRequest, ProviderChunk};

pub use crate::types::Api;

/// An embeddings request in OpenAI's shape.
#[derive(Debug, Clone, Default)]
pub struct EmbeddingRequest {
    /// The model id the provider expects (prefix stripped).
    pub model: String,
    /// Strings or token arrays, always a list here (a single input is wrapped).
    pub input: Vec<Value>,
    /// OpenAI parameters (dimensions, encoding_format, user) and pass-through kwargs.
    pub params: Map<String, Value>,
    pub extra_body: Map<String, Value>,
}

/// A request to one endpoint, before provider translation.
#[derive(Debug, Clone)]
pub enum Request {
    Chat(ChatRequest),
    Embedding(EmbeddingRequest),
}

impl Request {
    pub fn api(&self) -> Api {
        match self {
            Request::Chat(_) => Api::Chat,
            Request::Embedding(_) => Api::Embeddings,
        }
    }

    pub fn model(&self) -> &str {
        match self {
            Request::Chat(r) => &r.model,
            Request::Embedding(r) => &r.model,
        }
    }

    pub fn params(&self) -> &Map<String, Value> {
        match self {
            Request::Chat(r) => &r.params,
            Request::Embedding(r) => &r.params,
        }
    }

    pub fn params_mut(&mut self) -> &mut Map<String, Value> {
        match self {
            Request::Chat(r) => &mut r.params,
            Request::Embedding(r) => &mut r.params,
        }
    }

    /// The chat request, for code that only runs for chat calls.
    pub fn chat(&self) -> Option<&ChatRequest> {
        match self {
            Request::Chat(r) => Some(r),
            Request::Embedding(_) => None,
        }
    }

    pub fn is_stream(&self) -> bool {
        self.chat().is_some_and(|r| r.stream)
    }
}

/// Credentials and addressing for one call, resolved from arguments, module settings and the
/// environment.
#[derive(Debug, Clone, Default)]
pub struct Credentials {
    pub api_base: String,
    pub api_key: Option<String>,
    pub api_version: Option<String>,
    pub organization: Option<String>,
    /// An Entra ID bearer token (Azure), given or from a token provider.
    pub bearer_token: Option<String>,
    /// `headers` / `extra_headers` from the call, sent last so they win.
    pub extra_headers: Vec<(String, String)>,
}

/// Where a provider's key and base URL come from, in litellm's precedence: the call's
/// arguments, `litellm.<module_key>` / `litellm.api_key`, the environment, the default.
#[derive(Debug, Clone, Copy)]
/// The provider's own module setting is always `litellm.<name>_key` (`litellm.openai_key`,
/// `litellm.groq_key`, ...).
pub struct KeySources {
    /// `litellm.api_key` is read before `module_key` (litellm's OpenAI and Azure paths).
    pub generic_key_first: bool,
    pub key_env: &'static [&'static str],
    pub base_env: &'static [&'static str],
    pub default_base: Option<&'static str>,
    /// Self-hosted servers need no key.
    pub key_optional: bool,
}

pub use crate::http::framing::Framing;

/// What one stream event produced, on the chunk contract all providers share.
#[derive(Debug, Default)]
pub struct StreamStep {
    pub chunks: Vec<ProviderChunk>,
    /// The provider said the stream is complete (`[DONE]`, `message_stop`).
    pub done: bool,
}

/// Translates one provider's stream events onto the shared chunk contract.
pub trait StreamTranslator: Send {
    fn on_event(&mut self, ev: &SseEvent) -> Result<StreamStep>;

    /// The body ended (without a transport error): an error if the provider's stream is
    /// incomplete by its own rules.
    fn finish(&mut self) -> Result<()> {
        Ok(())
    }
}

/// The asynchronous auth step's future (request signing, OAuth tokens).
pub type AuthFuture<'a> = Pin<Box<dyn Future<Output = Result<HttpRequest>> + Send + 'a>>;

/// One provider: its names, credentials, parameters, wire format and error facts.
pub trait Provider: Debug + Send + Sync + 'static {
    /// litellm's provider name (the model prefix), e.g. `openai`, `groq`.
    fn name(&self) -> &'static str;

    /// Where the key and base URL come from.
    fn key_sources(&self) -> KeySources;

    /// Fill in what only this provider reads (API version, organization, tokens) after the
    /// shared key/base resolution.
    fn complete_credentials(
        &self,
        _call: &CallCredentials,
        _s: &dyn Settings,
        _c: &mut Credentials,
    ) {
    }

    /// Resolve the credentials of a call; `is_mock` skips the checks a real request needs.
    fn credentials(
        &self,
        call: &CallCredentials,
        s: &dyn Settings,
        is_mock: bool,
    ) -> Result<Credentials> {
        credentials::resolve(self, call, s, is_mock)
    }

    /// Attempts beyond the first when the caller sets no retry count.
    fn default_max_retries(&self) -> u32 {
        2
    }

    /// The endpoints this provider serves.
    fn supports_api(&self, api: Api) -> bool {
        api == Api::Chat
    }

    /// The OpenAI parameters accepted on `api` (`get_supported_openai_params`, without
    /// `stream`).
    fn supported_params(&self, api: Api) -> Vec<&'static str>;

    /// The HTTP request for `req`.
    fn build_request(&self, req: &Request, creds: &Credentials) -> Result<HttpRequest>;

    /// A successful non-streaming body, as the OpenAI-shaped response of `req`'s endpoint.
    fn parse_response(&self, req: &Request, body: &[u8]) -> Result<Value>;

    /// The facts of an error body: message, type, code.
    fn error_facts(&self, body: &str) -> ErrorFacts;

    /// litellm's class and reported status for an error this provider answered with: the
    /// shared classification (status, then code, then text) unless the provider's litellm
    /// path maps differently.
    fn classify(&self, status: u16, facts: &ErrorFacts, raw_body: &str) -> (ErrorKind, u16) {
        crate::error::classify_status(status, facts, raw_body)
    }

    /// litellm's name for errors from this provider (`OpenAIException`, `GroqException`).
    fn exception_title(&self) -> String {
        title_exception(self.name())
    }

    /// The exception message litellm shows for an error this provider answered with.
    fn exception_message(&self, e: &LlmError) -> String {
        openai_style_message(&self.exception_title(), e)
    }

    /// What litellm reports when a 2xx body is not the JSON it should be.
    fn malformed_body_kind(&self) -> ErrorKind {
        ErrorKind::APIConnectionError
    }

    /// Whether a failure after the stream started is reported as a `MidStreamFallbackError`
    /// around the original error (litellm does for most; the OpenAI SDK's own timeouts
    /// surface as they are).
    fn wraps_mid_stream(&self, _e: &LlmError) -> bool {
        true
    }

    /// litellm's wording of a timeout on this provider.
    fn timeout_message(&self, t: &TimeoutFacts) -> String {
        httpx_timeout_message(&self.exception_title(), t)
    }

    /// Whether litellm attaches `litellm_debug_info` (model, API base, messages) to this
    /// provider's errors.
    fn debug_info_in_errors(&self) -> bool {
        true
    }

    /// How streamed bodies are framed.
    fn framing(&self) -> Framing {
        Framing::Sse
    }

    /// A translator for one streamed response to `req`.
    fn stream_translator(&self, req: &ChatRequest) -> Box<dyn StreamTranslator>;

    /// Whether litellm's path for this provider gives every choice of a response an empty
    /// `provider_specific_fields` (its OpenAI-style paths do; some native ones do not).
    fn empty_provider_fields_on_choices(&self) -> bool {
        true
    }

    /// The `model` a finished response reports, from the model the provider named.
    fn response_model(&self, provider_model: &str) -> String {
        provider_model.to_string()
    }

    /// The last step before sending: sign the request or attach a fresh token. May wait.
    fn authorize<'a>(&'a self, req: HttpRequest, _creds: &'a Credentials) -> AuthFuture<'a> {
        Box::pin(std::future::ready(Ok(req)))
    }
}

/// "OpenAIException"-style names: the provider's name with its first letter upper-cased.
pub fn title_exception(provider: &str) -> String {
    let mut c = provider.chars();
    match c.next() {
        Some(f) => format!("{}{}Exception", f.to_uppercase(), c.as_str()),
        None => "LiteLLMException".into(),
    }
}

/// Did the provider (or the connection to it) produce this error, as opposed to ferrolite's own
/// checks? Only those get the provider's wording.
pub fn from_provider(e: &LlmError) -> bool {
    e.upstream_status != 0
        || e.body.is_some()
        || e.mid_stream
        || matches!(e.kind, ErrorKind::APIConnectionError)
}

/// A JSON POST for the native providers: `headers` are the provider's own (content type, key
/// header when a key is set), then the caller's `headers` / `extra_headers`, which replace
/// ours of the same name.
pub fn json_post(
    url: String,
    body: &Value,
    mut headers: Vec<(String, String)>,
    key_header: Option<(&str, String)>,
    creds: &Credentials,
) -> Result<HttpRequest> {
    if let (Some((name, value)), Some(_)) = (
        key_header,
        creds.api_key.as_deref().filter(|k| !k.is_empty()),
    ) {
        headers.push((name.to_string(), value));
    }
    for (k, v) in &creds.extra_headers {
        headers.retain(|(h, _)| !h.eq_ignore_ascii_case(k));
        headers.push((k.clone(), v.clone()));
    }
    let body = serde_json::to_vec(body)
        .map_err(|e| LlmError::bad_request(format!("Cannot serialise the request: {e}")))?;
    Ok(HttpRequest {
        method: reqwest::Method::POST,
        url,
        headers,
        body: body.into(),
    })
}

/// The key of `creds` as `Authorization: Bearer <key>` (for [`json_post`]).
pub fn bearer(creds: &Credentials) -> Option<(&'static str, String)> {
    creds
        .api_key
        .as_deref()
        .map(|k| ("authorization", format!("Bearer {k}")))
}

/// Facts of an error body whose message is the string at `field` (`{"error": "..."}` for
/// Ollama, `{"message": "..."}` for Cohere); other bodies are read the generic way.
pub fn string_field_facts(body: &str, field: &str) -> ErrorFacts {
    let parsed = serde_json::from_str::<Value>(body.trim()).ok();
    match parsed
        .as_ref()
        .and_then(|v| v.get(field))
        .and_then(Value::as_str)
    {
        Some(m) => ErrorFacts {
            message: m.to_string(),
            error_type: None,
            code: None,
        },
        None => crate::providers::openai::error::error_facts(body),
    }
}

/// The provider's own words for an error: the raw body of an HTTP answer, or the message of an
/// error that arrived inside a stream (litellm shows these for its native provider paths).
pub fn raw_error_text(e: &LlmError) -> String {
    match e.body.as_deref() {
        Some(b) if !e.mid_stream && !b.is_empty() => String::from_utf8_lossy(b).into_owned(),
        _ => e.message.clone(),
    }
}

/// The classes litellm names again inside the message ("RateLimitError: OpenAIException - ").
pub fn class_is_repeated(kind: ErrorKind) -> bool {
    matches!(
        kind,
        ErrorKind::AuthenticationError
            | ErrorKind::NotFoundError
            | ErrorKind::RateLimitError
            | ErrorKind::InternalServerError
            | ErrorKind::ServiceUnavailableError
            | ErrorKind::ContextWindowExceededError
            | ErrorKind::BadGatewayError
            | ErrorKind::APIConnectionError
            | ErrorKind::APIError
    )
}

/// The wording litellm uses for OpenAI-shaped providers: "<Class>: <Title> - <message>", the
/// class repeated only for the kinds litellm repeats it for. Local errors keep their text.
pub fn openai_style_message(title: &str, e: &LlmError) -> String {
    if !from_provider(e) {
        return e.message.clone();
    }
    if class_is_repeated(e.kind) {
        format!("{}: {title} - {}", e.kind.class_name(), e.message)
    } else {
        format!("{title} - {}", e.message)
    }
}

/// The OpenAI SDK's timeout wording (litellm's OpenAI and Azure paths).
pub fn sdk_timeout_message(t: &TimeoutFacts) -> String {
    let _ = t;
    "APITimeoutError - Request timed out. Error_str: Request timed out.".into()
}

/// litellm's wording for timeouts on its own httpx paths: a read that timed out before the
/// headers names the limit and the time taken; a stalled stream says "timed out".
pub fn httpx_timeout_message(title: &str, t: &TimeoutFacts) -> String {
    if t.in_stream {
        return "APITimeoutError - Request timed out. Error_str: timed out".into();
    }
    format!(
        "{title} - litellm.Timeout: Read timed out. Timeout passed={}, time taken={:.3} seconds",
        crate::types::pyrepr::repr(&serde_json::json!(t.limit_secs)),
        t.elapsed_secs
    )
}

/// The error a provider gives for an endpoint it does not serve.
pub fn unsupported_api(provider: &dyn Provider, api: Api) -> LlmError {
    LlmError::new(
        ErrorKind::UnsupportedEndpointError,
        format!(
            "{} does not support {} in ferrolite",
            provider.name(),
            api.name()
        ),
    )
    .with_status(400)
}
