"""Users, API keys, roles and what each caller may read.

A key looks like ``troly_<8-char prefix>_<secret>``. The prefix finds the account; the whole
key is checked against an argon2 hash (a slow KDF), so the database never holds a usable key.
Verified keys are cached in memory for `cache_ttl` seconds under their SHA-256, so the KDF
runs once per key per minute, not on every ask. The KDF takes 64 MiB per run, so it can be turned into
a memory attack: runs are bounded (`max_verifications` at a time, a caller waits at most `verify_wait`
seconds for a turn, else `VerificationBusyError`), a key whose prefix belongs to nobody is refused
without it, and a wrong key is remembered (by its SHA-256) so repeating it costs nothing. Revoking in this process drops the cache
entry at once; another process (e.g. `troly users revoke` while `troly serve` runs) is seen
by the server when its cache entry expires, i.e. within `cache_ttl` seconds.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import secrets
import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from enum import StrEnum
from typing import Literal, get_args

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from assistant.components.registry import Registry, UserRow
from assistant.components.vector_store import AccessScope
from assistant.settings import CLASSIFICATION_RANK
from assistant.text import collapse_spaces, nfc

Role = Literal["viewer", "editor", "admin"]
ROLES: tuple[str, ...] = get_args(Role)
KEY_PREFIX = "troly"
_NAME = re.compile(r"^[\w.@-]{1,128}$")


class Permission(StrEnum):
    ASK = "ask"
    READ = "read"
    UPLOAD = "upload"
    DELETE_OWN = "delete_own"
    DELETE_ANY = "delete_any"
    USERS = "users"
    AUDIT = "audit"
    INDEX = "index"


_VIEWER = frozenset({Permission.ASK, Permission.READ})
_EDITOR = _VIEWER | {Permission.UPLOAD, Permission.DELETE_OWN}
ROLE_PERMISSIONS: dict[str, frozenset[Permission]] = {
    "viewer": _VIEWER,
    "editor": _EDITOR,
    "admin": frozenset(Permission),
}


class UserError(ValueError):
    """Bad user data; the message is Vietnamese and safe to show."""


class UnknownUserError(UserError):
    """No active user of that name."""


class VerificationBusyError(RuntimeError):
    """Too many key verifications at once; the caller should try again shortly."""


@dataclass(frozen=True)
class Principal:
    """The authenticated caller."""

    name: str
    role: str
    clearance: str
    units: tuple[str, ...] = ()

    def can(self, permission: Permission) -> bool:
        return permission in ROLE_PERMISSIONS.get(self.role, frozenset())

    def may_read(self, classification: str, units: Iterable[str]) -> bool:
        """Same rule as the vector-store filter of `scope_for`, for registry rows."""
        if _rank(classification) > _rank(self.clearance):
            return False
        doc_units = set(units)
        return self.role == "admin" or not doc_units or bool(doc_units & set(self.units))

    def may_delete(self, uploaded_by: str) -> bool:
        return self.can(Permission.DELETE_ANY) or (
            self.can(Permission.DELETE_OWN) and bool(uploaded_by) and uploaded_by == self.name
        )

    def as_dict(self) -> dict[str, object]:
        return {"name": self.name, "role": self.role, "clearance": self.clearance, "units": list(self.units)}


def _rank(classification: str) -> int:
    return CLASSIFICATION_RANK.get(classification, len(CLASSIFICATION_RANK))  # unknown: above everything


def readable_classifications(clearance: str) -> list[str]:
    return [c for c, r in CLASSIFICATION_RANK.items() if r <= _rank(clearance)]


def scope_for(principal: Principal, doc_ids: list[str] | None = None) -> AccessScope:
    """Classifications up to the clearance; admins see every unit, others their units plus
    documents without units (that is how `build_filter` treats an empty `units` payload)."""
    return AccessScope(
        classifications=readable_classifications(principal.clearance),
        units=None if principal.role == "admin" else list(principal.units),
        doc_ids=doc_ids,
    )


@dataclass(frozen=True)
class UserInfo:
    """What `troly users list` and `/v1/users` show: never the key or its hash."""

    name: str
    role: str
    clearance: str
    units: list[str]
    key_prefix: str
    created_at: str
    revoked_at: str | None

    @classmethod
    def of(cls, row: UserRow) -> UserInfo:
        return cls(row.name, row.role, row.clearance, list(row.units or []), row.key_prefix,
                   iso(row.created_at), iso(row.revoked_at) if row.revoked_at else None)


def iso(value: dt.datetime | None) -> str:
    """ISO 8601 in UTC (SQLite hands back naive datetimes; they were written in UTC)."""
    if value is None:
        return ""
    return (value if value.tzinfo else value.replace(tzinfo=dt.UTC)).isoformat()


def digest(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


def split_key(key: str) -> tuple[str, str] | None:
    """(prefix, secret) of a well-formed key, else None."""
    parts = key.strip().split("_", 2)
    if len(parts) != 3 or parts[0] != KEY_PREFIX or len(parts[1]) != 8 or not parts[2]:
        return None
    return parts[1], parts[2]


class AccessService:
    def __init__(
        self,
        registry: Registry,
        cache_ttl: float = 60.0,
        hasher: PasswordHasher | None = None,
        clock: Callable[[], float] = time.monotonic,
        max_verifications: int = 2,
        verify_wait: float = 20.0,
    ) -> None:
        self.registry = registry
        self.cache_ttl = cache_ttl
        self.hasher = hasher or PasswordHasher()  # argon2id, RFC 9106 low-memory profile
        self.clock = clock
        self.verify_wait = verify_wait
        self._cache: dict[str, tuple[float, Principal]] = {}
        self._wrong: dict[str, float] = {}  # SHA-256 of keys that failed -> until when they are refused cheaply
        self._slots = threading.BoundedSemaphore(max_verifications)
        self._lock = threading.Lock()

    # accounts --------------------------------------------------------------
    def add(self, name: str, role: str, clearance: str, units: Iterable[str] = ()) -> tuple[UserInfo, str]:
        """Create the account and return it with its API key — the only time the key is visible."""
        name = nfc(name.strip())
        if not _NAME.match(name):
            raise UserError("Tên người dùng chỉ gồm chữ, số và các ký tự . _ - @ (tối đa 128 ký tự).")
        if role not in ROLES:
            raise UserError("Vai trò phải là viewer, editor hoặc admin.")
        if clearance not in CLASSIFICATION_RANK:
            raise UserError("Mức được đọc phải là public, internal hoặc restricted.")
        old = self.registry.user(name)
        if old is not None and old.revoked_at is None:
            raise UserError(f"Người dùng '{name}' đã tồn tại. Thu hồi khóa cũ trước khi cấp lại.")
        prefix = self._free_prefix()
        key = f"{KEY_PREFIX}_{prefix}_{secrets.token_urlsafe(32)}"
        row = UserRow(name=name, role=role, clearance=clearance, units=clean_units(units), key_prefix=prefix,
                      key_hash=self.hasher.hash(key), created_at=dt.datetime.now(dt.UTC), revoked_at=None)
        return UserInfo.of(self.registry.save_user(row)), key

    def _free_prefix(self) -> str:
        while True:
            prefix = secrets.token_hex(4)
            if not self.registry.users_with_prefix(prefix):
                return prefix

    def revoke(self, name: str) -> None:
        name = nfc(name.strip())
        if not self.registry.revoke_user(name):
            raise UnknownUserError(f"Không có người dùng '{name}' đang hoạt động.")
        with self._lock:
            self._cache = {k: v for k, v in self._cache.items() if v[1].name != name}

    def users(self) -> list[UserInfo]:
        return [UserInfo.of(r) for r in self.registry.list_users()]

    def has_admin(self) -> bool:
        return any(r.role == "admin" and r.revoked_at is None for r in self.registry.list_users())

    def bootstrap(self, name: str = "admin") -> str | None:
        """First start: an admin with full clearance, unless an active admin exists. Returns its key."""
        if self.has_admin():
            return None
        return self.add(name, "admin", "restricted")[1]

    # authentication --------------------------------------------------------
    def cached(self, key: str) -> Principal | None:
        """The principal of a key verified less than `cache_ttl` seconds ago (no database, no KDF)."""
        with self._lock:
            hit = self._cache.get(digest(key))
        return hit[1] if hit is not None and hit[0] > self.clock() else None

    def authenticate(self, key: str) -> Principal | None:
        """The principal of a valid, unrevoked key; None otherwise. Raises VerificationBusyError when no
        verification slot frees up in time."""
        if (principal := self.cached(key)) is not None:
            return principal
        parts = split_key(key)
        if parts is None:
            return None
        key_digest, now = digest(key), self.clock()
        with self._lock:
            if self._wrong.get(key_digest, 0.0) > now:
                return None
        rows = [row for row in self.registry.users_with_prefix(parts[0]) if row.revoked_at is None]
        principal = next((p for row in rows if (p := self._verify(row, key)) is not None), None)
        now = self.clock()
        with self._lock:
            self._cache = {k: v for k, v in self._cache.items() if v[0] > now}
            if principal is not None:
                self._cache[key_digest] = (now + self.cache_ttl, principal)
            else:
                if len(self._wrong) > 10_000:
                    self._wrong = {k: t for k, t in self._wrong.items() if t > now}
                self._wrong[key_digest] = now + self.cache_ttl
        return principal

    def _verify(self, row: UserRow, key: str) -> Principal | None:
        if not self._slots.acquire(timeout=self.verify_wait):
            raise VerificationBusyError("Máy chủ đang bận xác thực khóa API. Vui lòng thử lại sau ít giây.")
        try:
            self.hasher.verify(row.key_hash, key)
        except (VerificationError, InvalidHashError):
            return None
        finally:
            self._slots.release()
        return Principal(row.name, row.role, row.clearance, tuple(row.units or ()))


def clean_units(units: Iterable[str]) -> list[str]:
    """NFC, single spaces, no empties, no duplicates, order kept."""
    out: list[str] = []
    for u in units:
        u = collapse_spaces(nfc(u))
        if u and u not in out:
            out.append(u)
    return out
