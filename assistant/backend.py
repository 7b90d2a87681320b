"""What the CLI talks to: the local services, or a running `troly serve` over HTTP.

The embedded Qdrant store can be opened by one process only; when `troly serve` holds it,
CLI commands go through the server's API instead of failing.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Protocol

import httpx

from assistant.components.vector_store import AccessScope
from assistant.domain import AnswerMode, AskResponse, DocumentMeta, IngestOutcome
from assistant.settings import Settings


class BackendError(RuntimeError):
    """A failure with a Vietnamese message fit for the terminal; `status` is the HTTP status, if any."""

    def __init__(self, message: str, status: int | None = None) -> None:
        super().__init__(message)
        self.status = status


class Backend(Protocol):
    def ask(self, question: str, top_k: int | None, doc_ids: list[str] | None,
            mode: AnswerMode | None = None) -> AskResponse: ...
    def ingest(self, paths: list[Path], classification: str | None, units: list[str], progress: Any = None
               ) -> list[IngestOutcome]: ...
    def documents(self) -> list[DocumentMeta]: ...
    def document(self, doc_id: str) -> DocumentMeta: ...
    def delete(self, doc_id: str) -> None: ...
    def close(self) -> None: ...


class LocalBackend:
    def __init__(self, settings: Settings) -> None:
        from assistant.services.container import Services

        self.services = Services(settings)
        _ = self.services.store  # opens the embedded store now: raises StoreLockedError if held

    def ask(self, question: str, top_k: int | None, doc_ids: list[str] | None,
            mode: AnswerMode | None = None) -> AskResponse:
        for d in doc_ids or []:
            self.document(d)
        return self.services.answering.ask(question, AccessScope(doc_ids=doc_ids), top_k, mode)

    def ingest(self, paths: list[Path], classification: str | None, units: list[str], progress: Any = None
               ) -> list[IngestOutcome]:
        return self.services.ingest.ingest_paths(paths, classification, units, progress=progress)

    def documents(self) -> list[DocumentMeta]:
        return [r.to_meta() for r in self.services.registry.list_documents()]

    def document(self, doc_id: str) -> DocumentMeta:
        row = self.services.registry.get(doc_id)
        if row is None:
            raise BackendError(f"Không tìm thấy tài liệu có mã '{doc_id}'.")
        return row.to_meta()

    def delete(self, doc_id: str) -> None:
        self.document(doc_id)
        self.services.ingest.delete(doc_id)

    def close(self) -> None:
        self.services.close()


class HttpBackend:
    def __init__(self, base_url: str, api_key: str | None = None, timeout: float = 600.0) -> None:
        headers = {"Authorization": f"Bearer {api_key}"} if api_key else {}
        self.client = httpx.Client(base_url=base_url.rstrip("/"), headers=headers, timeout=timeout)

    def _call(self, method: str, url: str, **kw: Any) -> Any:
        try:
            r = self.client.request(method, url, **kw)
        except httpx.HTTPError as exc:
            raise BackendError(f"Không kết nối được tới máy chủ {self.client.base_url}: {exc}") from exc
        if r.status_code >= 400:
            try:
                detail = r.json().get("detail", r.text)
            except ValueError:
                detail = r.text
            raise BackendError(f"Máy chủ trả lỗi {r.status_code}: {detail}", r.status_code)
        return r.json()

    def ask(self, question: str, top_k: int | None, doc_ids: list[str] | None,
            mode: AnswerMode | None = None) -> AskResponse:
        body = {"question": question, "top_k": top_k, "doc_ids": doc_ids, "mode": mode}
        return AskResponse.model_validate(self._call("POST", "/v1/ask", json=body))

    def ingest(self, paths: list[Path], classification: str | None, units: list[str], progress: Any = None
               ) -> list[IngestOutcome]:
        from ingest.service import expand_paths

        out: list[IngestOutcome] = []
        for p in expand_paths(paths):
            try:
                with p.open("rb") as fh:
                    data = {"classification": classification, "units": units} if classification else {"units": units}
                    res = self._call("POST", "/v1/documents", files={"files": (p.name, fh)}, data=data)
                out += [IngestOutcome.model_validate(d) for d in res["documents"]]
            except FileNotFoundError:
                out.append(IngestOutcome(source=p.name, status="failed", reason=f"Không tìm thấy tệp: {p}."))
            except OSError as exc:
                out.append(IngestOutcome(source=p.name, status="failed",
                                         reason=f"Không đọc được tệp {p.name}: {exc.strerror or exc}."))
            except BackendError as exc:  # this one file refused by the server (too large, ...): go on
                if exc.status in (None, 401, 403):  # no server, or no access: nothing else would pass
                    raise
                out.append(IngestOutcome(source=p.name, status="failed", reason=str(exc)))
            if progress:
                progress(p.name, 1, 1)
        return out

    def documents(self) -> list[DocumentMeta]:
        return [DocumentMeta.model_validate(d) for d in self._call("GET", "/v1/documents")["documents"]]

    def document(self, doc_id: str) -> DocumentMeta:
        return DocumentMeta.model_validate(self._call("GET", f"/v1/documents/{doc_id}"))

    def delete(self, doc_id: str) -> None:
        self._call("DELETE", f"/v1/documents/{doc_id}")

    def close(self) -> None:
        self.client.close()
