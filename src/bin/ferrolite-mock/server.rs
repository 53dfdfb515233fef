//! Listener, per-connection request loop, routing, and sending replies with the scenario's
//! timing and failure injection (latency, first byte, chunk delays, stall, cut, disconnects).

use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::sync::Arc;
use std::time::Duration;

use serde_json::{json, Value};
use tokio::net::{TcpListener, TcpSocket, TcpStream};

use crate::anthropic;
use crate::cohere;
use crate::gemini;
use crate::http::{push_chunk, push_dec, reason, Conn, ParseError, Request, LAST_CHUNK};
use crate::ollama;
use crate::openai::{self, Surface};
use crate::reply::{push_num, to_vec, Body, Ctx, Reply, Sse};
use crate::scenario;
use crate::stats::{Outcome, Stats, DEFAULT_ID};

/// How long `stall_after` keeps a silent connection open.
const STALL: Duration = Duration::from_secs(60);
const LISTEN_BACKLOG: u32 = 4096;

/// State shared by all connections.
#[derive(Default)]
pub struct State {
    pub stats: Stats,
}

/// Binds a loopback listener; any other address is refused.
pub fn bind(host: &str, port: u16) -> std::io::Result<TcpListener> {
    let invalid = |msg: String| std::io::Error::new(std::io::ErrorKind::InvalidInput, msg);
    let ip: IpAddr = match host {
        "localhost" => Ipv4Addr::LOCALHOST.into(),
        _ => host
            .trim_start_matches('[')
            .trim_end_matches(']')
            .parse()
            .map_err(|_| invalid(format!("invalid host '{host}'")))?,
    };
    if !ip.is_loopback() {
        return Err(invalid(format!(
            "refusing to bind non-loopback address {ip}"
        )));
    }
    let socket = if ip.is_ipv4() {
        TcpSocket::new_v4()?
    } else {
        TcpSocket::new_v6()?
    };
    socket.set_reuseaddr(true)?;
    socket.bind(SocketAddr::new(ip, port))?;
    socket.listen(LISTEN_BACKLOG)
}

/// Accepts connections forever.
pub async fn serve(listener: TcpListener, state: Arc<State>) {
    loop {
        match listener.accept().await {
            Ok((stream, _)) => {
                tokio::spawn(connection(stream, Arc::clone(&state)));
            }
            Err(e) => {
                // Typically EMFILE: back off instead of spinning.
                eprintln!("ferrolite-mock: accept failed: {e}");
                tokio::time::sleep(Duration::from_millis(20)).await;
            }
        }
    }
}

async fn connection(stream: TcpStream, state: Arc<State>) {
    let _ = stream.set_nodelay(true);
    let mut conn = Conn::new(stream);
    loop {
        match conn.read_request().await {
            Ok(Some(req)) => {
                if !handle(&mut conn, req, &state).await {
                    break;
                }
            }
            Ok(None) | Err(ParseError::Truncated) => break,
            Err(e) => {
                let body = e.message().as_bytes();
                let _ = conn
                    .write_all(&simple(e.status(), "text/plain", body, true, ""))
                    .await;
                break;
            }
        }
    }
    conn.shutdown().await;
}

