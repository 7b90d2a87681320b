"""What the CLI talks to: a running `troly serve` over HTTP, or the local services.

The embedded Qdrant store can be opened by one process only; when `troly serve` holds it, CLI commands
go through the server's API (with the caller's key) instead of failing. Working on the store directly is
the local mode: it reads documents only for an **admin** whose API key it verifies against the registry,
with that admin's scope, and audits every ask, upload, delete and index check like the API does (client
`cli-local`). Ingest needs no key (it reads nothing that is not in the file given); the upload is audited.
Opening the store locally first recovers whatever a crashed process left half-done (`IngestService.recover`).
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any, Protocol

import httpx

from assistant.domain import MAX_PAGE_SIZE, AnswerMode, AskResponse, DocumentMeta, IngestOutcome
from assistant.settings import Settings

LOCAL_CLIENT = "cli-local"
LOCAL_ADMIN_ONLY = ("Làm việc trực tiếp trên kho dữ liệu (chế độ cục bộ) chỉ dành cho quản trị viên: dùng --api-key "
                    "(hoặc TROLY_API_KEY) của một tài khoản admin, hoặc gửi lệnh tới máy chủ bằng --api-url.")


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
    def check_index(self) -> dict[str, Any]: ...
    def repair_index(self) -> dict[str, Any]: ...
    def close(self) -> None: ...


class LocalBackend:
    def __init__(self, settings: Settings, api_key: str | None = None) -> None:
        from assistant.services.audit import AuditService, redact_with
        from assistant.services.container import Services

        self.services = Services(settings)
        _ = self.services.store  # opens the embedded store now: raises StoreLockedError if held
        self.services.ingest.recover()
        self.audit = AuditService(self.services.registry, lambda text: redact_with(self.services.redactor)(text))
        try:
            self.principal = self._admin(api_key) if api_key else None
        except BackendError:
            self.services.close()  # release the store before the error reaches the terminal
            raise

    def _admin(self, key: str) -> Any:
        from assistant.services.access import AccessService

        principal = AccessService(self.services.registry).authenticate(key)
        if principal is None:
            self.audit.record("login_failed", client=LOCAL_CLIENT, status=401, detail="troly (cục bộ)")
            raise BackendError("Khóa API không hợp lệ hoặc đã bị thu hồi.", 401)
        if principal.role != "admin":
            self.audit.record("forbidden", user=principal.name, client=LOCAL_CLIENT, status=403,
                              detail="troly (cục bộ)")
            raise BackendError(LOCAL_ADMIN_ONLY, 403)
        return principal

    def _reader(self) -> Any:
        if self.principal is None:
            raise BackendError(LOCAL_ADMIN_ONLY, 403)
        return self.principal

    def ask(self, question: str, top_k: int | None, doc_ids: list[str] | None,
            mode: AnswerMode | None = None) -> AskResponse:
        from assistant.services.access import scope_for

        principal, t0 = self._reader(), time.perf_counter()
        for d in doc_ids or []:
            self.document(d)
        response = self.services.answering.ask(question, scope_for(principal, doc_ids), top_k, mode)
        self.audit.record("ask" if response.answerable else "refused", user=principal.name, question=question,
                          doc_ids=[c.doc_id for c in response.citations + response.related],
                          answerable=response.answerable, latency_ms=int((time.perf_counter() - t0) * 1000),
                          client=LOCAL_CLIENT)
        return response

    def ingest(self, paths: list[Path], classification: str | None, units: list[str], progress: Any = None
               ) -> list[IngestOutcome]:
        user = self.principal.name if self.principal else ""
        outcomes = self.services.ingest.ingest_paths(paths, classification, units, user=user, progress=progress)
        for o in outcomes:
            self.audit.record("upload", user=user, doc_ids=[o.doc_id] if o.doc_id else [],
                              latency_ms=int(o.seconds * 1000), client=LOCAL_CLIENT,
                              detail=f"{o.status}: {o.source}" + (f" — {o.reason}" if o.reason else ""))
        return outcomes

    def documents(self) -> list[DocumentMeta]:
        principal = self._reader()
        return [r.to_meta() for r in self.services.registry.list_documents()
                if principal.may_read(r.classification, r.units or [])]

    def document(self, doc_id: str) -> DocumentMeta:
        principal = self._reader()
        row = self.services.registry.get(doc_id)
        if row is None or not principal.may_read(row.classification, row.units or []):
            raise BackendError(f"Không tìm thấy tài liệu có mã '{doc_id}'.")
        return row.to_meta()

    def delete(self, doc_id: str) -> None:
        meta = self.document(doc_id)
        self.services.ingest.delete(doc_id)
        self.audit.record("delete", user=self._reader().name, doc_ids=[doc_id], client=LOCAL_CLIENT,
                          detail=meta.source)

    def check_index(self) -> dict[str, Any]:
        from dataclasses import asdict

        principal = self._reader()
        report = self.services.ingest.check()
        self.audit.record("index_check", user=principal.name, client=LOCAL_CLIENT,
                          detail=" ".join(f"{k}={v}" for k, v in report.counts().items()))
        return asdict(report)

    def repair_index(self) -> dict[str, Any]:
        principal = self._reader()
        result = self.services.ingest.repair()
        self.audit.record("index_repair", user=principal.name, client=LOCAL_CLIENT,
                          detail=f"recovered={result.recovered} removed={len(result.removed)}")
        return result.as_dict()

    def close(self) -> None:
        self.services.close()


class HttpBackend:
    def __init__(self, base_url: str, api_key: str | None = None, timeout: float = 600.0) -> None:
        headers = {"Authorization": f"Bearer {api_key}"} if api_key else {}
        self.client = httpx.Client(base_url=base_url.rstrip("/"), headers=headers, timeout=timeout)

    def _request(self, method: str, url: str, **kw: Any) -> httpx.Response:
        """The one path of every call: no server, or a refusal, is a BackendError."""
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
        return r

    def _call(self, method: str, url: str, **kw: Any) -> Any:
        return self._request(method, url, **kw).json()

    def listing(self, path: str, params: dict[str, Any]) -> dict[str, Any]:
        """A GET of the plan API (unset filters left out); a paged list read to its last page, as one
        `{"total", "items"}`."""
        clean = {k: v for k, v in params.items() if v not in (None, False, "")}
        out: dict[str, Any] = {"total": 0, "items": []}
        page = 1
        while True:
            data = self._call("GET", path, params={**clean, "page": page, "page_size": MAX_PAGE_SIZE})
            if "page" not in data:
                return dict(data)
            out["total"] = data["total"]
            out["items"] += data["items"]
            if len(out["items"]) >= data["total"] or not data["items"]:
                return out
            page += 1

    def report(self, body: dict[str, Any]) -> bytes:
        """A report draft as the server renders it in `body["format"]` (json, md, docx)."""
        return self._request("POST", "/v1/reports", json={k: v for k, v in body.items() if v}).content

    def ask(self, question: str, top_k: int | None, doc_ids: list[str] | None,
            mode: AnswerMode | None = None) -> AskResponse:
        body = {"question": question, "top_k": top_k, "doc_ids": doc_ids, "mode": mode}
        return AskResponse.model_validate(self._call("POST", "/v1/ask", json=body))

    def ingest(self, paths: list[Path], classification: str | None, units: list[str], progress: Any = None
               ) -> list[IngestOutcome]:
        from ingest.service import find_files

        out: list[IngestOutcome] = []
        for found in find_files(paths):
            p = found.path
            if found.refusal:  # a symlink met while walking a folder is not followed, not even to upload it
                out.append(IngestOutcome(source=p.name, status="failed", reason=found.refusal))
                continue
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

    def me(self) -> dict[str, Any]:
        """The account of the key (name, role, clearance, units)."""
        return dict(self._call("GET", "/v1/me"))

    def document(self, doc_id: str) -> DocumentMeta:
        return DocumentMeta.model_validate(self._call("GET", f"/v1/documents/{doc_id}"))

    def delete(self, doc_id: str) -> None:
        self._call("DELETE", f"/v1/documents/{doc_id}")

    def check_index(self) -> dict[str, Any]:
        return dict(self._call("GET", "/v1/index"))

    def repair_index(self) -> dict[str, Any]:
        return dict(self._call("POST", "/v1/index/repair"))

    def close(self) -> None:
        self.client.close()
