//! The pooled HTTP clients (one per transport configuration) and sending with per-phase timeouts.
//! Timeouts follow httpx: connect, time to response headers, and the gap between body bytes are
//! each bounded; the total is not, so long streams live.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use bytes::Bytes;
use reqwest::{Client, Method};

use crate::error::{LlmError, Result, TimeoutFacts};

/// How TLS certificates are checked (`litellm.ssl_verify`, `SSL_CERT_FILE`, `REQUESTS_CA_BUNDLE`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
pub enum TlsVerify {
    /// Platform roots.
    #[default]
    Platform,
    /// No verification (`ssl_verify=False`).
    Off,
    /// Only the certificates in this PEM bundle.
    CaBundle(String),
}

/// Proxies from `HTTP(S)_PROXY` / `ALL_PROXY` / `NO_PROXY`, read on the caller's thread (the
/// engine never reads the environment itself).
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
pub struct ProxySettings {
    pub http: Option<String>,
    pub https: Option<String>,
    pub all: Option<String>,
    pub no_proxy: Option<String>,
}

/// Everything that makes two clients different, and nothing else (timeouts are per call), so
/// the pool holds one client per distinct transport. Calls with equal configs share a pool.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
pub struct TransportConfig {
    pub verify: TlsVerify,
    pub proxy: ProxySettings,
}

/// Per-phase timeouts of one call.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Timeouts {
    pub connect: Duration,
    /// Bounds the wait for response headers and every gap between body chunks.
    pub read: Duration,
}

impl Timeouts {
    pub fn uniform(secs: f64) -> Timeouts {
        let d = secs_to_duration(secs);
        Timeouts {
            connect: d,
            read: d,
        }
    }
}

/// About a year: longer waits behave as "forever" without overflowing timers.
pub const FOREVER: Duration = Duration::from_secs(31_536_000);

/// Seconds (possibly huge, like litellm's 6000 default, or infinite) to a Duration tokio
/// accepts. Zero means "no time at all" in httpx: a tiny positive bound. NaN and negative
/// values are rejected earlier (`engine::checked_secs`) and also become the tiny bound here.
pub fn secs_to_duration(secs: f64) -> Duration {
    if secs.is_nan() || secs <= 0.0 {
        return Duration::from_millis(1);
    }
    if secs >= FOREVER.as_secs_f64() {
        return FOREVER;
    }
    Duration::from_secs_f64(secs)
}

/// A request ready to go on the wire.
#[derive(Debug, Clone)]
pub struct HttpRequest {
    pub method: Method,
    pub url: String,
    pub headers: Vec<(String, String)>,
    pub body: Bytes,
}

/// Response status and headers; the body is read separately so streams can start early.
pub struct HttpResponse {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    inner: reqwest::Response,
}

impl HttpResponse {
    /// The next body chunk, waiting at most `read` for it. `None` at the end of the body.
    pub async fn chunk(&mut self, read: Duration) -> Result<Option<Bytes>> {
        match tokio::time::timeout(read, self.inner.chunk()).await {
            Err(_) => Err(LlmError::timed_out(
                format!(
                    "Request timed out: no data from the provider for {:.1}s",
                    read.as_secs_f64()
                ),
                TimeoutFacts {
                    limit_secs: read.as_secs_f64(),
                    elapsed_secs: read.as_secs_f64(),
                    in_stream: false,
                },
            )),
            Ok(Err(e)) => Err(body_error(e)),
            Ok(Ok(c)) => Ok(c),
        }
    }

    /// The whole body, each gap bounded by `read`, at most `max_bytes` long.
    pub async fn body(&mut self, read: Duration, max_bytes: usize) -> Result<Vec<u8>> {
        let mut out = Vec::new();
        while let Some(c) = self.chunk(read).await? {
            if out.len() + c.len() > max_bytes {
                return Err(too_large(
                    "response body",
                    max_bytes,
                    "max_response_body_bytes",
                ));
            }
            out.extend_from_slice(&c);
        }
        Ok(out)
    }

    pub fn header(&self, name: &str) -> Option<&str> {
        header_value(&self.headers, name)
    }
}

pub fn header_value<'a>(headers: &'a [(String, String)], name: &str) -> Option<&'a str> {
    headers
        .iter()
        .find(|(k, _)| k.eq_ignore_ascii_case(name))
        .map(|(_, v)| v.as_str())
}

/// A provider sent more than the configured cap: a clear error naming the setting to raise.
pub fn too_large(what: &str, max_bytes: usize, setting: &str) -> LlmError {
    LlmError::internal(format!(
        "The provider's {what} exceeded {max_bytes} bytes; raise litellm.{setting} if this is \
         expected"
    ))
}

/// httpx's words for a body that ended early, which litellm shows for cut streams.
pub const CUT_BODY: &str =
    "peer closed connection without sending complete message body (incomplete chunked read)";

fn body_error(e: reqwest::Error) -> LlmError {
    if e.is_timeout() {
        LlmError::timeout(format!("Request timed out: {e}"))
    } else {
        // A cut connection mid-body: the provider went away.
        LlmError::connection(CUT_BODY)
    }
}

fn send_error(e: reqwest::Error, url: &str) -> LlmError {
    if e.is_timeout() {
        return LlmError::timeout(format!("Request timed out. url={url}"));
    }
    let mut detail = e.to_string();
    let mut src = std::error::Error::source(&e);
    while let Some(s) = src {
        detail.push_str(": ");
        detail.push_str(&s.to_string());
        src = s.source();
    }
    if e.is_builder() {
        return LlmError::bad_request(format!("Invalid request URL or headers ({detail})"));
    }
    LlmError::connection(format!("Connection error. {detail}"))
}

