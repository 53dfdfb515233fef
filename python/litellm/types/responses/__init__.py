"""litellm.types.responses: the Responses API's types."""