/// Where a request goes, after the scenario prefix is stripped.
#[derive(Debug, PartialEq, Eq)]
enum Route<'a> {
    Health,
    StatsGet(&'a str),
    StatsDelete(&'a str),
    StatsDeleteAll,
    Chat(Surface),
    Embeddings,
    AzureNoApiVersion,
    Messages,
    Gemini(&'a str, gemini::Method),
    OllamaChat,
    OllamaEmbed,
    CohereChat,
    CohereEmbed,
    WrongMethod,
    NotFound,
}

fn route<'a>(method: &str, path: &'a str, query: &str) -> Route<'a> {
    let post = method == "POST";
    if path == "/health" {
        return if method == "GET" {
            Route::Health
        } else {
            Route::WrongMethod
        };
    }
    if path == "/__stats" {
        return if method == "DELETE" {
            Route::StatsDeleteAll
        } else {
            Route::WrongMethod
        };
    }
    if let Some(id) = path.strip_prefix("/__stats/") {
        return match method {
            "GET" => Route::StatsGet(id),
            "DELETE" => Route::StatsDelete(id),
            _ => Route::WrongMethod,
        };
    }
    if path.ends_with("/chat/completions") {
        if !post {
            return Route::WrongMethod;
        }
        if path.starts_with("/openai/deployments/") {
            let has_version = query.split('&').any(|kv| {
                kv.strip_prefix("api-version=")
                    .is_some_and(|v| !v.is_empty())
            });
            return if has_version {
                Route::Chat(Surface::AzureDeployment)
            } else {
                Route::AzureNoApiVersion
            };
        }
        if path == "/openai/v1/chat/completions" {
            return Route::Chat(Surface::AzureV1);
        }
        return Route::Chat(Surface::OpenAi);
    }
    if path.ends_with("/embeddings") {
        return if post {
            Route::Embeddings
        } else {
            Route::WrongMethod
        };
    }
    if path.ends_with("/v1/embed") || path.ends_with("/v2/embed") {
        return if post {
            Route::CohereEmbed
        } else {
            Route::WrongMethod
        };
    }
    if path.ends_with("/v2/chat") {
        return if post {
            Route::CohereChat
        } else {
            Route::WrongMethod
        };
    }
    if path.ends_with("/api/chat") || path.ends_with("/api/embed") {
        if !post {
            return Route::WrongMethod;
        }
        return if path.ends_with("/api/chat") {
            Route::OllamaChat
        } else {
            Route::OllamaEmbed
        };
    }
    if let Some((model, method)) = gemini::split_path(path) {
        return if post {
            Route::Gemini(model, method)
        } else {
            Route::WrongMethod
        };
    }
    if path.ends_with("/v1/messages") {
        return if post {
            Route::Messages
        } else {
            Route::WrongMethod
        };
    }
    Route::NotFound
}

/// Which provider's response headers to send.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Provider {
    OpenAi,
    Anthropic,
    Gemini,
    /// No provider-specific headers (Ollama).
    Plain,
}

/// Answers one request; returns whether the connection stays open.
async fn handle(conn: &mut Conn, req: Request, state: &State) -> bool {
    let req = Arc::new(req);
    let target = req.target.as_str();
    let (path, query) = target.split_once('?').unwrap_or((target, ""));
    let (spec, rest, offset) = scenario::split_prefix(path);
    let route = route(&req.method, rest, query);
    let keep = req.keep_alive;

    // Admin routes: not counted in stats.
    let admin = match &route {
        Route::Health => Some(simple(200, "text/plain", b"ok", !keep, "")),
        Route::StatsGet(id) => Some(match scenario::percent_decode(id) {
            Ok(id) => simple(
                200,
                "application/json",
                &to_vec(&state.stats.render(&id)),
                !keep,
                "",
            ),
            Err(msg) => mock_error(&msg, !keep),
        }),
        Route::StatsDelete(id) => Some(match scenario::percent_decode(id) {
            Ok(id) => {
                state.stats.reset(&id);
                simple(200, "application/json", b"{\"reset\":true}", !keep, "")
            }
            Err(msg) => mock_error(&msg, !keep),
        }),
        Route::StatsDeleteAll => {
            state.stats.reset_all();
            Some(simple(
                200,
                "application/json",
                b"{\"reset\":true}",
                !keep,
                "",
            ))
        }
        _ => None,
    };
    if let Some(bytes) = admin {
        return conn.write_all(&bytes).await.is_ok() && keep;
    }

    let sc = match spec.map(scenario::parse).transpose() {
        Ok(sc) => sc.unwrap_or_default(),
        Err(msg) => {
            eprintln!("ferrolite-mock: bad scenario in {target}: {msg}");
            state.stats.record_request(DEFAULT_ID, &req, offset);
            let ok = conn.write_all(&mock_error(&msg, !keep)).await.is_ok();
            let outcome = if ok {
                Outcome::Completed
            } else {
                Outcome::Disconnected
            };
            state.stats.record_outcome(DEFAULT_ID, outcome);
            return ok && keep;
        }
    };
    let id = sc.id.as_deref().unwrap_or(DEFAULT_ID);
    let n = state.stats.record_request(id, &req, offset);
    let failing = sc.has_failure() && sc.fail_times.is_none_or(|k| n <= k);
    let json: Option<Value> = match route {
        Route::Chat(_)
        | Route::Messages
        | Route::Embeddings
        | Route::Gemini(..)
        | Route::OllamaChat
        | Route::OllamaEmbed
        | Route::CohereChat
        | Route::CohereEmbed => serde_json::from_slice(&req.body).ok(),
        _ => None,
    };
    let ctx = Ctx {
        sc: &sc,
        n,
        failing,
        req: &req,
        json: json.as_ref(),
        query,
    };
    let (reply, provider) = match route {
        Route::Chat(surface) => (openai::respond(&ctx, surface), Provider::OpenAi),
        Route::Embeddings => (openai::embeddings(&ctx), Provider::OpenAi),
        Route::AzureNoApiVersion => (openai::azure_missing_api_version(), Provider::OpenAi),
        Route::Messages => (anthropic::respond(&ctx), Provider::Anthropic),
        Route::Gemini(model, method) => (gemini::respond(&ctx, model, method), Provider::Gemini),
        Route::OllamaChat => (ollama::chat(&ctx), Provider::Plain),
        Route::OllamaEmbed => (ollama::embed(&ctx), Provider::Plain),
        Route::CohereChat => (cohere::chat(&ctx), Provider::Plain),
        Route::CohereEmbed => (cohere::embed(&ctx), Provider::Plain),
        Route::WrongMethod => (openai::invalid_method(&req.method, rest), Provider::OpenAi),
        _ => (openai::invalid_url(&req.method, rest), Provider::OpenAi),
    };
    let outcome = send_reply(conn, &ctx, &reply, provider, keep).await;
    state.stats.record_outcome(id, outcome);
    outcome == Outcome::Completed && !reply.close && keep
}

