"""litellm.secret_managers: reading secrets (this release reads the environment)."""
