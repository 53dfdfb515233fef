//! Incremental Server-Sent Events decoder: bytes in (split anywhere), events out.
//! Owns framing only (lines, fields, comments); what an event means is the provider's business.

/// One dispatched SSE event.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct SseEvent {
    /// The `event:` field, if the server named the event.
    pub event: Option<String>,
    /// The `data:` lines joined with `\n`.
    pub data: String,
}

/// Feeds on arbitrary byte slices and yields complete events.
///
/// Follows the WHATWG rules: lines end in `\n`, `\r\n` or `\r`; a blank line dispatches;
/// `:` starts a comment; one space after the colon is stripped; multiple `data:` lines join
/// with `\n`; an event with no data is not dispatched.
#[derive(Debug, Default)]
pub struct SseDecoder {
    buf: Vec<u8>,
    /// Bytes of `buf` already consumed as complete lines.
    start: usize,
    /// The previous chunk ended in `\r`: a leading `\n` in the next one belongs to it.
    pending_cr: bool,
    event: Option<String>,
    data: String,
    has_data: bool,
}

impl SseDecoder {
    pub fn new() -> Self {
        Self::default()
    }

    /// Decode `chunk`, appending every completed event to `out`.
    pub fn feed(&mut self, mut chunk: &[u8], out: &mut Vec<SseEvent>) {
        if chunk.is_empty() {
            return;
        }
        if self.pending_cr {
            self.pending_cr = false;
            if chunk.first() == Some(&b'\n') {
                chunk = &chunk[1..];
            }
        }
        self.buf.extend_from_slice(chunk);
        let mut i = self.start;
        let len = self.buf.len();
        while i < len {
            let b = self.buf[i];
            if b == b'\n' || b == b'\r' {
                let line_end = i;
                let mut next = i + 1;
                if b == b'\r' {
                    if next < len {
                        if self.buf[next] == b'\n' {
                            next += 1;
                        }
                    } else {
                        self.pending_cr = true;
                    }
                }
                let (s, e) = (self.start, line_end);
                self.process_line(s, e, out);
                self.start = next;
                i = next;
            } else {
                i += 1;
            }
        }
        // Drop consumed bytes; keep the partial line for the next chunk.
        if self.start > 0 {
            self.buf.drain(..self.start);
            self.start = 0;
        }
    }

    /// Bytes held for an incomplete line or event (what a size cap must bound).
    pub fn buffered(&self) -> usize {
        self.buf.len() - self.start + self.data.len()
    }

    /// Flush at end of stream: a final event without a trailing blank line is dispatched,
    /// as providers sometimes close right after the last `data:` line.
    pub fn finish(&mut self, out: &mut Vec<SseEvent>) {
        if self.start < self.buf.len() {
            let (s, e) = (self.start, self.buf.len());
            self.process_line(s, e, out);
        }
        self.buf.clear();
        self.start = 0;
        self.dispatch(out);
    }

    fn process_line(&mut self, s: usize, e: usize, out: &mut Vec<SseEvent>) {
        if s == e {
            self.dispatch(out);
            return;
        }
        let line = &self.buf[s..e];
        if line[0] == b':' {
            return; // comment / keep-alive
        }
        let (field, value) = match line.iter().position(|&c| c == b':') {
            Some(p) => {
                let mut v = &line[p + 1..];
                if v.first() == Some(&b' ') {
                    v = &v[1..];
                }
                (&line[..p], v)
            }
            None => (line, &line[line.len()..]),
        };
        match field {
            b"data" => {
                if self.has_data {
                    self.data.push('\n');
                }
                self.data.push_str(&String::from_utf8_lossy(value));
                self.has_data = true;
            }
            b"event" => self.event = Some(String::from_utf8_lossy(value).into_owned()),
            _ => {} // id, retry and unknown fields carry nothing we use
        }
    }

