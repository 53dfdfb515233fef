//! Hand-written HTTP/1.1 server side: request parsing, per-connection buffering and
//! disconnect-aware waiting, and response framing (status lines, chunked encoding).

use std::time::Duration;

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

/// Largest accepted request head (request line + headers).
pub const MAX_HEAD: usize = 64 * 1024;
/// Largest accepted request body.
pub const MAX_BODY: usize = 64 * 1024 * 1024;
/// Bytes a client may pipeline while a response is pending before we stop reading.
const MAX_PIPELINED: usize = 1024 * 1024;

/// One parsed request. Header names are lowercased.
#[derive(Debug, Default)]
pub struct Request {
    pub method: String,
    pub target: String,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
    pub keep_alive: bool,
}

impl Request {
    /// First value of a header (name must be lowercase).
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }
}

/// Why a request could not be parsed; each maps to an HTTP status for the reply.
#[derive(Debug, PartialEq, Eq)]
pub enum ParseError {
    Bad(&'static str),
    HeadTooLarge,
    BodyTooLarge,
    /// Connection closed in the middle of a request: nothing to answer.
    Truncated,
}

impl ParseError {
    pub fn status(&self) -> u16 {
        match self {
            ParseError::Bad(_) | ParseError::Truncated => 400,
            ParseError::HeadTooLarge => 431,
            ParseError::BodyTooLarge => 413,
        }
    }

    pub fn message(&self) -> &'static str {
        match self {
            ParseError::Bad(m) => m,
            ParseError::HeadTooLarge => "request head too large",
            ParseError::BodyTooLarge => "request body too large",
            ParseError::Truncated => "connection closed mid-request",
        }
    }
}

/// How the body of a request is delimited.
#[derive(Debug, PartialEq, Eq, Clone, Copy)]
pub enum Framing {
    Length(usize),
    Chunked,
}

/// A parsed request head.
#[derive(Debug)]
pub struct Head {
    pub method: String,
    pub target: String,
    pub http10: bool,
    pub headers: Vec<(String, String)>,
    /// Bytes of the head including the blank line.
    pub len: usize,
}

impl Head {
    fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }

    pub fn framing(&self) -> Result<Framing, ParseError> {
        if let Some(te) = self.header("transfer-encoding") {
            let last = te.rsplit(',').next().unwrap_or("").trim();
            if last.eq_ignore_ascii_case("chunked") {
                return Ok(Framing::Chunked);
            }
            return Err(ParseError::Bad("unsupported transfer-encoding"));
        }
        let mut len: Option<usize> = None;
        for (n, v) in &self.headers {
            if n == "content-length" {
                let parsed: usize = v
                    .trim()
                    .parse()
                    .map_err(|_| ParseError::Bad("invalid content-length"))?;
                if len.is_some_and(|l| l != parsed) {
                    return Err(ParseError::Bad("conflicting content-length"));
                }
                len = Some(parsed);
            }
        }
        let len = len.unwrap_or(0);
        if len > MAX_BODY {
            return Err(ParseError::BodyTooLarge);
        }
        Ok(Framing::Length(len))
    }

    pub fn keep_alive(&self) -> bool {
        let conn = self.header("connection").unwrap_or("");
        let has = |tok: &str| conn.split(',').any(|t| t.trim().eq_ignore_ascii_case(tok));
        if self.http10 {
            has("keep-alive")
        } else {
            !has("close")
        }
    }

    fn expects_continue(&self) -> bool {
        self.header("expect")
            .is_some_and(|v| v.trim().eq_ignore_ascii_case("100-continue"))
    }
}

