"""litellm.llms: provider implementations users subclass (see custom_llm)."""