fn ms(n: u64) -> Duration {
    Duration::from_millis(n)
}

/// Writes `reply` with the scenario's timing; reports how it ended.
async fn send_reply(
    conn: &mut Conn,
    ctx: &Ctx<'_>,
    reply: &Reply,
    provider: Provider,
    keep_alive: bool,
) -> Outcome {
    let sc = ctx.sc;
    // (k, true) = cut after k content chunks, (k, false) = stall after k.
    let stop = if ctx.failing {
        sc.cut_after
            .map(|k| (k, true))
            .or(sc.stall_after.map(|k| (k, false)))
    } else {
        None
    };
    if conn.wait(ms(sc.latency_ms)).await.is_err() {
        return Outcome::Disconnected;
    }
    let close = reply.close || !keep_alive || stop.is_some();
    let extra = extra_headers(ctx, reply.status, provider);
    match &reply.body {
        Body::Full(body) => {
            let mut out = Vec::with_capacity(512 + body.len());
            push_head(
                &mut out,
                reply.status,
                reply.content_type,
                Some(body.len()),
                &extra,
                close,
            );
            if let Some((_, cut)) = stop {
                out.extend_from_slice(&body[..body.len() / 2]);
                if conn.write_all(&out).await.is_err() {
                    return Outcome::Disconnected;
                }
                return stop_sending(conn, cut).await;
            }
            if sc.first_byte_ms > 0 {
                if conn.write_all(&out).await.is_err()
                    || conn.wait(ms(sc.first_byte_ms)).await.is_err()
                {
                    return Outcome::Disconnected;
                }
                out.clear();
            }
            out.extend_from_slice(body);
            if conn.write_all(&out).await.is_err() {
                return Outcome::Disconnected;
            }
        }
        Body::Events(sse) => {
            let end = match stop {
                Some((k, _)) => stop_index(sse, k),
                None => sse.ends.len(),
            };
            let complete = stop.is_none();
            let comment = sc.keepalive_comments.then(|| sse.comment().as_bytes());
            let mut out = Vec::with_capacity(match sc.chunk_delay_ms {
                None => 512 + sse.buf.len() + 24 * sse.ends.len(),
                Some(_) => 512,
            });
            push_head(&mut out, 200, reply.content_type, None, &extra, close);
            let head_first = sc.first_byte_ms > 0 || sc.chunk_delay_ms.is_some();
            if head_first {
                if conn.write_all(&out).await.is_err()
                    || conn.wait(ms(sc.first_byte_ms)).await.is_err()
                {
                    return Outcome::Disconnected;
                }
                out.clear();
            }
            match sc.chunk_delay_ms {
                // All events in one write.
                None => {
                    for i in 0..end {
                        if let (Some(c), true) = (comment, i > 0) {
                            push_chunk(&mut out, c);
                        }
                        push_chunk(&mut out, sse.event(i));
                    }
                    if complete {
                        out.extend_from_slice(LAST_CHUNK);
                    }
                    if !out.is_empty() && conn.write_all(&out).await.is_err() {
                        return Outcome::Disconnected;
                    }
                }
                // One write per event, sleeping in between.
                Some(delay) => {
                    for i in 0..end {
                        if i > 0 && conn.wait(ms(delay)).await.is_err() {
                            return Outcome::Disconnected;
                        }
                        out.clear();
                        if let (Some(c), true) = (comment, i > 0) {
                            push_chunk(&mut out, c);
                        }
                        push_chunk(&mut out, sse.event(i));
                        if complete && i + 1 == end {
                            out.extend_from_slice(LAST_CHUNK);
                        }
                        if conn.write_all(&out).await.is_err() {
                            return Outcome::Disconnected;
                        }
                    }
                    if complete && end == 0 && conn.write_all(LAST_CHUNK).await.is_err() {
                        return Outcome::Disconnected;
                    }
                }
            }
            if let Some((_, cut)) = stop {
                return stop_sending(conn, cut).await;
            }
        }
    }
    Outcome::Completed
}