/// Parses a request head at the start of `buf`; `Ok(None)` when more bytes are needed.
pub fn parse_head(buf: &[u8]) -> Result<Option<Head>, ParseError> {
    let Some(end) = find_head_end(buf) else {
        if buf.len() > MAX_HEAD {
            return Err(ParseError::HeadTooLarge);
        }
        return Ok(None);
    };
    if end > MAX_HEAD {
        return Err(ParseError::HeadTooLarge);
    }
    let text = std::str::from_utf8(&buf[..end]).map_err(|_| ParseError::Bad("non-UTF-8 head"))?;
    let mut lines = text.split('\n').map(|l| l.strip_suffix('\r').unwrap_or(l));
    let request_line = lines.next().ok_or(ParseError::Bad("empty request"))?;
    let mut parts = request_line.split(' ');
    let (Some(method), Some(target), Some(version), None) =
        (parts.next(), parts.next(), parts.next(), parts.next())
    else {
        return Err(ParseError::Bad("malformed request line"));
    };
    if method.is_empty() || !method.bytes().all(|b| b.is_ascii_uppercase()) {
        return Err(ParseError::Bad("malformed method"));
    }
    if !target.starts_with('/') {
        return Err(ParseError::Bad("request target must be a path"));
    }
    let http10 = match version {
        "HTTP/1.1" => false,
        "HTTP/1.0" => true,
        _ => return Err(ParseError::Bad("unsupported HTTP version")),
    };
    let mut headers = Vec::new();
    for line in lines {
        if line.is_empty() {
            break;
        }
        let (name, value) = line
            .split_once(':')
            .ok_or(ParseError::Bad("malformed header line"))?;
        if name.is_empty() || name.bytes().any(|b| b <= b' ' || b == 0x7f) {
            return Err(ParseError::Bad("malformed header name"));
        }
        headers.push((
            name.to_ascii_lowercase(),
            value.trim_matches(|c| c == ' ' || c == '\t').to_owned(),
        ));
    }
    Ok(Some(Head {
        method: method.to_owned(),
        target: target.to_owned(),
        http10,
        headers,
        len: end,
    }))
}

/// Index just past the first empty line (`\r\n\r\n` or bare `\n\n`).
fn find_head_end(buf: &[u8]) -> Option<usize> {
    let mut line_start = 0;
    for (i, &b) in buf.iter().enumerate() {
        if b == b'\n' {
            let line = &buf[line_start..i];
            if line_start > 0 && (line.is_empty() || line == b"\r") {
                return Some(i + 1);
            }
            line_start = i + 1;
        }
    }
    None
}

/// Decodes a chunked body at the start of `buf`; `Ok(None)` when incomplete.
/// Returns the body and the number of bytes consumed (including trailers).
pub fn decode_chunked(buf: &[u8], max: usize) -> Result<Option<(Vec<u8>, usize)>, ParseError> {
    let mut body = Vec::new();
    let mut pos = 0;
    loop {
        let Some(nl) = buf[pos..].iter().position(|&b| b == b'\n') else {
            return Ok(None);
        };
        let line = &buf[pos..pos + nl];
        let line = line.strip_suffix(b"\r").unwrap_or(line);
        let size_part = line.split(|&b| b == b';').next().unwrap_or(b"");
        let size_str = std::str::from_utf8(size_part)
            .map_err(|_| ParseError::Bad("bad chunk size"))?
            .trim();
        let size =
            usize::from_str_radix(size_str, 16).map_err(|_| ParseError::Bad("bad chunk size"))?;
        pos += nl + 1;
        if size == 0 {
            // Trailer section: lines until an empty one.
            loop {
                let Some(nl) = buf[pos..].iter().position(|&b| b == b'\n') else {
                    return Ok(None);
                };
                let line = &buf[pos..pos + nl];
                pos += nl + 1;
                if line.is_empty() || line == b"\r" {
                    return Ok(Some((body, pos)));
                }
            }
        }
        if body.len() + size > max {
            return Err(ParseError::BodyTooLarge);
        }
        if buf.len() < pos + size + 1 {
            return Ok(None);
        }
        body.extend_from_slice(&buf[pos..pos + size]);
        pos += size;
        match buf.get(pos..pos + 2) {
            Some(b"\r\n") => pos += 2,
            Some([b'\n', _]) => pos += 1,
            Some(_) => return Err(ParseError::Bad("missing CRLF after chunk")),
            None if buf.get(pos) == Some(&b'\n') => pos += 1,
            None if buf.get(pos) == Some(&b'\r') => return Ok(None),
            None => return Err(ParseError::Bad("missing CRLF after chunk")),
        }
    }
}

/// The peer closed the connection (EOF or a read/write error).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Gone;

/// A client connection with its read buffer (which may hold pipelined bytes).
pub struct Conn {
    stream: TcpStream,
    buf: Vec<u8>,
}

impl Conn {
    pub fn new(stream: TcpStream) -> Self {
        Conn {
            stream,
            buf: Vec::with_capacity(8192),
        }
    }

    /// Reads more bytes into the buffer; 0 means EOF.
    async fn fill(&mut self) -> std::io::Result<usize> {
        if self.buf.capacity() - self.buf.len() < 4096 {
            self.buf.reserve(16 * 1024);
        }
        self.stream.read_buf(&mut self.buf).await
    }

