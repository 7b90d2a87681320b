"""Users and API keys (argon2-hashed, revocable), roles, and the read scope of a principal."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Literal

import numpy as np
import pytest
from argon2 import PasswordHasher
from typer.testing import CliRunner

from assistant.cli import app as cli
from assistant.components.edge_store import EdgeStore
from assistant.components.registry import Registry
from assistant.components.sparse import SparseEncoder
from assistant.components.vector_store import AccessScope, ChunkPoint
from assistant.services.access import (
    ROLE_PERMISSIONS,
    AccessService,
    Permission,
    Principal,
    UserError,
    scope_for,
    split_key,
)
from assistant.settings import QdrantSettings

KEY = re.compile(r"^troly_[0-9a-f]{8}_[A-Za-z0-9_-]{40,}$")


class CountingHasher(PasswordHasher):
    """argon2 as used in production, counting the slow verifications."""

    verified = 0

    def verify(self, hash: str | bytes, password: str | bytes) -> Literal[True]:  # noqa: A002
        self.verified += 1
        return super().verify(hash, password)


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture()
def registry(tmp_path: Path) -> Registry:
    return Registry(f"sqlite:///{tmp_path / 'registry.db'}")


@pytest.fixture()
def access(registry: Registry) -> AccessService:
    return AccessService(registry, hasher=CountingHasher())


def _db_bytes(folder: Path) -> bytes:
    return b"".join(p.read_bytes() for p in folder.iterdir() if p.name.startswith("registry.db"))


def test_add_returns_key_once_and_stores_only_a_slow_hash(access: AccessService, tmp_path: Path) -> None:
    info, key = access.add("nguyen.van.a", "editor", "internal", ["Văn phòng Đảng ủy", " Văn phòng  Đảng ủy "])
    assert KEY.match(key), key
    prefix, secret = split_key(key)  # type: ignore[misc]
    assert (info.name, info.role, info.clearance, info.units, info.key_prefix) == (
        "nguyen.van.a", "editor", "internal", ["Văn phòng Đảng ủy"], prefix)
    assert info.revoked_at is None and info.created_at.endswith("+00:00")
    row = access.registry.user("nguyen.van.a")
    assert row is not None and row.key_hash.startswith("$argon2id$")
    stored = _db_bytes(tmp_path)
    assert key.encode() not in stored and secret.encode() not in stored
    assert key not in repr(access.users())


def test_authenticate(access: AccessService) -> None:
    _, key = access.add("viewer1", "viewer", "public", ["xã A"])
    assert access.authenticate(key) == Principal("viewer1", "viewer", "public", ("xã A",))
    prefix, secret = split_key(key)  # type: ignore[misc]
    for bad in ("", "troly", key + "x", f"troly_{prefix}_{secret[::-1]}", f"troly_00000000_{secret}",
                key.replace("troly_", "trolx_"), f"Bearer {key}"):
        assert access.authenticate(bad) is None, bad


def test_verified_keys_are_cached_so_the_kdf_runs_once(access: AccessService) -> None:
    _, key = access.add("viewer1", "viewer", "public")
    hasher = access.hasher
    assert isinstance(hasher, CountingHasher)
    for _ in range(5):
        assert access.authenticate(key) is not None
    assert hasher.verified == 1


def test_wrong_keys_cost_one_kdf_and_unknown_prefixes_none(access: AccessService) -> None:
    """The KDF is the memory an attacker would spend: a wrong key is hashed once, then refused from memory;
    a prefix that belongs to nobody is refused without hashing."""
    _, key = access.add("viewer1", "viewer", "public")
    hasher = access.hasher
    assert isinstance(hasher, CountingHasher)
    prefix, secret = split_key(key)  # type: ignore[misc]
    for _ in range(5):
        assert access.authenticate(f"troly_{prefix}_{secret[::-1]}") is None
        assert access.authenticate(f"troly_00000000_{secret}") is None
    assert hasher.verified == 1


def test_verifications_are_bounded(registry: Registry) -> None:
    """Two KDF runs at a time; a caller that cannot get a turn in time is told the server is busy."""
    import threading

    from assistant.services.access import VerificationBusyError

    gate, entered = threading.Event(), threading.Semaphore(0)

    class SlowHasher(PasswordHasher):
        def verify(self, hash: str, password: str) -> bool:  # type: ignore[override]
            entered.release()
            gate.wait(10)
            return super().verify(hash, password)

    access = AccessService(registry, hasher=SlowHasher(time_cost=1, memory_cost=8, parallelism=1),
                           max_verifications=2, verify_wait=0.2)
    _, key = access.add("viewer1", "viewer", "public")
    prefix = split_key(key)[0]  # type: ignore[index]
    threads = [threading.Thread(target=access.authenticate, args=(f"troly_{prefix}_sai-{i}",)) for i in range(2)]
    for t in threads:
        t.start()
    assert entered.acquire(timeout=5) and entered.acquire(timeout=5)  # both slots taken
    with pytest.raises(VerificationBusyError, match="đang bận"):
        access.authenticate(f"troly_{prefix}_sai-3")
    gate.set()
    for t in threads:
        t.join()
    assert access.authenticate(key) is not None  # slots given back


def test_revoke_stops_the_key_at_once_in_this_process(access: AccessService) -> None:
    _, key = access.add("viewer1", "viewer", "public")
    assert access.authenticate(key) is not None  # now cached
    access.revoke("viewer1")
    assert access.authenticate(key) is None
    assert access.users()[0].revoked_at
    with pytest.raises(UserError, match="Không có người dùng"):
        access.revoke("viewer1")


def test_revoke_from_another_process_is_seen_within_the_cache_ttl(registry: Registry) -> None:
    clock = Clock()
    server = AccessService(registry, cache_ttl=60, clock=clock)
    cli_side = AccessService(Registry(str(registry.engine.url)))
    _, key = cli_side.add("viewer1", "viewer", "public")
    assert server.authenticate(key) is not None
    cli_side.revoke("viewer1")
    clock.now += 59
    assert server.authenticate(key) is not None  # documented: up to cache_ttl seconds
    clock.now += 2
    assert server.authenticate(key) is None


def test_readding_a_revoked_user_issues_a_new_key(access: AccessService) -> None:
    _, old = access.add("viewer1", "viewer", "public")
    with pytest.raises(UserError, match="đã tồn tại"):
        access.add("viewer1", "viewer", "public")
    access.revoke("viewer1")
    info, new = access.add("viewer1", "editor", "internal")
    assert new != old and info.role == "editor" and info.revoked_at is None
    assert access.authenticate(old) is None
    assert access.authenticate(new) == Principal("viewer1", "editor", "internal", ())
    assert len(access.users()) == 1


@pytest.mark.parametrize(
    ("name", "role", "clearance", "message"),
    [
        ("", "viewer", "public", "Tên người dùng"),
        ("có dấu cách", "viewer", "public", "Tên người dùng"),
        ("a" * 129, "viewer", "public", "Tên người dùng"),
        ("ok", "superuser", "public", "Vai trò"),
        ("ok", "viewer", "secret", "Mức được đọc"),
    ],
)
def test_bad_user_data(access: AccessService, name: str, role: str, clearance: str, message: str) -> None:
    with pytest.raises(UserError, match=message):
        access.add(name, role, clearance)


def test_bootstrap_creates_one_admin(access: AccessService) -> None:
    key = access.bootstrap()
    assert key is not None
    assert access.authenticate(key) == Principal("admin", "admin", "restricted", ())
    assert access.bootstrap() is None
    access.revoke("admin")
    assert access.bootstrap() is not None  # no active admin left: a new one


@pytest.mark.parametrize(
    ("role", "allowed"),
    [
        ("viewer", {"ask", "read"}),
        ("editor", {"ask", "read", "upload", "delete_own"}),
        ("admin", {"ask", "read", "upload", "delete_own", "delete_any", "users", "audit", "index"}),
        ("stranger", set()),
    ],
)
def test_role_permissions(role: str, allowed: set[str]) -> None:
    p = Principal("x", role, "public")
    assert {perm.value for perm in Permission if p.can(perm)} == allowed
    assert set(ROLE_PERMISSIONS.get(role, ())) == allowed


@pytest.mark.parametrize(
    ("principal", "uploaded_by", "may"),
    [
        (Principal("a", "viewer", "restricted"), "a", False),
        (Principal("a", "editor", "public"), "a", True),
        (Principal("a", "editor", "public"), "b", False),
        (Principal("a", "editor", "public"), "", False),
        (Principal("root", "admin", "public"), "b", True),
        (Principal("root", "admin", "public"), "", True),
    ],
)
def test_may_delete(principal: Principal, uploaded_by: str, may: bool) -> None:
    assert principal.may_delete(uploaded_by) is may


@pytest.mark.parametrize(
    ("principal", "scope"),
    [
        (Principal("v", "viewer", "public", ("xã A",)), AccessScope(["public"], ["xã A"], None)),
        (Principal("e", "editor", "internal"), AccessScope(["public", "internal"], [], None)),
        (Principal("r", "admin", "restricted", ("xã A",)), AccessScope(["public", "internal", "restricted"], None, None)),
    ],
)
def test_scope_for(principal: Principal, scope: AccessScope) -> None:
    assert scope_for(principal) == scope
    assert scope_for(principal, ["d1"]).doc_ids == ["d1"]


DOCS = [  # doc_id, classification, units
    ("pub", "public", []),
    ("pub-a", "public", ["xã A"]),
    ("int", "internal", []),
    ("int-b", "internal", ["xã B"]),
    ("res", "restricted", []),
]
PRINCIPALS = [
    Principal("v", "viewer", "public"),
    Principal("va", "viewer", "public", ("xã A",)),
    Principal("eb", "editor", "internal", ("xã B",)),
    Principal("ea", "editor", "internal", ("xã A",)),
    Principal("rv", "viewer", "restricted", ("xã A", "xã B")),
    Principal("ad", "admin", "internal"),
    Principal("root", "admin", "restricted"),
]
EXPECTED = {
    "v": {"pub"},
    "va": {"pub", "pub-a"},
    "eb": {"pub", "int", "int-b"},
    "ea": {"pub", "pub-a", "int"},
    "rv": {"pub", "pub-a", "int", "int-b", "res"},
    "ad": {"pub", "pub-a", "int", "int-b"},
    "root": {"pub", "pub-a", "int", "int-b", "res"},
}


def test_registry_rule_matches_the_vector_store_filter(tmp_path: Path) -> None:
    """`Principal.may_read` (registry rows) and `scope_for` (inside the Qdrant query) agree."""
    store = EdgeStore(QdrantSettings(), tmp_path / "edge")
    store.ensure_collection(4)
    enc = SparseEncoder()
    rng = np.random.default_rng(0)
    store.upsert(
        ChunkPoint(f"00000000-0000-0000-0000-00000000000{i}", rng.random(4).astype(np.float32),
                   enc.encode_document("chuyển đổi số"), {"doc_id": d, "classification": c, "units": u})
        for i, (d, c, u) in enumerate(DOCS)
    )
    try:
        for p in PRINCIPALS:
            hits = store.hybrid_query(np.ones(4, dtype=np.float32), enc.encode_query("chuyển đổi số"),
                                      scope_for(p), 10, 10)
            assert {h.payload["doc_id"] for h in hits} == EXPECTED[p.name], p
            assert {d for d, c, u in DOCS if p.may_read(c, u)} == EXPECTED[p.name], p
    finally:
        store.close()


def test_unknown_classification_is_never_readable() -> None:
    assert not Principal("root", "admin", "restricted").may_read("tối mật", [])


# CLI --------------------------------------------------------------------------------------------

def test_users_cli(tmp_path: Path) -> None:
    runner = CliRunner()
    env = {"TROLY_DATA_DIR": str(tmp_path), "COLUMNS": "200"}

    boot = runner.invoke(cli, ["users", "bootstrap"], env=env)
    assert boot.exit_code == 0, boot.output
    admin_key = next(line for line in boot.output.splitlines() if line.startswith("troly_"))
    assert KEY.match(admin_key) and "Authorization: Bearer" in boot.output
    again = runner.invoke(cli, ["users", "bootstrap"], env=env)
    assert again.exit_code == 0 and "troly_" not in again.output and "Đã có tài khoản quản trị" in again.output

    add = runner.invoke(cli, ["users", "add", "can.bo.xa", "--role", "editor", "--clearance", "internal",
                              "--unit", "xã A", "--unit", "xã B"], env=env)
    assert add.exit_code == 0, add.output
    key = next(line for line in add.output.splitlines() if line.startswith("troly_"))
    bad = runner.invoke(cli, ["users", "add", "x", "--role", "boss"], env=env)
    assert bad.exit_code == 2 and "Vai trò phải là" in bad.output

    listed = runner.invoke(cli, ["users", "list", "--json"], env=env)
    assert listed.exit_code == 0
    assert key not in listed.output and admin_key not in listed.output and "argon2" not in listed.output
    assert '"can.bo.xa"' in listed.output and '"xã B"' in listed.output

    access = AccessService(Registry(f"sqlite:///{tmp_path / 'registry.db'}"))
    assert access.authenticate(key) == Principal("can.bo.xa", "editor", "internal", ("xã A", "xã B"))
    revoke = runner.invoke(cli, ["users", "revoke", "can.bo.xa"], env=env)
    assert revoke.exit_code == 0 and "Đã thu hồi" in revoke.output
    assert AccessService(access.registry).authenticate(key) is None
    text = runner.invoke(cli, ["users", "list"], env=env).output
    assert "can.bo.xa" in text and "thu hồi" in text and "admin" in text