/// Number of leading events to send so that exactly `k` content events go out: up to and
/// including the k-th content event (for k = 0, everything before the first one).
fn stop_index(sse: &Sse, k: usize) -> usize {
    let mut seen = 0;
    for (i, &(_, content)) in sse.ends.iter().enumerate() {
        if content {
            if seen == k {
                return i;
            }
            seen += 1;
            if seen == k {
                return i + 1;
            }
        }
    }
    sse.ends.len()
}

/// After a deliberate stop: close at once (`cut`) or hold the connection silently.
async fn stop_sending(conn: &mut Conn, cut: bool) -> Outcome {
    if cut {
        conn.shutdown().await;
        return Outcome::Cut;
    }
    match conn.wait(STALL).await {
        Ok(()) => Outcome::Stalled,
        Err(_) => Outcome::Disconnected,
    }
}

/// Provider response headers plus retry hints on errors (each line ends in CRLF).
fn extra_headers(ctx: &Ctx, status: u16, provider: Provider) -> String {
    let mut h = String::with_capacity(160);
    let mut n = String::with_capacity(20);
    push_num(&mut n, ctx.n);
    match provider {
        Provider::OpenAi => {
            h.push_str("x-request-id: req_mock_");
            h.push_str(&n);
            h.push_str("\r\nx-ratelimit-remaining-requests: 99\r\n");
        }
        Provider::Anthropic => {
            h.push_str("request-id: req_mock_");
            h.push_str(&n);
            h.push_str("\r\nanthropic-ratelimit-requests-remaining: 99\r\n");
        }
        Provider::Gemini => {
            h.push_str("x-goog-request-id: req_mock_");
            h.push_str(&n);
            h.push_str("\r\n");
        }
        Provider::Plain => {}
    }
    if status >= 400 {
        if let Some(s) = &ctx.sc.retry_after {
            h.push_str("retry-after: ");
            h.push_str(s);
            h.push_str("\r\n");
        }
        if let Some(v) = ctx.sc.retry_after_ms {
            h.push_str("retry-after-ms: ");
            push_num(&mut h, v);
            h.push_str("\r\n");
        }
    }
    h
}

/// Status line and headers. `len: None` means chunked.
fn push_head(
    out: &mut Vec<u8>,
    status: u16,
    content_type: &str,
    len: Option<usize>,
    extra: &str,
    close: bool,
) {
    out.extend_from_slice(b"HTTP/1.1 ");
    push_dec(out, u64::from(status));
    out.push(b' ');
    out.extend_from_slice(reason(status).as_bytes());
    out.extend_from_slice(b"\r\ncontent-type: ");
    out.extend_from_slice(content_type.as_bytes());
    match len {
        Some(n) => {
            out.extend_from_slice(b"\r\ncontent-length: ");
            push_dec(out, n as u64);
        }
        None => out.extend_from_slice(b"\r\ntransfer-encoding: chunked\r\ncache-control: no-cache"),
    }
    out.extend_from_slice(b"\r\n");
    out.extend_from_slice(extra.as_bytes());
    out.extend_from_slice(if close {
        b"connection: close\r\n\r\n"
    } else {
        b"connection: keep-alive\r\n\r\n"
    });
}