    fn dispatch(&mut self, out: &mut Vec<SseEvent>) {
        if self.has_data {
            out.push(SseEvent {
                event: self.event.take(),
                data: std::mem::take(&mut self.data),
            });
        }
        self.event = None;
        self.has_data = false;
        self.data.clear();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn decode_all(parts: &[&[u8]]) -> Vec<SseEvent> {
        let mut d = SseDecoder::new();
        let mut out = Vec::new();
        for p in parts {
            d.feed(p, &mut out);
        }
        d.finish(&mut out);
        out
    }

    fn ev(event: Option<&str>, data: &str) -> SseEvent {
        SseEvent {
            event: event.map(str::to_string),
            data: data.to_string(),
        }
    }

    #[test]
    fn basic_events_comments_and_multiline() {
        let input = b": keep-alive\n\nevent: message_start\ndata: {\"a\":1}\n\ndata: x\ndata:y\n\ndata: [DONE]\n\n";
        assert_eq!(
            decode_all(&[input]),
            vec![
                ev(Some("message_start"), "{\"a\":1}"),
                ev(None, "x\ny"),
                ev(None, "[DONE]")
            ]
        );
    }

    #[test]
    fn crlf_and_lone_cr() {
        let input = b"data: a\r\n\r\ndata: b\r\rdata: c\n\n";
        assert_eq!(
            decode_all(&[input]),
            vec![ev(None, "a"), ev(None, "b"), ev(None, "c")]
        );
    }

    #[test]
    fn cr_lf_split_across_chunks() {
        let out = decode_all(&[b"data: a\r", b"\n\r", b"\ndata: b\n\n"]);
        assert_eq!(out, vec![ev(None, "a"), ev(None, "b")]);
    }

    #[test]
    fn empty_chunk_between_cr_and_lf() {
        let out = decode_all(&[b"event: e\r", b"", b"\ndata: x\r\n\r\n"]);
        assert_eq!(out, vec![ev(Some("e"), "x")]);
    }

    #[test]
    fn final_event_without_blank_line() {
        assert_eq!(decode_all(&[b"data: tail"]), vec![ev(None, "tail")]);
    }

    #[test]
    fn event_without_data_is_not_dispatched() {
        assert_eq!(decode_all(&[b"event: ping\n\n"]), vec![]);
    }

    #[test]
    fn utf8_split_inside_a_character() {
        let s = "data: h\u{e9}llo \u{1f600}\n\n".as_bytes();
        for cut in 0..s.len() {
            let out = decode_all(&[&s[..cut], &s[cut..]]);
            assert_eq!(out, vec![ev(None, "h\u{e9}llo \u{1f600}")], "cut at {cut}");
        }
    }

    proptest! {
        #[test]
        fn any_split_gives_the_same_events(
            datas in proptest::collection::vec("[a-z {}:\"]{0,12}", 1..6),
            crlf in any::<bool>(),
            cuts in proptest::collection::vec(0usize..200, 0..8),
        ) {
            let nl = if crlf { "\r\n" } else { "\n" };
            let mut text = String::new();
            for d in &datas {
                text.push_str(&format!(": c{nl}event: e{nl}data: {d}{nl}{nl}"));
            }
            let bytes = text.as_bytes();
            let mut points: Vec<usize> = cuts.into_iter().map(|c| c % (bytes.len() + 1)).collect();
            points.sort_unstable();
            let mut parts = Vec::new();
            let mut last = 0;
            for p in points {
                parts.push(&bytes[last..p]);
                last = p;
            }
            parts.push(&bytes[last..]);
            let out = decode_all(&parts);
            let expected: Vec<SseEvent> = datas.iter().map(|d| ev(Some("e"), d)).collect();
            prop_assert_eq!(out, expected);
        }

        #[test]
        fn never_panics_on_garbage(chunks in proptest::collection::vec(proptest::collection::vec(any::<u8>(), 0..64), 0..8)) {
            let mut d = SseDecoder::new();
            let mut out = Vec::new();
            for c in &chunks {
                d.feed(c, &mut out);
            }
            d.finish(&mut out);
        }
    }
}
