"""Time ingest of a corpus folder into a fresh data dir: documents/s, chunks/s, seconds, peak memory."""

from __future__ import annotations

import resource
import sys
import tempfile
import time
from pathlib import Path

from assistant.services.container import Services
from assistant.settings import Settings


def main(corpus: str) -> None:
    with tempfile.TemporaryDirectory(prefix="troly-bench-") as tmp:
        services = Services(Settings(data_dir=Path(tmp)))
        _ = services.embedder, services.store  # model load is start-up, not ingest
        t0 = time.perf_counter()
        outcomes = services.ingest.ingest_paths([Path(corpus)], classification="public")
        seconds = time.perf_counter() - t0
        services.close()
    docs = sum(o.status == "ingested" for o in outcomes)
    chunks = sum(o.chunks for o in outcomes)
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"ingest: {docs} documents, {chunks} chunks in {seconds:.1f} s "
          f"({docs / seconds:.2f} documents/s, {chunks / seconds:.1f} chunks/s), peak memory {peak_mb:.0f} MB")
    for o in outcomes:
        print(f"  {o.source}: {o.status} {o.chunks} chunks {o.seconds:.1f} s")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "../shared/corpus")