/// Send `req` and wait for the response headers, bounded by the call's timeouts.
pub async fn send(client: &Client, req: HttpRequest, t: Timeouts) -> Result<HttpResponse> {
    let url = req.url.clone();
    let mut builder = client.request(req.method, &req.url).body(req.body);
    for (k, v) in &req.headers {
        builder = builder.header(k.as_str(), v.as_str());
    }
    // A fresh connection must connect and answer within connect + read; a pooled one within read.
    let bound = t.read.saturating_add(t.connect.min(t.read));
    let started = std::time::Instant::now();
    let resp = match tokio::time::timeout(bound, builder.send()).await {
        Err(_) => {
            return Err(LlmError::timed_out(
                format!(
                    "Request timed out: no response headers within {:.1}s. url={url}",
                    bound.as_secs_f64()
                ),
                TimeoutFacts {
                    limit_secs: t.read.as_secs_f64(),
                    elapsed_secs: started.elapsed().as_secs_f64(),
                    in_stream: false,
                },
            ))
        }
        Ok(Err(e)) => return Err(send_error(e, &url)),
        Ok(Ok(r)) => r,
    };
    let headers = resp
        .headers()
        .iter()
        .map(|(k, v)| {
            (
                k.as_str().to_string(),
                String::from_utf8_lossy(v.as_bytes()).into_owned(),
            )
        })
        .collect();
    Ok(HttpResponse {
        status: resp.status().as_u16(),
        headers,
        inner: resp,
    })
}

/// Clients are cached per transport configuration. The cache is owned by the runtime
/// generation (see `engine::runtime`) so a forked child never reuses the parent's pools.
#[derive(Default)]
pub struct ClientPool {
    clients: Mutex<HashMap<TransportConfig, Client>>,
}

impl ClientPool {
    pub fn get(&self, cfg: &TransportConfig) -> Result<Client> {
        let mut map = self
            .clients
            .lock()
            .map_err(|_| LlmError::internal("HTTP client pool lock poisoned"))?;
        if let Some(c) = map.get(cfg) {
            return Ok(c.clone());
        }
        let c = build_client(cfg)?;
        map.insert(cfg.clone(), c.clone());
        Ok(c)
    }
}

pub type SharedPool = Arc<ClientPool>;

/// The pools currently built (tests assert that it stays small).
impl ClientPool {
    pub fn len(&self) -> usize {
        self.clients.lock().map(|m| m.len()).unwrap_or(0)
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

fn proxy(url: &str, var: &str, make: MakeProxy) -> Result<reqwest::Proxy> {
    let lower = url.trim().to_ascii_lowercase();
    if lower.starts_with("socks") {
        return Err(LlmError::bad_request(format!(
            "{var}={url}: SOCKS proxies are not supported by ferrolite; use an HTTP(S) proxy \
             (CONNECT) instead"
        )));
    }
    make(url.trim())
        .map_err(|e| LlmError::bad_request(format!("{var}={url} is not a usable proxy URL: {e}")))
}

type MakeProxy = fn(&str) -> reqwest::Result<reqwest::Proxy>;

fn with_proxies(b: reqwest::ClientBuilder, p: &ProxySettings) -> Result<reqwest::ClientBuilder> {
    // The environment was read on the caller's thread; reqwest must not read it again.
    let mut b = b.no_proxy();
    let no_proxy = p
        .no_proxy
        .as_deref()
        .and_then(reqwest::NoProxy::from_string);
    let proxies: [(&Option<String>, &str, MakeProxy); 3] = [
        (&p.http, "HTTP_PROXY", |u| reqwest::Proxy::http(u)),
        (&p.https, "HTTPS_PROXY", |u| reqwest::Proxy::https(u)),
        (&p.all, "ALL_PROXY", |u| reqwest::Proxy::all(u)),
    ];
    for (url, var, make) in proxies {
        if let Some(u) = url.as_deref().filter(|u| !u.trim().is_empty()) {
            b = b.proxy(proxy(u, var, make)?.no_proxy(no_proxy.clone()));
        }
    }
    Ok(b)
}

fn build_client(cfg: &TransportConfig) -> Result<Client> {
    let b = Client::builder()
        .tcp_nodelay(true)
        .pool_idle_timeout(Duration::from_secs(90))
        .user_agent(concat!("ferrolite/", env!("CARGO_PKG_VERSION")));
    let mut b = with_proxies(b, &cfg.proxy)?;
    match &cfg.verify {
        TlsVerify::Platform => {}
        TlsVerify::Off => b = b.danger_accept_invalid_certs(true),
        TlsVerify::CaBundle(path) => {
            let pem = std::fs::read(path).map_err(|e| {
                LlmError::bad_request(format!("Cannot read the CA bundle '{path}': {e}"))
            })?;
            let certs = reqwest::Certificate::from_pem_bundle(&pem).map_err(|e| {
                LlmError::bad_request(format!("The CA bundle '{path}' is not valid PEM: {e}"))
            })?;
            b = b.tls_built_in_root_certs(false);
            for c in certs {
                b = b.add_root_certificate(c);
            }
        }
    }
    b.build()
        .map_err(|e| LlmError::internal(format!("Cannot build the HTTP client: {e}")))
}
