"""litellm.batch_completion: many completions at once (see main)."""