/// A complete response with a fixed body.
fn simple(status: u16, content_type: &str, body: &[u8], close: bool, extra: &str) -> Vec<u8> {
    let mut out = Vec::with_capacity(256 + body.len());
    push_head(
        &mut out,
        status,
        content_type,
        Some(body.len()),
        extra,
        close,
    );
    out.extend_from_slice(body);
    out
}

/// 400 for a problem with the mock request itself (bad scenario), marked `x-mock-error`.
fn mock_error(msg: &str, close: bool) -> Vec<u8> {
    let body = to_vec(&json!({"error": {
        "message": format!("ferrolite-mock: {msg}"),
        "type": "mock_error", "param": null, "code": "bad_scenario",
    }}));
    simple(
        400,
        "application/json",
        &body,
        close,
        "x-mock-error: bad-scenario\r\n",
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn routes() {
        assert_eq!(
            route("POST", "/v1/chat/completions", ""),
            Route::Chat(Surface::OpenAi)
        );
        assert_eq!(
            route("POST", "/chat/completions", ""),
            Route::Chat(Surface::OpenAi)
        );
        assert_eq!(
            route(
                "POST",
                "/openai/deployments/gpt4o/chat/completions",
                "api-version=2024-10-21"
            ),
            Route::Chat(Surface::AzureDeployment)
        );
        assert_eq!(
            route("POST", "/openai/deployments/gpt4o/chat/completions", "x=1"),
            Route::AzureNoApiVersion
        );
        assert_eq!(
            route("POST", "/openai/v1/chat/completions", ""),
            Route::Chat(Surface::AzureV1)
        );
        assert_eq!(route("POST", "/v1/messages", ""), Route::Messages);
        assert_eq!(route("GET", "/v1/messages", ""), Route::WrongMethod);
        assert_eq!(
            route(
                "POST",
                "/v1beta/models/gemini-2.5-flash:streamGenerateContent",
                "alt=sse"
            ),
            Route::Gemini("gemini-2.5-flash", gemini::Method::StreamGenerate)
        );
        assert_eq!(
            route("POST", "/v1/models/m:batchEmbedContents", ""),
            Route::Gemini("m", gemini::Method::BatchEmbed)
        );
        assert_eq!(
            route("POST", "/v1beta/models/m:countTokens", ""),
            Route::NotFound
        );
        assert_eq!(route("GET", "/health", ""), Route::Health);
        assert_eq!(route("GET", "/__stats/a", ""), Route::StatsGet("a"));
        assert_eq!(route("DELETE", "/__stats/a", ""), Route::StatsDelete("a"));
        assert_eq!(route("DELETE", "/__stats", ""), Route::StatsDeleteAll);
        assert_eq!(route("POST", "/v1/embeddings", ""), Route::Embeddings);
        assert_eq!(route("POST", "/v1/images/generations", ""), Route::NotFound);
    }

    #[test]
    fn bind_refuses_non_loopback() {
        assert!(bind("0.0.0.0", 0).is_err());
        assert!(bind("192.168.1.1", 0).is_err());
        assert!(bind("example.com", 0).is_err());
    }

    #[test]
    fn stop_index_counts_content_events() {
        let mut sse = Sse::new(false, 64);
        for content in [false, true, true, true, false, false] {
            sse.begin(None);
            sse.end(content);
        }
        assert_eq!(stop_index(&sse, 0), 1);
        assert_eq!(stop_index(&sse, 1), 2);
        assert_eq!(stop_index(&sse, 3), 4);
        assert_eq!(stop_index(&sse, 9), 6);
    }

    #[test]
    fn head_format() {
        let mut out = Vec::new();
        push_head(
            &mut out,
            429,
            "application/json",
            Some(2),
            "x-a: 1\r\n",
            false,
        );
        assert_eq!(
            String::from_utf8_lossy(&out),
            "HTTP/1.1 429 Too Many Requests\r\ncontent-type: application/json\r\ncontent-length: 2\r\nx-a: 1\r\nconnection: keep-alive\r\n\r\n"
        );
    }
}
