//! How a streamed body is cut into messages: server-sent events, or newline-delimited JSON
//! (Ollama). Either way the provider's translator receives one `SseEvent` per message (an
//! NDJSON line arrives as a data-only event), so translators never see the framing.

use crate::http::sse::{SseDecoder, SseEvent};

/// How a provider frames a streamed response body.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Framing {
    /// Server-sent events (`data: ...` lines, blank-line separated).
    Sse,
    /// One JSON document per line (`application/x-ndjson`).
    Ndjson,
}

/// The incremental decoder for a framing: bytes in (split anywhere), messages out.
#[derive(Debug)]
pub enum FrameDecoder {
    Sse(SseDecoder),
    Ndjson(NdjsonDecoder),
}

impl FrameDecoder {
    pub fn new(framing: Framing) -> FrameDecoder {
        match framing {
            Framing::Sse => FrameDecoder::Sse(SseDecoder::new()),
            Framing::Ndjson => FrameDecoder::Ndjson(NdjsonDecoder::default()),
        }
    }

    pub fn feed(&mut self, chunk: &[u8], out: &mut Vec<SseEvent>) {
        match self {
            FrameDecoder::Sse(d) => d.feed(chunk, out),
            FrameDecoder::Ndjson(d) => d.feed(chunk, out),
        }
    }

    /// Bytes held for an incomplete message (what a size cap must bound).
    pub fn buffered(&self) -> usize {
        match self {
            FrameDecoder::Sse(d) => d.buffered(),
            FrameDecoder::Ndjson(d) => d.buf.len(),
        }
    }

    /// The body ended: a last message without its line end is still delivered.
    pub fn finish(&mut self, out: &mut Vec<SseEvent>) {
        match self {
            FrameDecoder::Sse(d) => d.finish(out),
            FrameDecoder::Ndjson(d) => d.finish(out),
        }
    }
}

/// Newline-delimited JSON: every non-blank line is one message (`\r\n` tolerated).
#[derive(Debug, Default)]
pub struct NdjsonDecoder {
    buf: Vec<u8>,
}

impl NdjsonDecoder {
    pub fn feed(&mut self, chunk: &[u8], out: &mut Vec<SseEvent>) {
        self.buf.extend_from_slice(chunk);
        let mut start = 0;
        while let Some(pos) = self.buf[start..].iter().position(|&b| b == b'\n') {
            let end = start + pos;
            emit(&self.buf[start..end], out);
            start = end + 1;
        }
        self.buf.drain(..start);
    }

    pub fn finish(&mut self, out: &mut Vec<SseEvent>) {
        let rest = std::mem::take(&mut self.buf);
        emit(&rest, out);
    }
}

fn emit(line: &[u8], out: &mut Vec<SseEvent>) {
    let line = line.strip_suffix(b"\r").unwrap_or(line);
    if line.iter().all(u8::is_ascii_whitespace) {
        return;
    }
    out.push(SseEvent {
        event: None,
        data: String::from_utf8_lossy(line).into_owned(),
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn decode(framing: Framing, pieces: &[&[u8]]) -> Vec<String> {
        let mut d = FrameDecoder::new(framing);
        let mut out = Vec::new();
        for p in pieces {
            d.feed(p, &mut out);
        }
        d.finish(&mut out);
        out.into_iter().map(|e| e.data).collect()
    }

    #[test]
    fn ndjson_lines_split_anywhere() {
        assert_eq!(
            decode(
                Framing::Ndjson,
                &[b"{\"a\":1}\n{\"b", b"\":2}\r\n\n", b"{\"c\":3}"]
            ),
            vec!["{\"a\":1}", "{\"b\":2}", "{\"c\":3}"]
        );
    }

    proptest! {
        // Any split of any bytes decodes without a panic, to the same lines as one piece.
        #[test]
        fn ndjson_split_invariance(body in proptest::collection::vec(any::<u8>(), 0..300), cut in 0usize..300) {
            let cut = cut.min(body.len());
            let whole = decode(Framing::Ndjson, &[&body]);
            let split = decode(Framing::Ndjson, &[&body[..cut], &body[cut..]]);
            prop_assert_eq!(whole, split);
        }
    }
}