    /// Reads the next request. `Ok(None)` on a clean EOF between requests.
    pub async fn read_request(&mut self) -> Result<Option<Request>, ParseError> {
        let head = loop {
            // RFC 9112 §2.2: ignore empty lines before the request line.
            let skip = self
                .buf
                .iter()
                .take_while(|&&b| b == b'\r' || b == b'\n')
                .count();
            if skip > 0 {
                self.buf.drain(..skip);
            }
            if let Some(head) = parse_head(&self.buf)? {
                break head;
            }
            match self.fill().await {
                Ok(0) | Err(_) if self.buf.is_empty() => return Ok(None),
                Ok(0) | Err(_) => return Err(ParseError::Truncated),
                Ok(_) => {}
            }
        };
        let mut continue_sent = false;
        let body = match head.framing()? {
            Framing::Length(n) => {
                while self.buf.len() < head.len + n {
                    self.send_continue(&head, &mut continue_sent).await?;
                    match self.fill().await {
                        Ok(0) | Err(_) => return Err(ParseError::Truncated),
                        Ok(_) => {}
                    }
                }
                let body = self.buf[head.len..head.len + n].to_vec();
                self.buf.drain(..head.len + n);
                body
            }
            Framing::Chunked => loop {
                if let Some((body, used)) = decode_chunked(&self.buf[head.len..], MAX_BODY)? {
                    self.buf.drain(..head.len + used);
                    break body;
                }
                self.send_continue(&head, &mut continue_sent).await?;
                match self.fill().await {
                    Ok(0) | Err(_) => return Err(ParseError::Truncated),
                    Ok(_) => {}
                }
            },
        };
        let keep_alive = head.keep_alive();
        Ok(Some(Request {
            method: head.method,
            target: head.target,
            headers: head.headers,
            body,
            keep_alive,
        }))
    }

    async fn send_continue(&mut self, head: &Head, sent: &mut bool) -> Result<(), ParseError> {
        if !*sent && !head.http10 && head.expects_continue() {
            *sent = true;
            self.stream
                .write_all(b"HTTP/1.1 100 Continue\r\n\r\n")
                .await
                .map_err(|_| ParseError::Truncated)?;
        }
        Ok(())
    }

    /// Sleeps for `dur` while watching the socket: returns `Err(Gone)` as soon as the
    /// client closes. Bytes that arrive meanwhile (pipelined requests) are kept.
    pub async fn wait(&mut self, dur: Duration) -> Result<(), Gone> {
        if dur.is_zero() {
            return Ok(());
        }
        let sleep = tokio::time::sleep(dur);
        tokio::pin!(sleep);
        loop {
            if self.buf.len() >= MAX_PIPELINED {
                sleep.as_mut().await;
                return Ok(());
            }
            if self.buf.capacity() - self.buf.len() < 4096 {
                self.buf.reserve(16 * 1024);
            }
            tokio::select! {
                _ = sleep.as_mut() => return Ok(()),
                r = self.stream.read_buf(&mut self.buf) => match r {
                    Ok(0) | Err(_) => return Err(Gone),
                    Ok(_) => {}
                },
            }
        }
    }

    pub async fn write_all(&mut self, bytes: &[u8]) -> Result<(), Gone> {
        self.stream.write_all(bytes).await.map_err(|_| Gone)
    }

    /// Flushes and sends FIN; the socket closes when the `Conn` is dropped.
    pub async fn shutdown(&mut self) {
        let _ = self.stream.shutdown().await;
    }
}

/// Reason phrase for the status line.
pub fn reason(status: u16) -> &'static str {
    match status {
        100 => "Continue",
        200 => "OK",
        204 => "No Content",
        400 => "Bad Request",
        401 => "Unauthorized",
        402 => "Payment Required",
        403 => "Forbidden",
        404 => "Not Found",
        405 => "Method Not Allowed",
        408 => "Request Timeout",
        409 => "Conflict",
        413 => "Payload Too Large",
        422 => "Unprocessable Entity",
        429 => "Too Many Requests",
        431 => "Request Header Fields Too Large",
        500 => "Internal Server Error",
        502 => "Bad Gateway",
        503 => "Service Unavailable",
        504 => "Gateway Timeout",
        529 => "Site Overloaded",
        _ => "Unknown",
    }
}

/// Appends one chunk of the chunked transfer coding (empty data writes nothing, since an
/// empty chunk would terminate the body).
pub fn push_chunk(out: &mut Vec<u8>, data: &[u8]) {
    if data.is_empty() {
        return;
    }
    push_hex(out, data.len());
    out.extend_from_slice(b"\r\n");
    out.extend_from_slice(data);
    out.extend_from_slice(b"\r\n");
}

/// Terminating chunk of a chunked body.
pub const LAST_CHUNK: &[u8] = b"0\r\n\r\n";

