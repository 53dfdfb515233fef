//! `.env` files, read at import as litellm does (python-dotenv's common forms).

/// Parse a `.env` file's text into (key, value) pairs, as python-dotenv reads common files:
/// `KEY=VALUE`, optional `export `, quotes, `#` comments. Malformed lines are skipped.
pub fn parse(text: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for raw in text.lines() {
        let line = raw.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let line = line.strip_prefix("export ").unwrap_or(line);
        let Some((k, v)) = line.split_once('=') else {
            continue;
        };
        let key = k.trim();
        if key.is_empty() || !key.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') {
            continue;
        }
        let v = v.trim();
        let value = if let Some(inner) = v.strip_prefix('"').and_then(|s| s.strip_suffix('"')) {
            inner.replace("\\n", "\n").replace("\\\"", "\"")
        } else if let Some(inner) = v.strip_prefix('\'').and_then(|s| s.strip_suffix('\'')) {
            inner.to_string()
        } else {
            // Unquoted values end at an inline comment.
            match v.find(" #") {
                Some(i) => v[..i].trim_end().to_string(),
                None => v.to_string(),
            }
        };
        out.push((key.to_string(), value));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::parse;

    #[test]
    fn dotenv_forms() {
        let text = "# c\nA=1\nexport B = two \nC=\"x y\"\nD='q'\nE=v # note\nbad line\n=x\n";
        assert_eq!(
            parse(text),
            vec![
                ("A".into(), "1".into()),
                ("B".into(), "two".into()),
                ("C".into(), "x y".into()),
                ("D".into(), "q".into()),
                ("E".into(), "v".into())
            ]
        );
    }
}
