"""`python -m litellm` runs the CLI."""

from .cli import main

raise SystemExit(main())
