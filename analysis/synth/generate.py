"""Synthetic LLM API request logs with ground truth: benign populations and extraction campaigns.

`generate_dataset` writes requests.<fmt>, truth.csv, populations.csv and releases.csv.
Output is a pure function of the arguments (seeded generators only, no clock, no hash()).
"""

from __future__ import annotations

import csv
import queue
import random
import sys
import threading
import zlib
from collections import Counter
from datetime import UTC, datetime
from json.encoder import encode_basestring
from pathlib import Path

import numpy as np

from analysis.synth import hard_negative_text as H
from analysis.synth import multilingual_text as M
from analysis.synth import prompts as T
from analysis.synth import responses as R
from analysis.synth import scripted_prompts as S
from analysis.synth.accounts import Account, Registry
from analysis.synth.evasion import check_evasion
from analysis.synth.grading_text import grade_prompt, grade_response
from analysis.synth.languages import LANGS
from analysis.synth.paraphrase import paraphrased_prompt
from analysis.synth.planners import (
    PLANNERS,
    POPULATIONS,
    all_populations,
    finish,
    plan_multilingual,
    population_sizes,
    populations_for,
)
from analysis.synth.template_banks import SYSTEM_PROMPTS
from analysis.synth.world import ENDPOINTS, MODELS, OLD_RELEASES, Plan, World

FORMATS = ("jsonl", "jsonl.gz")
CHUNK_ROWS = 20_000  # rows rendered per chunk before handing the bytes to the writer thread
GZIP_LEVEL = 6  # on the sample: 17% smaller than level 3, 3% larger than 9 in half the time
CHARS_PER_TOKEN = 4  # stored response length target = completion tokens * this (then capped)
HISTORY_TOKENS = (120, 420)  # prompt tokens added per earlier turn of a conversation
# Rows of the multilingual populations (column "own" = 1) are numbered from here in the
# request-id scramble, so every other row keeps the id it has without them.
OWN_ROW_BASE = 1 << 40
_MASK64 = np.uint64(0xFFFFFFFFFFFFFFFF)


# ---------------------------------------------------------------------------
# small helpers
# ---------------------------------------------------------------------------


def parse_start(start: str) -> int:
    """Return the window start as epoch milliseconds (naive dates are UTC)."""
    s = start.strip().replace("Z", "+00:00")
    dt = datetime.fromisoformat(s)
    if dt.tzinfo is None:
        dt = dt.replace(tzinfo=UTC)
    return round(dt.timestamp() * 1000)


def iso_ms(ms: int, with_millis: bool = False) -> str:
    """Return an ISO 8601 UTC string with Z for epoch milliseconds."""
    dt = datetime.fromtimestamp(ms / 1000, tz=UTC)
    if with_millis:
        return dt.strftime("%Y-%m-%dT%H:%M:%S.") + f"{ms % 1000:03d}Z"
    return dt.strftime("%Y-%m-%dT%H:%M:%SZ")


def opaque_ids(values: np.ndarray, key: int) -> list[str]:
    """Return 16-hex-digit ids, a bijective scramble of distinct non-negative ints."""
    with np.errstate(over="ignore"):
        z = (values.astype(np.uint64) ^ np.uint64(key)) + np.uint64(0x9E3779B97F4A7C15)
        z = (z ^ (z >> np.uint64(30))) * np.uint64(0xBF58476D1CE4E5B9)
        z = (z ^ (z >> np.uint64(27))) * np.uint64(0x94D049BB133111EB)
        z = (z ^ (z >> np.uint64(31))) & _MASK64
    return [f"{v:016x}" for v in z.tolist()]


def _account_fragments(
    accounts: list[Account],
) -> tuple[list[str], list[list[str]], list[list[str]]]:
    """Return per-account JSON fragments: fixed fields, per-IP fields and per-key fields."""
    enc = encode_basestring
    fixed, ips, keys = [], [], []
    for a in accounts:
        fixed.append(
            f'"account_id":"{a.account_id}","org_id":"{a.org_id}",'
            f'"account_created_at":"{iso_ms(a.created_ms)}","account_tier":"{a.tier}",'
            f'"country":"{a.country}","user_agent":{enc(a.user_agent)},'
            f'"payment_fingerprint":"{a.payment}"'
        )
        ips.append([f'"ip":"{ip}","asn":{asn}' for ip, asn in a.ips])
        keys.append([f'"api_key_id":"{k}"' for k in a.keys])
    return fixed, ips, keys


