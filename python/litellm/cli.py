"""The `litellm` command: one-shot prompts (`--message`), an interactive chat
(`--interactive`), and — in a later release — the proxy server (`litellm --model M` alone or
`--config`)."""

import argparse
import sys

PROXY_EXIT = 2


def _parser():
    p = argparse.ArgumentParser(
        prog="litellm",
        description="Call any LLM with litellm's API. Use --message for one reply or "
        "--interactive for a chat; --mock-response answers without a key or network.",
    )
    p.add_argument("--model", "-m", help="model string, e.g. gpt-4o or anthropic/claude-sonnet-4-5")
    p.add_argument("--message", help="send this user message and print the reply")
    p.add_argument(
        "--interactive", "-i", action="store_true", help="multi-turn chat in the terminal"
    )
    p.add_argument("--system", help="system prompt")
    p.add_argument("--stream", action="store_true", help="print the reply as it streams")
    p.add_argument(
        "--mock-response", dest="mock_response", help="answer with this text, no network"
    )
    p.add_argument("--api-base", dest="api_base", help="provider base URL")
    p.add_argument("--api-key", dest="api_key", help="provider API key")
    p.add_argument("--temperature", type=float)
    p.add_argument("--max-tokens", dest="max_tokens", type=int)
    p.add_argument("--timeout", type=float, help="seconds per phase (connect, first byte, gaps)")
    p.add_argument("--config", help="proxy config.yaml (proxy mode, not available yet)")
    p.add_argument("--port", type=int, help="proxy port (proxy mode, not available yet)")
    return p


def _call_kwargs(args):
    kw = {}
    for name in ("mock_response", "api_base", "api_key", "temperature", "max_tokens", "timeout"):
        value = getattr(args, name)
        if value is not None:
            kw[name] = value
    return kw


def _reply(model, messages, stream, kw, out):
    """Send `messages`, print the reply, return its text."""
    import litellm

    if not stream:
        resp = litellm.completion(model=model, messages=messages, **kw)
        text = resp.choices[0].message.content or ""
        out.write(text + "\n")
        out.flush()
        return text
    parts = []
    response = litellm.completion(model=model, messages=messages, stream=True, **kw)
    try:
        for chunk in response:
            if not chunk.choices:
                continue
            piece = chunk.choices[0].delta.content
            if piece:
                parts.append(piece)
                out.write(piece)
                out.flush()
    finally:
        response.close()
    out.write("\n")
    out.flush()
    return "".join(parts)


def _interactive(args, kw):
    messages = []
    if args.system:
        messages.append({"role": "system", "content": args.system})
    out = sys.stdout
    out.write(f"Chatting with {args.model}. Ctrl-D or Ctrl-C to quit.\n")
    while True:
        try:
            line = input("> ")
        except (EOFError, KeyboardInterrupt):
            out.write("\n")
            return 0
        if not line.strip():
            continue
        messages.append({"role": "user", "content": line})
        try:
            text = _reply(args.model, messages, True, kw, out)
        except KeyboardInterrupt:
            out.write("\n")
            return 0
        except Exception as e:  # an API error ends this turn, not the chat
            out.write(f"error: {e}\n")
            messages.pop()
            continue
        messages.append({"role": "assistant", "content": text})


def main(argv=None):
    args = _parser().parse_args(argv)
    if args.config or (args.model and not args.message and not args.interactive):
        sys.stderr.write(
            "litellm: the proxy server (litellm --model M / --config config.yaml) is not "
            "available in this release yet. Use --message TEXT for a single reply or "
            "--interactive for a chat.\n"
        )
        return PROXY_EXIT
    if not args.model:
        sys.stderr.write("litellm: --model is required (e.g. --model gpt-4o)\n")
        return PROXY_EXIT
    kw = _call_kwargs(args)
    if args.interactive:
        return _interactive(args, kw)
    messages = []
    if args.system:
        messages.append({"role": "system", "content": args.system})
    messages.append({"role": "user", "content": args.message})
    try:
        _reply(args.model, messages, args.stream, kw, sys.stdout)
    except KeyboardInterrupt:
        return 130
    except Exception as e:
        sys.stderr.write(f"litellm: {type(e).__name__}: {e}\n")
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