fn push_hex(out: &mut Vec<u8>, mut n: usize) {
    let mut digits = [0u8; 16];
    let mut i = digits.len();
    loop {
        i -= 1;
        digits[i] = b"0123456789abcdef"[n & 0xf];
        n >>= 4;
        if n == 0 {
            break;
        }
    }
    out.extend_from_slice(&digits[i..]);
}

/// Appends a decimal number.
pub fn push_dec(out: &mut Vec<u8>, mut n: u64) {
    let mut digits = [0u8; 20];
    let mut i = digits.len();
    loop {
        i -= 1;
        digits[i] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    out.extend_from_slice(&digits[i..]);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_request_head() {
        let raw = b"POST /v1/chat/completions?x=1 HTTP/1.1\r\nHost: a\r\nContent-Length: 5\r\nX-Api-Key:  k \r\n\r\nhello";
        let head = parse_head(raw).expect("ok").expect("complete");
        assert_eq!(head.method, "POST");
        assert_eq!(head.target, "/v1/chat/completions?x=1");
        assert_eq!(head.len, raw.len() - 5);
        assert_eq!(head.header("x-api-key"), Some("k"));
        assert_eq!(head.framing(), Ok(Framing::Length(5)));
        assert!(head.keep_alive());
    }

    #[test]
    fn incomplete_and_bare_lf() {
        assert!(parse_head(b"GET / HTTP/1.1\r\nHost: a\r\n")
            .expect("ok")
            .is_none());
        let head = parse_head(b"GET /health HTTP/1.0\nConnection: keep-alive\n\n")
            .expect("ok")
            .expect("complete");
        assert!(head.http10 && head.keep_alive());
        let head = parse_head(b"GET / HTTP/1.0\r\n\r\n")
            .expect("ok")
            .expect("complete");
        assert!(!head.keep_alive());
        let head = parse_head(b"GET / HTTP/1.1\r\nConnection: Close\r\n\r\n")
            .expect("ok")
            .expect("complete");
        assert!(!head.keep_alive());
    }

    #[test]
    fn rejects_bad_heads() {
        for raw in [
            &b"GET /\r\n\r\n"[..],
            b"GET / HTTP/2\r\n\r\n",
            b"get / HTTP/1.1\r\n\r\n",
            b"GET http://x/ HTTP/1.1\r\n\r\n",
            b"GET / HTTP/1.1\r\nNoColon\r\n\r\n",
            b"GET / HTTP/1.1\r\nBad Name: x\r\n\r\n",
        ] {
            assert!(
                parse_head(raw).is_err(),
                "{:?}",
                String::from_utf8_lossy(raw)
            );
        }
        let big = vec![b'a'; MAX_HEAD + 10];
        assert_eq!(parse_head(&big).err(), Some(ParseError::HeadTooLarge));
        let h = parse_head(b"POST / HTTP/1.1\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\n")
            .expect("ok")
            .expect("complete");
        assert!(h.framing().is_err());
        let h = parse_head(b"POST / HTTP/1.1\r\nTransfer-Encoding: gzip, chunked\r\n\r\n")
            .expect("ok")
            .expect("complete");
        assert_eq!(h.framing(), Ok(Framing::Chunked));
        let h = parse_head(b"POST / HTTP/1.1\r\nContent-Length: 999999999999\r\n\r\n")
            .expect("ok")
            .expect("complete");
        assert_eq!(h.framing(), Err(ParseError::BodyTooLarge));
    }

    #[test]
    fn chunked_decoding() {
        let raw = b"5;ext=1\r\nhello\r\n6\r\n world\r\n0\r\nTrailer: x\r\n\r\nNEXT";
        let (body, used) = decode_chunked(raw, 100).expect("ok").expect("complete");
        assert_eq!(body, b"hello world");
        assert_eq!(&raw[used..], b"NEXT");
        for cut in 0..raw.len() - 4 {
            assert!(
                decode_chunked(&raw[..cut], 100).expect("ok").is_none(),
                "cut {cut}"
            );
        }
        assert!(decode_chunked(b"zz\r\n", 100).is_err());
        assert!(decode_chunked(b"2\r\nabXY", 100).is_err());
        assert_eq!(
            decode_chunked(b"ff\r\n", 10).err(),
            Some(ParseError::BodyTooLarge)
        );
    }

    #[test]
    fn framing_helpers() {
        let mut out = Vec::new();
        push_chunk(&mut out, b"");
        push_chunk(&mut out, &[b'x'; 26]);
        assert_eq!(&out[..4], b"1a\r\n");
        let mut d = Vec::new();
        push_dec(&mut d, 0);
        push_dec(&mut d, 1234567890);
        assert_eq!(d, b"01234567890");
    }
}
