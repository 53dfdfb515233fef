"""ferrolite: the litellm API on a Rust engine (placeholder, being written)."""