class _Sink:
    """Writes byte chunks from a background thread, gzip-compressing when asked."""

    def __init__(self, path: Path, gz: bool):
        self.fh = open(path, "wb")  # noqa: SIM115 - closed by close(), used by a thread
        self.z = zlib.compressobj(GZIP_LEVEL, zlib.DEFLATED, 31) if gz else None
        self.q: queue.Queue[bytes | None] = queue.Queue(maxsize=4)
        self.thread = threading.Thread(target=self._run, daemon=True)
        self.error: BaseException | None = None
        self.thread.start()

    def _run(self) -> None:
        try:
            while (chunk := self.q.get()) is not None:
                self.fh.write(self.z.compress(chunk) if self.z else chunk)
            if self.z:
                self.fh.write(self.z.flush())
        except BaseException as exc:  # surfaced by close()
            self.error = exc
            while self.q.get() is not None:
                pass

    def write(self, chunk: bytes) -> None:
        self.q.put(chunk)

    def close(self) -> None:
        self.q.put(None)
        self.thread.join()
        self.fh.close()
        if self.error is not None:
            raise self.error


# ---------------------------------------------------------------------------
# text for one row
# ---------------------------------------------------------------------------


def row_prompt(r: random.Random, kind: int, p1: int, p2: int, lang: str, turn: int) -> str:
    """Return the prompt text for a planned row."""
    if kind == T.KIND_EVERYDAY:
        return T.everyday_prompt(r, p1, lang, turn)
    if kind == T.KIND_STUDENT:
        return T.student_prompt(r, p1, turn)
    if kind == T.KIND_DEV:
        return T.dev_prompt(r, p1, turn)
    if kind == T.KIND_BACKEND:
        return S.backend_prompt(p1, p2)
    if kind == T.KIND_BENCH:
        return S.bench_prompt(p1 // T.N_BENCH_FORMATS, p1 % T.N_BENCH_FORMATS, p2)
    if kind == T.KIND_COT:
        return S.cot_prompt(r, lang)
    if kind == T.KIND_SWEEP:
        return S.sweep_prompt(r, p2)
    if kind == T.KIND_GRADE:
        return grade_prompt(r, p1)
    if kind in H.KINDS:
        return H.heavy_prompt(r, kind, p1, p2, turn)
    return S.rubric_prompt(r)


def _row_text(
    r: random.Random, sys_json: list[str], sys_tok: list[int], c: dict, j: int, kind: int,
    p1: int, turn: int, ctok: int, status: int,
) -> tuple[str, str, int, str]:  # fmt: skip
    """Return (prompt, system prompt JSON, prompt tokens, response) of a row."""
    lang = LANGS[c["lang"][j]]
    if c["para"][j]:  # adversary mode: the instruction frame is rewritten
        framed = paraphrased_prompt(r, kind, c["p2"][j], lang)
        prompt, sys_text = framed.prompt, framed.system
    else:
        prompt, sys_text = row_prompt(r, kind, p1, c["p2"][j], lang, turn), None
    sys_i = c["sys"][j]
    ptok = T.approx_tokens(prompt)
    if sys_text is not None:
        sys_field = encode_basestring(sys_text)
        ptok += T.approx_tokens(sys_text)
    elif sys_i >= 0:
        sys_field = sys_json[sys_i]
        ptok += sys_tok[sys_i]
    else:
        sys_field = "null"
    if turn:
        ptok += turn * r.randint(*HISTORY_TOKENS)
    if status == 200 and kind == T.KIND_GRADE:
        response = grade_response(r)
    elif status == 200 and kind in H.KINDS:
        response = H.heavy_response(r, kind, ctok, p1, c["p2"][j])
    elif status == 200:
        target = min(ctok * CHARS_PER_TOKEN, T.STORED_RESPONSE_CHARS)
        response = R.response_text(r, kind, target, p1, c["p2"][j], lang)
    else:
        response = ""
    return prompt, sys_field, ptok, response


def _own_text(
    r: random.Random, kind: int, p1: int, p2: int, turn: int, ctok: int, status: int
) -> tuple[str, str, int, str]:
    """Return (prompt, system prompt JSON, prompt tokens, response) of a multilingual row."""
    prompt, sys_text = M.row_prompt(r, kind, p1, p2, turn)
    ptok = M.approx_tokens(prompt)
    sys_field = "null"
    if sys_text is not None:
        sys_field = encode_basestring(sys_text)
        ptok += M.approx_tokens(sys_text)
    if turn:
        ptok += turn * r.randint(*HISTORY_TOKENS)
    response = ""
    if status == 200:
        response = M.row_response(r, kind, p1, p2, turn, ctok * CHARS_PER_TOKEN)
    return prompt, sys_field, ptok, response


# ---------------------------------------------------------------------------
# writers
# ---------------------------------------------------------------------------


def write_requests(
    path: Path,
    cols: dict[str, np.ndarray],
    accounts: list[Account],
    seed: int,
    gz: bool,
    progress: bool = False,
) -> int:
    """Write the request log sorted by time; return the number of rows."""
    m = len(cols["t"])
    order = np.argsort(cols["ts_ms"], kind="stable")
    own_sorted = cols["own"][order].astype(bool)
    # id numbers: the rank among the other rows, or OWN_ROW_BASE + the rank among own rows
    numbers = np.where(
        own_sorted, OWN_ROW_BASE + np.cumsum(own_sorted) - 1, np.cumsum(~own_sorted) - 1
    )
    fixed, ip_frags, key_frags = _account_fragments(accounts)
    r = random.Random(seed * 1_000_003 + 11)
    r_own = random.Random(seed * 1_000_003 + 0x4D4C)  # text of the multilingual rows only
    enc = encode_basestring
    sys_json = [enc(s) for s in SYSTEM_PROMPTS]
    sys_tok = [T.approx_tokens(s) for s in SYSTEM_PROMPTS]
    model_json = [enc(s) for s in MODELS]
    endpoint_json = [enc(s) for s in ENDPOINTS]
    key_req = (seed * 0x2545F4914F6CDD1D + 1) & 0xFFFFFFFFFFFF
    key_conv = (seed * 0x9E3779B97F4A7C15 + 7) & 0xFFFFFFFFFFFF
    sink = _Sink(path, gz)
    try:
        for lo in range(0, m, CHUNK_ROWS):
            idx = order[lo : lo + CHUNK_ROWS]
            ts = np.datetime_as_string(cols["ts_ms"][idx].astype("datetime64[ms]"), unit="ms")
            req_ids = opaque_ids(numbers[lo : lo + len(idx)], key_req)
            conv_ids = opaque_ids(cols["conv"][idx], key_conv)
            c = {k: cols[k][idx].tolist() for k in _ROW_FIELDS}
            lines = []
            for j in range(len(idx)):
                kind = c["kind"][j]
                turn = c["turn"][j]
                p1 = c["p1"][j]
                ctok = c["ctok"][j]
                status = c["status"][j]
                if c["own"][j]:
                    prompt, sys_field, ptok, response = _own_text(
                        r_own, kind, p1, c["p2"][j], turn, ctok, status
                    )
                else:
                    prompt, sys_field, ptok, response = _row_text(
                        r, sys_json, sys_tok, c, j, kind, p1, turn, ctok, status
                    )
                a = c["acct"][j]
                lines.append(
                    f'{{"request_id":"req_{req_ids[j]}","timestamp":"{ts[j]}Z",{fixed[a]},'
                    f"{key_frags[a][c['keyslot'][j]]},{ip_frags[a][c['ipslot'][j]]},"
                    f'"model":{model_json[c["model"][j]]},'
                    f'"endpoint":{endpoint_json[c["endpoint"][j]]},'
                    f'"system_prompt":{sys_field},'
                    f'"conversation_id":"conv_{conv_ids[j]}","prompt":{enc(prompt)},'
                    f'"response":{enc(response)},"prompt_tokens":{ptok},'
                    f'"completion_tokens":{ctok},"max_tokens":{c["max_tokens"][j]},'
                    f'"temperature":{c["temperature"][j]!r},"top_p":{c["top_p"][j]!r},'
                    f'"n":{c["n"][j]},"logprobs":{"true" if c["logprobs"][j] else "false"},'
                    f'"status_code":{status},"latency_ms":{c["latency"][j]}}}\n'
                )
            sink.write("".join(lines).encode("utf-8"))
            if progress:
                print(f"  requests: {min(lo + CHUNK_ROWS, m):,}/{m:,}", file=sys.stderr)
    finally:
        sink.close()
    return m


_ROW_FIELDS = (
    "acct",
    "kind",
    "p1",
    "p2",
    "lang",
    "turn",
    "model",
    "endpoint",
    "sys",
    "max_tokens",
    "temperature",
    "top_p",
    "n",
    "logprobs",
    "ctok",
    "status",
    "latency",
    "ipslot",
    "keyslot",
    "para",
    "own",
)


def write_truth(out_dir: Path, accounts: list[Account]) -> None:
    """Write truth.csv and populations.csv, one row per account sorted by account_id."""
    rows = sorted(accounts, key=lambda a: a.account_id)
    with open(out_dir / "truth.csv", "w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh, lineterminator="\n")
        w.writerow(["account_id", "role", "campaign_id", "network_id"])
        w.writerows([a.account_id, a.role, a.campaign_id, a.network_id] for a in rows)
    with open(out_dir / "populations.csv", "w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh, lineterminator="\n")
        w.writerow(["account_id", "population"])
        w.writerows([a.account_id, a.population] for a in rows)


def release_times(start_ms: int, world: World) -> list[tuple[str, str]]:
    """Return (model, released_at ISO) for every model, the new one inside the window."""
    new_ms = start_ms + int(world.release_s * 1000)
    return [*zip(MODELS[:-1], OLD_RELEASES, strict=True), (MODELS[-1], iso_ms(new_ms))]


def write_releases(out_dir: Path, releases: list[tuple[str, str]]) -> None:
    """Write releases.csv (model,released_at)."""
    with open(out_dir / "releases.csv", "w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh, lineterminator="\n")
        w.writerow(["model", "released_at"])
        w.writerows(releases)


# ---------------------------------------------------------------------------
# entry point
# ---------------------------------------------------------------------------


def build_plan(
    accounts: int, days: int, seed: int, start_ms: int, evasion: float = 0.0
) -> tuple[World, dict[str, np.ndarray]]:
    """Return the world (accounts) and the finished per-row columns, unsorted."""
    seq = np.random.SeedSequence(seed)
    children = seq.spawn(len(POPULATIONS) + 2)
    pops = populations_for(evasion)
    # the extra campaigns of adversary mode get generators spawned after the usual ones
    pop_seeds = children[: len(POPULATIONS)] + seq.spawn(len(pops) - len(POPULATIONS))
    start_weekday = datetime.fromtimestamp(start_ms / 1000, tz=UTC).weekday()
    world = World(
        start_ms=start_ms,
        days=days,
        start_weekday=start_weekday,
        registry=Registry(np.random.default_rng(children[-1]), start_ms),
        plan=Plan(),
        pop_codes={p: i for i, p in enumerate(pops)},
        evasion=evasion,
        paraphrase_rng=np.random.default_rng(seq.spawn(1)[0]) if evasion > 0 else None,
    )
    sizes = population_sizes(accounts, evasion)
    for pop, pop_seed in zip(pops, pop_seeds, strict=True):
        PLANNERS[pop](np.random.default_rng(pop_seed), world, sizes[pop])
    cols = finish(np.random.default_rng(children[-2]), world.plan.build())
    more = plan_multilingual(world, seed, accounts)  # planned last, from generators of its own
    own = np.concatenate([np.zeros(len(cols["t"]), np.int8), np.ones(len(more["t"]), np.int8)])
    cols = {k: np.concatenate([cols[k], more[k]]) for k in cols}
    cols["own"] = own
    span_ms = days * 86_400_000
    offset = np.clip(np.floor(cols["t"] * 1000.0), 0, span_ms - 1).astype(np.int64)
    cols["ts_ms"] = start_ms + offset
    return world, cols


def generate_dataset(
    out_dir: Path,
    accounts: int = 1500,
    days: int = 14,
    seed: int = 7,
    start: str = "2026-10-01",
    fmt: str = "jsonl.gz",
    progress: bool = False,
    evasion: float = 0.0,
) -> dict:
    """Write requests.<fmt>, truth.csv, populations.csv, releases.csv into out_dir; return counts.

    evasion (0.0 to 1.0) is the adversary strength: at 0 the plain generator, above it the
    extraction campaigns evade and two more are planted (knobs in analysis/synth/evasion.py).
    Every run also has ordinary users and products writing in many languages, on top of
    accounts (analysis/synth/multilingual.py).

    The dict has requests, accounts, populations (accounts per population),
    population_requests (rows per population), roles (accounts per role), campaigns
    (accounts per campaign id), release (the new model and its release time) and files.
    """
    if fmt not in FORMATS:
        raise ValueError(f"fmt must be one of {', '.join(FORMATS)} (got {fmt!r})")
    if days < 1:
        raise ValueError(f"days must be at least 1 (got {days})")
    evasion = check_evasion(evasion)
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    start_ms = parse_start(start)
    world, cols = build_plan(accounts, days, seed, start_ms, evasion)
    accts = world.registry.accounts
    if progress:
        print(f"planned {len(cols['t']):,} requests for {len(accts):,} accounts", file=sys.stderr)
    req_path = out_dir / f"requests.{fmt}"
    n = write_requests(req_path, cols, accts, seed, fmt.endswith(".gz"), progress)
    write_truth(out_dir, accts)
    releases = release_times(start_ms, world)
    write_releases(out_dir, releases)
    pops = all_populations(evasion)
    pop_rows = np.bincount(cols["pop"], minlength=len(pops))
    return {
        "requests": n,
        "accounts": len(accts),
        "populations": dict(Counter(a.population for a in accts)),
        "population_requests": {p: int(pop_rows[i]) for i, p in enumerate(pops)},
        "roles": dict(Counter(a.role for a in accts)),
        "campaigns": dict(Counter(a.campaign_id for a in accts if a.campaign_id)),
        "release": {"model": releases[-1][0], "released_at": releases[-1][1]},
        "files": [req_path.name, "truth.csv", "populations.csv", "releases.csv"],
        "days": days,
        "start": iso_ms(start_ms),
        "seed": seed,
        "evasion": evasion,
    }
