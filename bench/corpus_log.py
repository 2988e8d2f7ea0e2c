"""An independent request log in the contract format, built from real public text.

``python -m bench corpus-log --out DIR --seed S [--scale X] [--corpora FOLDER]`` writes

- ``DIR/requests.jsonl.gz``: one JSON object per request (the contract of
  ../shared/spec/request-log.md), sorted by time, gzip without a file time (byte-identical
  for the same arguments);
- ``DIR/truth.csv``: ``account_id,role,campaign_id,network_id`` (roles as
  analysis/evaluation/scores.py expects);
- ``DIR/populations.csv``: ``account_id,population,language`` (language: the language of
  the instruction frame an extraction account wraps its questions in, empty where none);
- ``DIR/releases.csv``: ``model,released_at`` (the new model comes out on day 7).

The prompts are the real text of ../shared/corpora (AlpacaEval instructions and their
outputs, GSM8K questions and worked answers, the first human turn of HH-RLHF harmless-base
conversations and the assistant's reply). Nothing of it is copied into the project: the
log is written where --out points (the robustness bench uses a temporary folder). The
accounts, infrastructure, timing and the attack wording are written here, independently of
the traffic generator (analysis/synth), so a detector tuned on the generator meets text,
frames and rhythms it has not seen. tests/evaluation/test_corpus_log.py checks that no
attack frame of this file occurs in the generator's text.

Benign populations (role): ``everyday`` (benign; AlpacaEval instructions and HH first turns
in a few sessions at a person's daily rhythm in their own time zone), ``homework`` (benign;
GSM8K questions as they are, sometimes with a short lead-in, afternoons and evenings),
``power_user`` (power_user; heavy working-hours use with a fixed system prompt through an
SDK), ``eval_researcher`` (researcher; the whole GSM8K test set, or a part of it on the new
model, in one burst at temperature 0 with an "answer with the final number" frame).

Attack campaigns (role extraction, one actor each):

- ``R-cot`` / polyglot_cot: 30-60 new free accounts (scaled), 25-60 requests each at human
  rhythm, each with its own /24s, client string and (mostly) card; GSM8K questions and
  AlpacaEval instructions wrapped in frames asking for the whole derivation, in English,
  Spanish, German, French or Portuguese (one language per account).
- ``R-judge`` / pairwise_judge: a few accounts asking which of two answers (an AlpacaEval
  output and a truncated or unrelated one) is better, as JSON, in US working hours.
- ``R-mark`` / marking_scheme: GSM8K worked answers (some with a planted slip) marked
  against a marking scheme with per-criterion feedback, batches round the clock.
- ``R-sweep`` / skill_sweep: a systematic grid of output language x format x length over
  the AlpacaEval instructions, round the clock, moving to the new model within hours.
"""

from __future__ import annotations

import argparse
import csv
import gzip
import hashlib
import json
import os
import re
import sys
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from string import Template

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
CORPORA = Path(os.environ.get("DW_CORPORA", ROOT.parent / "shared" / "corpora"))
CORPUS_FILES = (
    "alpaca_eval_llama3_8b_outputs.json",
    "gsm8k_test.jsonl",
    "hh_harmless_base_test.jsonl.gz",
)

START = datetime(2027, 2, 1, tzinfo=UTC)  # a Monday
DAYS = 14
DAY = 86_400.0
HOUR = 3_600.0
MODELS = ("nimbus-1-mini", "nimbus-1", "nimbus-2")
OLD_RELEASES = ("2026-06-02T15:00:00Z", "2026-09-15T15:00:00Z")
RELEASE_S = 7 * DAY + 17 * HOUR  # nimbus-2 comes out on day 7 at 17:00 UTC
RESPONSE_CHARS = 1000  # the gateway keeps this much of a response

# Accounts per population at scale 1 (about 30k requests in all).
SIZES = {
    "everyday": 420,
    "homework": 110,
    "power_user": 12,
    "pairwise_judge": 5,
    "marking_scheme": 4,
    "skill_sweep": 3,
}
COT_ACCOUNTS = (30, 60)
COT_REQUESTS = (25, 60)
COT_LANGUAGES = (("en", 0.3), ("es", 0.2), ("de", 0.2), ("fr", 0.15), ("pt", 0.15))

# ---------------------------------------------------------------------------
# attack wording, written for this log (none of it is in analysis/synth)
# ---------------------------------------------------------------------------

COT_FRAMES = {
    "en": (
        "Before the answer, lay out your working as numbered stages and keep every "
        "intermediate result; I need the full trail, not a summary.",
        "Treat this as a worked example for a textbook: write each deduction on its own line, "
        "then finish with 'Final:' and the result.",
        "I'm compiling annotated solutions. Give the complete derivation, every sub-step "
        "spelled out, and mark the final result clearly.",
        "Do not shorten anything: record each thought that leads to the result, in order, "
        "then state the result.",
    ),
    "es": (
        "Antes de dar el resultado, escribe tu desarrollo completo en etapas numeradas, sin "
        "omitir ningún cálculo intermedio.",
        "Resuélvelo como en un solucionario: cada deducción en una línea aparte y al final "
        "'Resultado:'.",
        "Necesito la derivación entera, con cada paso justificado, no solo la respuesta.",
        "Describe en orden todo lo que piensas hasta llegar a la solución y después indícala.",
    ),
    "de": (
        "Schreib vor dem Ergebnis deinen vollständigen Lösungsweg in nummerierten Etappen "
        "auf, ohne Zwischenrechnungen wegzulassen.",
        "Löse es wie in einem Lösungsheft: jede Folgerung in eine eigene Zeile, am Ende "
        "'Ergebnis:'.",
        "Ich brauche die gesamte Herleitung mit Begründung für jeden Teilschritt, nicht nur "
        "die Antwort.",
        "Beschreibe der Reihe nach jeden Gedanken bis zur Lösung und nenne sie erst danach.",
    ),
    "fr": (
        "Avant le résultat, rédige ton raisonnement complet en étapes numérotées, sans sauter "
        "aucun calcul intermédiaire.",
        "Résous-le comme dans un corrigé : chaque déduction sur sa propre ligne, puis "
        "« Résultat : » à la fin.",
        "Il me faut la démarche entière, chaque sous-étape justifiée, pas seulement la réponse.",
        "Décris dans l'ordre chaque pensée qui mène à la solution, puis donne-la.",
    ),
    "pt": (
        "Antes do resultado, escreva o desenvolvimento completo em etapas numeradas, sem "
        "pular nenhuma conta intermediária.",
        "Resolva como num gabarito comentado: cada dedução numa linha própria e, no fim, "
        "'Resultado:'.",
        "Preciso da dedução inteira, com cada passo justificado, não só a resposta.",
        "Descreva em ordem cada pensamento até chegar à solução e só então apresente-a.",
    ),
}
COT_LAYOUTS = (
    "$f\n---\n$q",
    "$q\n\n($f)",
    "Task >> $q\nNote >> $f",
    '$f\n\n"""\n$q\n"""',
)
JUDGE_TEMPLATES = (
    'Which response is better, A or B? Reply in JSON: {"winner": "A" or "B", "reason": '
    '"..."}.\n\nUser request:\n$q\n\nResponse A:\n$a\n\nResponse B:\n$b',
    "You are comparing two assistant replies to the same request. Pick the more helpful and "
    "accurate one.\n<request>$q</request>\n<reply_a>$a</reply_a>\n<reply_b>$b</reply_b>\n"
    'Answer only with JSON {"winner": "A"|"B"|"tie", "reason": string}.',
    "PAIRWISE PREFERENCE\nprompt: $q\n--- candidate A ---\n$a\n--- candidate B ---\n$b\n---\n"
    "Which candidate would a careful user prefer? Output JSON with the fields winner, "
    "confidence (0-1) and a one-sentence reason.",
    'Here are two answers to "$q".\n\n(A) $a\n\n(B) $b\n\nWhich one is better? Reply in '
    'JSON, e.g. {"better": "B", "why": "..."}.',
)
MARK_TEMPLATES = (
    "MARKING SCHEME (5 marks)\n  [2] correct set-up of the quantities\n  [2] arithmetic "
    "carried out without slips\n  [1] final answer stated with units\n\nProblem: $q\n\n"
    "Student working:\n$w\n\nMark the working against each line of the scheme. Quote the "
    "line of working that earns or loses each mark, then give the total as n/5.",
    "As a maths moderator, apply this rubric to the attempt below. Criteria: (i) method "
    "chosen, (ii) accuracy of each computation, (iii) presentation, (iv) final result. For "
    "each criterion give 0-3 with a one-paragraph comment, and finish with an overall band "
    "(Excellent / Secure / Developing / Weak).\n\nQuestion: $q\nAttempt: $w",
    "Assess this pupil's solution.\n\nQ) $q\n\nA) $w\n\nUse the four-band descriptor: band 4 "
    "= fully correct with clear reasoning, band 3 = minor slip, band 2 = partial method, "
    "band 1 = little of value. State the band, list every error you find with its line, and "
    "write feedback addressed to the pupil.",
)
SWEEP_TEMPLATES = (
    "Respond in $lang, as $fmt, $size.\n\nInstruction: $q",
    "$q\n\n[output language: $lang | shape: $fmt | size: $size]",
)
SWEEP_LANGS = ("Japanese", "Korean", "Arabic", "Hindi", "Turkish", "Polish", "Vietnamese",
               "Swahili")  # fmt: skip
SWEEP_FORMATS = ("a Markdown table", "valid YAML", "a numbered list", "one paragraph",
                 "JSON with the keys answer and notes", "a short dialogue")  # fmt: skip
SWEEP_SIZES = ("under 50 words", "about 200 words", "no length limit", "exactly three sentences")
# Every attack frame of this log, for the test that none of them comes from the generator.
ATTACK_FRAMES: tuple[str, ...] = (
    *(f for frames in COT_FRAMES.values() for f in frames),
    *COT_LAYOUTS,
    *JUDGE_TEMPLATES,
    *MARK_TEMPLATES,
    *SWEEP_TEMPLATES,
)

JUDGE_REASONS = (
    "{w} answers every part of the request; the other stops halfway.",
    "{w} stays on the question, while the other talks about something else.",
    "{w} is complete and concrete; the other is cut off before the main point.",
    "{w} gives usable detail; the other is vague.",
)
MARK_LINES = (
    "Set-up: the quantities are identified correctly in the first line ({m}/2).",
    "Arithmetic: {s} ({m}/2).",
    "Final answer: {f} ({m}/1).",
    "Presentation: each step follows from the one before and is easy to check.",
    "Feedback: write the unit next to every intermediate result so a slip shows at once.",
)

# ---------------------------------------------------------------------------
# benign wording
# ---------------------------------------------------------------------------

HOMEWORK_LEADS = (
    "can you help me with this one? ",
    "stuck on this: ",
    "how do I solve this ",
    "homework question - ",
    "my daughter asked me this and I'm not sure: ",
)
POWER_SYSTEM = (
    "You help a small travel agency write clear customer emails.",
    "You are the writing assistant of a two-person law office. Be precise.",
    "Assist a freelance translator and editor; keep the author's tone.",
    "You support a market-research analyst; say when you are unsure.",
)
RESEARCH_FRAMES = (
    "Answer with the final number only.\n\n$q",
    "$q\nAnswer with the final number and nothing else.",
)

# ---------------------------------------------------------------------------
# infrastructure (this log's own: countries, networks, clients)
# ---------------------------------------------------------------------------

# (country, UTC offset, weight, residential ASNs)
GEO = (
    ("US", -5.0, 10, (7922, 701, 22773)), ("US", -8.0, 8, (7018, 20001, 5650)),
    ("CA", -5.0, 2, (577, 812)), ("GB", 0.0, 5, (2856, 5607)), ("DE", 1.0, 4, (3320, 6830)),
    ("FR", 1.0, 3, (3215, 12322)), ("ES", 1.0, 2, (3352, 12479)), ("MX", -6.0, 2, (8151,)),
    ("BR", -3.0, 4, (28573, 18881)), ("PT", 0.0, 1, (3243,)), ("IN", 5.5, 6, (24560, 45609)),
    ("AU", 10.0, 2, (1221,)), ("JP", 9.0, 2, (2516, 4713)), ("NG", 1.0, 1, (29465,)),
    ("PH", 8.0, 1, (9299,)),
)  # fmt: skip
LANG_GEO = {"en": ("US", "GB", "IN", "CA"), "es": ("ES", "MX"), "de": ("DE",),
            "fr": ("FR",), "pt": ("BR", "PT")}  # fmt: skip
CLOUD_ASNS = (16509, 15169, 8075, 14061, 24940, 63949)
ACADEMIC_ASNS = (217, 2152, 1312, 786)
# Relative activity by local hour for people, for homework and for office work.
PERSON_HOURS = np.array([3, 1.5, 1, 0.8, 0.8, 1.5, 4, 9, 14, 17, 18, 18, 17, 17, 18, 18, 17, 16,
                         17, 20, 22, 20, 14, 7], float)  # fmt: skip
HOMEWORK_HOURS = np.array([1, 0.3, 0.1, 0.1, 0.1, 0.2, 1, 3, 4, 4, 4, 5, 6, 8, 12, 16, 18, 18,
                           17, 19, 20, 16, 8, 3], float)  # fmt: skip
OFFICE_HOURS = np.array([0, 0, 0, 0, 0, 0, 0.2, 1, 8, 10, 10, 9, 6, 9, 10, 10, 9, 6, 2, 0.5, 0.3,
                         0.2, 0, 0], float)  # fmt: skip


def browser_client(rng: np.random.Generator) -> str:
    """Return a browser user agent."""
    v = int(rng.integers(118, 134))
    k = int(rng.integers(0, 4))
    if k == 0:
        return f"Mozilla/5.0 (X11; Linux x86_64; rv:{v}.0) Gecko/20100101 Firefox/{v}.0"
    if k == 1:
        return (
            "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
            f"Chrome/{v}.0.{int(rng.integers(1000, 7000))}.{int(rng.integers(10, 200))} "
            f"Safari/537.36 Edg/{v}.0.0.0"
        )
    if k == 2:
        return (
            f"Mozilla/5.0 (Linux; Android {int(rng.integers(12, 16))}; "
            f"SM-S9{int(rng.integers(10, 30))}B) AppleWebKit/537.36 (KHTML, like Gecko) "
            f"Chrome/{v}.0.0.0 Mobile Safari/537.36"
        )
    return (
        "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) "
        f"Version/{int(rng.integers(16, 19))}.{int(rng.integers(0, 7))} Safari/605.1.15"
    )


def library_client(rng: np.random.Generator) -> str:
    """Return an HTTP library or SDK user agent with a drawn version."""
    k = int(rng.integers(0, 7))
    a, b = int(rng.integers(0, 10)), int(rng.integers(0, 12))
    return (
        f"python-requests/2.{28 + a % 5}.{b % 4}",
        f"node-fetch/3.{a % 4}.{b % 3}",
        f"curl/8.{a}.{b % 2}",
        f"undici/6.{10 + a}.{b % 3}",
        f"reqwest/0.12.{a}",
        f"nimbus-sdk-python/1.{a}.{b % 7} (CPython 3.1{a % 4}; Linux)",
        f"nimbus-sdk-ts/1.{b}.{a % 5} (node 2{a % 3}.{b}.0)",
    )[k]


APP_CLIENTS = ("Jotter/3.1.4 (Android 14)", "DeskPal/0.9.8 (Windows)", "QuillNote/5.2 (iOS 18.1)")


def hexid(rng: np.random.Generator, nbytes: int) -> str:
    return rng.bytes(nbytes).hex()


@dataclass
class Account:
    """One account of the log and what stays fixed across its requests."""

    account_id: str
    population: str
    role: str
    country: str
    tz: float
    created_s: float  # seconds from the window start (negative: before it)
    tier: str
    user_agent: str
    card: str
    org_id: str
    ips: list[tuple[str, int]]
    keys: list[str]
    campaign_id: str = ""
    network_id: str = ""
    language: str = ""


@dataclass
class LogWriter:
    """Accounts and request rows of the log being built (seeded generators only)."""

    seed: int
    rng: np.random.Generator = field(init=False)
    accounts: list[Account] = field(default_factory=list)
    rows: list[tuple[int, int, dict]] = field(default_factory=list)
    prefixes: dict[int, list[tuple[int, int]]] = field(default_factory=dict)
    ids: set[str] = field(default_factory=set)

    def __post_init__(self) -> None:
        self.rng = np.random.default_rng([self.seed, 0xC0B05])

    # --- ids and addresses -------------------------------------------------------------

    def new_id(self, prefix: str, nbytes: int) -> str:
        while True:
            s = prefix + hexid(self.rng, nbytes)
            if s not in self.ids:
                self.ids.add(s)
                return s

    def block(self, asn: int) -> str:
        """Return a /24 (a.b.c) inside one of the ASN's four /16s."""
        if asn not in self.prefixes:
            self.prefixes[asn] = [
                (int(self.rng.integers(11, 223)), int(self.rng.integers(0, 256))) for _ in range(4)
            ]
        a, b = self.prefixes[asn][int(self.rng.integers(0, 4))]
        return f"{a}.{b}.{int(self.rng.integers(0, 256))}"

    def ip(self, asn: int, block: str | None = None) -> tuple[str, int]:
        return f"{block or self.block(asn)}.{int(self.rng.integers(2, 254))}", asn

    def geo(self, countries: tuple[str, ...] | None = None) -> tuple[str, float, tuple[int, ...]]:
        rows = [g for g in GEO if countries is None or g[0] in countries]
        w = np.array([g[2] for g in rows], float)
        g = rows[int(self.rng.choice(len(rows), p=w / w.sum()))]
        return g[0], g[1], g[3]

    def add(self, population: str, role: str, **kw) -> Account:
        kw.setdefault("org_id", self.new_id("org-", 5))
        kw.setdefault("card", self.new_id("card-", 8))
        kw.setdefault("keys", [self.new_id("sk-", 8)])
        acct = Account(self.new_id("cust-", 5), population, role, **kw)
        self.accounts.append(acct)
        return acct

    # --- requests ----------------------------------------------------------------------

    def model(self, t: float, base: int, p_new: float) -> str:
        if t >= RELEASE_S and self.rng.random() < p_new:
            return MODELS[2]
        return MODELS[base]

    def request(
        self,
        acct: Account,
        t: float,
        prompt: str,
        response: str,
        *,
        model: str,
        extra_tokens: int = 0,
        system_prompt: str | None = None,
        p_error: float = 0.002,
        **params,
    ) -> None:
        """Add one request at t seconds from the window start (none outside the window)."""
        if not 0.0 <= t < DAYS * DAY:
            return
        status = 200
        u = self.rng.random()
        if u < p_error:
            status = 429 if u < p_error * 0.7 else 500
        max_tokens = params.get("max_tokens")
        completion = tokens(response) + extra_tokens if status == 200 else 0
        if max_tokens:
            completion = min(completion, max_tokens)
        ip, asn = acct.ips[int(self.rng.integers(0, len(acct.ips)))]
        rec = {
            "timestamp": iso(t),
            "account_id": acct.account_id,
            "org_id": acct.org_id,
            "account_created_at": iso(acct.created_s, millis=False),
            "account_tier": acct.tier,
            "api_key_id": acct.keys[int(self.rng.integers(0, len(acct.keys)))],
            "ip": ip,
            "asn": asn,
            "country": acct.country,
            "user_agent": acct.user_agent,
            "payment_fingerprint": acct.card,
            "model": model,
            "endpoint": params.pop("endpoint", "chat"),
            "conversation_id": self.new_id("cv-", 7),
            "prompt": prompt,
            "response": response[:RESPONSE_CHARS] if status == 200 else "",
            "prompt_tokens": tokens(prompt) + tokens(system_prompt or ""),
            "completion_tokens": completion,
            "status_code": status,
            "latency_ms": int(180 + completion * self.rng.uniform(8, 22)),
        }
        if system_prompt:
            rec["system_prompt"] = system_prompt
        rec.update({k: v for k, v in params.items() if v is not None})
        self.rows.append((round(t * 1000), len(self.rows), rec))


def tokens(text: str) -> int:
    return (len(text) + 3) // 4


def iso(t: float, millis: bool = True) -> str:
    dt = START + timedelta(milliseconds=round(t * 1000))
    if millis:
        return dt.strftime("%Y-%m-%dT%H:%M:%S.") + f"{dt.microsecond // 1000:03d}Z"
    return dt.strftime("%Y-%m-%dT%H:%M:%SZ")


# ---------------------------------------------------------------------------
# the corpora
# ---------------------------------------------------------------------------


@dataclass
class Corpus:
    """Real text: (instruction, output), (question, worked answer), (first human turn, reply)."""

    alpaca: list[tuple[str, str]]
    gsm: list[tuple[str, str]]
    hh: list[tuple[str, str]]


_HH_FIRST = re.compile(r"\n\nHuman:(.*?)\n\nAssistant:(.*?)(?=\n\nHuman:|$)", re.S)


def missing_files(folder: Path) -> list[str]:
    return [f for f in CORPUS_FILES if not (folder / f).is_file()]


def load_corpus(folder: Path) -> Corpus:
    """Read the three corpora of folder (see ../shared/corpora/README.md)."""
    with open(folder / CORPUS_FILES[0], encoding="utf-8") as fh:
        alpaca = [(a["instruction"].strip(), a["output"].strip()) for a in json.load(fh)]
    with open(folder / CORPUS_FILES[1], encoding="utf-8") as fh:
        gsm = [(g["question"].strip(), g["answer"].strip()) for g in map(json.loads, fh)]
    hh = []
    with gzip.open(folder / CORPUS_FILES[2], "rt", encoding="utf-8") as fh:
        for line in fh:
            m = _HH_FIRST.search(json.loads(line)["chosen"])
            if m and m.group(1).strip():
                hh.append((m.group(1).strip(), m.group(2).strip()))
    return Corpus([a for a in alpaca if a[0]], [g for g in gsm if g[0]], hh)


def worked(answer: str) -> tuple[str, str]:
    """Return (GSM8K worked answer without calculator marks, final number)."""
    body, _, final = answer.partition("####")
    body = re.sub(r"<<[^>]*>>", "", body).strip()
    final = final.strip()
    return f"{body}\nThe answer is {final}.", final


def clip(text: str, chars: int) -> str:
    """Return text cut at a word boundary before chars characters."""
    if len(text) <= chars:
        return text
    cut = text[:chars]
    return cut[: cut.rfind(" ")] if " " in cut else cut


# ---------------------------------------------------------------------------
# timing
# ---------------------------------------------------------------------------


def local_times(
    w: LogWriter,
    n: int,
    hours: np.ndarray,
    tz: float,
    span: tuple[float, float] = (0, DAYS),
    weekdays: bool = False,
) -> np.ndarray:
    """Return n times (s from the window start) on days in span, by local-hour weights."""
    days = np.arange(int(span[0]), max(int(span[0]) + 1, int(np.ceil(span[1]))))
    if weekdays:
        days = days[days % 7 < 5] if (days % 7 < 5).any() else days
    d = w.rng.choice(days, n)
    h = w.rng.choice(24, n, p=hours / hours.sum())
    return (d * 24 + h - tz) * HOUR + w.rng.uniform(0, HOUR, n)


def sessions(w: LogWriter, starts: np.ndarray, sizes: np.ndarray, gap: tuple[float, float]):
    """Return the times of sessions: sizes[i] requests from starts[i], gap seconds apart."""
    out = []
    for t0, k in zip(starts, sizes, strict=True):
        out.extend(t0 + np.cumsum(np.r_[0.0, w.rng.uniform(*gap, int(k) - 1)]))
    return np.sort(np.asarray(out, float))


def batches(w: LogWriter, t0: float, t1: float, per_day: float, size: tuple[int, int]):
    """Return times of machine batches between t0 and t1: size requests 2-8 s apart."""
    n_batches = max(1, int((t1 - t0) / DAY * per_day / np.mean(size)))
    starts = np.sort(w.rng.uniform(t0, t1, n_batches))
    sizes = w.rng.integers(size[0], size[1] + 1, n_batches)
    return sessions(w, starts, sizes, (2.0, 8.0))


# ---------------------------------------------------------------------------
# benign populations
# ---------------------------------------------------------------------------


def person(w: LogWriter, population: str, role: str, p_browser: float, tiers) -> Account:
    country, tz, asns = w.geo()
    ips = [w.ip(int(w.rng.choice(asns)))]
    if w.rng.random() < 0.4:
        ips.append(w.ip(int(w.rng.choice(asns))))
    u = w.rng.random()
    ua = (
        browser_client(w.rng)
        if u < p_browser
        else APP_CLIENTS[int(w.rng.integers(0, 3))]
        if u < p_browser + 0.1
        else library_client(w.rng)
    )
    return w.add(
        population,
        role,
        country=country,
        tz=tz,
        created_s=-w.rng.uniform(20, 1500) * DAY,
        tier=tiers[int(w.rng.integers(0, len(tiers)))],
        user_agent=ua,
        ips=ips,
    )


def plan_everyday(w: LogWriter, c: Corpus, n: int) -> None:
    for _ in range(n):
        a = person(w, "everyday", "benign", 0.75, ("free", "free", "pro"))
        n_sessions = int(w.rng.integers(1, 9))
        t = sessions(
            w,
            local_times(w, n_sessions, PERSON_HOURS, a.tz),
            w.rng.integers(1, 5, n_sessions),
            (25, 400),
        )
        base = int(w.rng.integers(0, 2))
        temp = (1.0, 0.7, None)[int(w.rng.integers(0, 3))]
        for ti in t:
            src = c.alpaca if w.rng.random() < 0.35 else c.hh
            q, ans = src[int(w.rng.integers(0, len(src)))]
            w.request(
                a,
                ti,
                q,
                ans,
                model=w.model(ti, base, 0.3),
                temperature=temp,
                max_tokens=(None, 1024, 2048)[int(w.rng.integers(0, 3))],
            )


def plan_homework(w: LogWriter, c: Corpus, n: int) -> None:
    for _ in range(n):
        a = person(w, "homework", "benign", 0.85, ("free", "edu"))
        n_sessions = int(w.rng.integers(2, 7))
        t = sessions(
            w,
            local_times(w, n_sessions, HOMEWORK_HOURS, a.tz),
            w.rng.integers(1, 6, n_sessions),
            (60, 600),
        )
        for ti in t:
            q, ans = c.gsm[int(w.rng.integers(0, len(c.gsm)))]
            if w.rng.random() < 0.25:
                q = HOMEWORK_LEADS[int(w.rng.integers(0, len(HOMEWORK_LEADS)))] + q
            if w.rng.random() < 0.2:
                q = q.lower()
            w.request(a, ti, q, worked(ans)[0], model=w.model(ti, 0, 0.2), temperature=1.0)


def plan_power(w: LogWriter, c: Corpus, n: int) -> None:
    for _ in range(n):
        a = person(w, "power_user", "power_user", 0.0, ("pro", "enterprise"))
        a.keys.append(w.new_id("sk-", 8))
        system = POWER_SYSTEM[int(w.rng.integers(0, len(POWER_SYSTEM)))]
        per_day = w.rng.uniform(15, 50)
        t = local_times(w, int(per_day * 10), OFFICE_HOURS, a.tz, weekdays=True)
        for ti in np.sort(t):
            src = c.alpaca if w.rng.random() < 0.7 else c.hh
            q, ans = src[int(w.rng.integers(0, len(src)))]
            w.request(
                a,
                ti,
                q,
                ans,
                model=w.model(ti, 1, 0.5),
                system_prompt=system,
                endpoint="responses",
                temperature=0.5,
                max_tokens=2048,
            )


def plan_researchers(w: LogWriter, c: Corpus) -> None:
    """Two evaluation runs of GSM8K, each one burst: all of it, and a part on the new model."""
    for i, frame in enumerate(RESEARCH_FRAMES):
        asn = ACADEMIC_ASNS[int(w.rng.integers(0, len(ACADEMIC_ASNS)))]
        country, tz = (("US", -5.0), ("GB", 0.0))[i]
        a = w.add(
            "eval_researcher",
            "researcher",
            country=country,
            tz=tz,
            created_s=-w.rng.uniform(200, 900) * DAY,
            tier="research",
            user_agent=library_client(w.rng),
            ips=[w.ip(asn)],
        )
        items = c.gsm if i == 0 else [c.gsm[j] for j in w.rng.choice(len(c.gsm), 400, False)]
        day = int(w.rng.integers(1, 6)) if i == 0 else int(w.rng.integers(9, 12))
        t0 = (day * 24 + float(w.rng.uniform(10, 15)) - tz) * HOUR
        t = t0 + np.cumsum(w.rng.uniform(0.8, 2.5, len(items)))
        for ti, (q, ans) in zip(t, items, strict=True):
            w.request(
                a,
                ti,
                Template(frame).substitute(q=q),
                worked(ans)[1],
                model=MODELS[1 + i],
                temperature=0.0,
                max_tokens=16,
            )


# ---------------------------------------------------------------------------
# attack campaigns
# ---------------------------------------------------------------------------


def campaign_pool(w: LogWriter, c: Corpus) -> list[tuple[str, str]]:
    """Shuffled (question, long answer) pairs: GSM8K worked answers and AlpacaEval outputs."""
    pool = [(q, worked(a)[0]) for q, a in c.gsm] + list(c.alpaca)
    return [pool[i] for i in w.rng.permutation(len(pool))]


def plan_cot(w: LogWriter, c: Corpus, scale: float) -> None:
    """R-cot: many low-volume new accounts, rotating /24s, clients and cards, 5 languages."""
    n = max(3, round(int(w.rng.integers(COT_ACCOUNTS[0], COT_ACCOUNTS[1] + 1)) * scale))
    pool = campaign_pool(w, c)
    langs, p = zip(*COT_LANGUAGES, strict=True)
    prepaid = [w.new_id("card-", 8) for _ in range(3)]
    used_uas: set[str] = set()
    k = 0
    for i in range(n):
        lang = langs[i % len(langs)] if i < len(langs) else str(w.rng.choice(langs, p=p))
        country, tz, asns = w.geo(LANG_GEO[lang])
        ua = ""
        while not ua or ua in used_uas:
            ua = browser_client(w.rng) if w.rng.random() < 0.5 else library_client(w.rng)
        used_uas.add(ua)
        ips = [w.ip(int(w.rng.choice(asns + CLOUD_ASNS[3:]))) for _ in range(w.rng.integers(2, 5))]
        first = float(w.rng.uniform(0, DAYS - 3))
        a = w.add(
            "polyglot_cot",
            "extraction",
            campaign_id="R-cot",
            network_id="RN-cot",
            language=lang,
            country=country,
            tz=tz,
            created_s=(first - w.rng.uniform(0.3, 5)) * DAY,
            tier="free",
            user_agent=ua,
            ips=ips,
            card=prepaid[int(w.rng.integers(0, 3))] if w.rng.random() < 0.2 else None,
        )
        if a.card is None:
            a.card = w.new_id("card-", 8)
        frames = w.rng.choice(len(COT_FRAMES[lang]), 2, replace=False)
        layout = Template(COT_LAYOUTS[int(w.rng.integers(0, len(COT_LAYOUTS)))])
        count = int(w.rng.integers(COT_REQUESTS[0], COT_REQUESTS[1] + 1))
        n_sessions = max(1, count // 5)
        span = (first, min(DAYS, first + w.rng.uniform(3, 10)))
        sizes = np.maximum(
            1, np.diff(np.r_[0, np.sort(w.rng.choice(count, n_sessions - 1)), count])
        )
        t = sessions(w, local_times(w, n_sessions, PERSON_HOURS, tz, span), sizes, (20, 90))
        temp = (0.7, 1.0)[int(w.rng.integers(0, 2))]
        for ti in t:
            q, ans = pool[k % len(pool)]
            k += 1
            f = COT_FRAMES[lang][frames[int(w.rng.integers(0, 2))]]
            w.request(
                a,
                ti,
                layout.substitute(q=q, f=f),
                ans,
                model=w.model(ti, 1, 0.6),
                extra_tokens=int(w.rng.integers(150, 700)),
                temperature=temp,
                max_tokens=(4096, 8192)[int(w.rng.integers(0, 2))],
            )


def actor_accounts(
    w: LogWriter,
    population: str,
    campaign: str,
    n: int,
    asns: tuple[int, ...],
    ua: str,
    n_cards: int,
    tier: str,
    country: str,
    tz: float,
) -> list[Account]:
    """A few accounts of one actor on shared /24s, one client string and n_cards cards."""
    blocks = [(w.block(a), a) for a in asns]
    cards = [w.new_id("card-", 8) for _ in range(n_cards)]
    out = []
    for i in range(n):
        blk, asn = blocks[i % len(blocks)]
        out.append(
            w.add(
                population,
                "extraction",
                campaign_id=campaign,
                network_id="RN-" + campaign[2:],
                country=country,
                tz=tz,
                created_s=-w.rng.uniform(15, 90) * DAY,
                tier=tier,
                user_agent=ua,
                ips=[w.ip(asn, blk) for _ in range(2)],
                card=cards[i % n_cards],
            )
        )
    return out


def plan_judge(w: LogWriter, c: Corpus, n: int) -> None:
    """R-judge: pairwise preferences over AlpacaEval outputs, US working hours."""
    accts = actor_accounts(
        w,
        "pairwise_judge",
        "R-judge",
        n,
        (14061, 24940),
        "python-httpx/0.27.0",
        2,
        "startup",
        "US",
        -8.0,
    )
    for a in accts:
        templates = w.rng.choice(len(JUDGE_TEMPLATES), int(w.rng.integers(1, 3)), replace=False)
        t = local_times(w, int(w.rng.uniform(60, 140) * 10), OFFICE_HOURS, a.tz, weekdays=True)
        for ti in np.sort(t):
            i = int(w.rng.integers(0, len(c.alpaca)))
            q, good = c.alpaca[i]
            if w.rng.random() < 0.5:
                bad = clip(good, int(len(good) * w.rng.uniform(0.2, 0.45)))
            else:
                bad = c.alpaca[int(w.rng.integers(0, len(c.alpaca)))][1]
            good_first = w.rng.random() < 0.5
            pa, pb = (good, bad) if good_first else (bad, good)
            tmpl = int(templates[int(w.rng.integers(0, len(templates)))])
            prompt = Template(JUDGE_TEMPLATES[tmpl]).substitute(
                q=q, a=clip(pa, 1500), b=clip(pb, 1500)
            )
            winner = "A" if good_first else "B"
            why = JUDGE_REASONS[int(w.rng.integers(0, len(JUDGE_REASONS)))].format(w=winner)
            keys = ("better", "why") if tmpl == 3 else ("winner", "reason")
            verdict = json.dumps({keys[0]: winner, keys[1]: why})
            w.request(
                a, ti, prompt, verdict, model=w.model(ti, 1, 0.5), temperature=0.0, max_tokens=200
            )


def plan_marking(w: LogWriter, c: Corpus, n: int) -> None:
    """R-mark: GSM8K worked answers (a third with a planted slip) marked against a scheme."""
    accts = actor_accounts(
        w, "marking_scheme", "R-mark", n, (16509, 8075), "node-fetch/3.3.2", 1, "pro", "GB", 0.0
    )
    for j, a in enumerate(accts):
        tmpl = Template(MARK_TEMPLATES[j % len(MARK_TEMPLATES)])
        for ti in batches(
            w, w.rng.uniform(0, 2) * DAY, DAYS * DAY, w.rng.uniform(80, 160), (6, 14)
        ):
            q, ans = c.gsm[int(w.rng.integers(0, len(c.gsm)))]
            text, final = worked(ans)
            slip = w.rng.random() < 0.35 and final in text
            if slip:
                wrong = str(int(float(final.replace(",", "") or 0)) + int(w.rng.integers(1, 9)))
                text = text[: text.rfind(final)] + wrong + text[text.rfind(final) + len(final) :]
            lines = [ln for ln in text.splitlines() if ln.strip()]
            arith = (
                f'the slip is in "{clip(lines[-2] if len(lines) > 1 else lines[0], 80)}"'
                if slip
                else "every computation checks out"
            )
            fin = "stated but wrong" if slip else "correct and clearly stated"
            marks = (2, 0 if slip else 2, 0 if slip else 1)
            verdict = "\n".join(
                [
                    MARK_LINES[0].format(m=marks[0]),
                    MARK_LINES[1].format(s=arith, m=marks[1]),
                    MARK_LINES[2].format(f=fin, m=marks[2]),
                    MARK_LINES[3],
                    MARK_LINES[4],
                    f"Total: {sum(marks)}/5.",
                ]
            )
            w.request(
                a,
                ti,
                tmpl.substitute(q=q, w=text),
                verdict,
                model=w.model(ti, 1, 0.7),
                extra_tokens=int(w.rng.integers(40, 200)),
                temperature=0.2,
                max_tokens=1024,
                p_error=0.01,
            )


def plan_sweep(w: LogWriter, c: Corpus, n: int) -> None:
    """R-sweep: output language x format x length over every AlpacaEval instruction."""
    accts = actor_accounts(
        w, "skill_sweep", "R-sweep", n, (15169,), "reqwest/0.12.7", 1, "pro", "US", -5.0
    )
    grid = [(la, f, s) for la in SWEEP_LANGS for f in SWEEP_FORMATS for s in SWEEP_SIZES]
    switch = RELEASE_S + float(w.rng.uniform(1, 4)) * HOUR
    k0 = int(w.rng.integers(0, len(grid) * len(c.alpaca)))
    for j, a in enumerate(accts):
        tmpl = Template(SWEEP_TEMPLATES[j % len(SWEEP_TEMPLATES)])
        t = batches(w, w.rng.uniform(0, 1) * DAY, DAYS * DAY, w.rng.uniform(150, 250), (8, 20))
        for i, ti in enumerate(t):
            k = k0 + i * n + j
            lang, fmt, size = grid[k % len(grid)]
            q, ans = c.alpaca[(k // len(grid) * 37 + k) % len(c.alpaca)]
            w.request(
                a,
                ti,
                tmpl.substitute(q=q, lang=lang, fmt=fmt, size=size),
                ans,
                model=MODELS[2] if ti >= switch else MODELS[1],
                temperature=0.0,
                max_tokens=2048,
                logprobs=bool(w.rng.random() < 0.3),
                p_error=0.02,
            )


# ---------------------------------------------------------------------------
# writing
# ---------------------------------------------------------------------------


def build(out: Path, seed: int, scale: float = 1.0, corpora: Path = CORPORA) -> dict:
    """Write requests.jsonl.gz, truth.csv, populations.csv, releases.csv; return counts."""
    corpus = load_corpus(corpora)
    w = LogWriter(seed)
    size = {p: max(1, round(n * scale)) for p, n in SIZES.items()}
    plan_everyday(w, corpus, size["everyday"])
    plan_homework(w, corpus, size["homework"])
    plan_power(w, corpus, size["power_user"])
    plan_researchers(w, corpus)
    plan_cot(w, corpus, scale)
    plan_judge(w, corpus, size["pairwise_judge"])
    plan_marking(w, corpus, size["marking_scheme"])
    plan_sweep(w, corpus, size["skill_sweep"])
    out.mkdir(parents=True, exist_ok=True)
    rows = sorted(w.rows, key=lambda r: (r[0], r[1]))
    with (
        open(out / "requests.jsonl.gz", "wb") as raw,
        gzip.GzipFile(filename="", mode="wb", fileobj=raw, mtime=0, compresslevel=6) as fh,
    ):
        for i, (_, _, rec) in enumerate(rows):
            rid = hashlib.blake2b(f"{seed}:{i}".encode(), digest_size=8).hexdigest()
            line = json.dumps(
                {"request_id": "rq-" + rid, **rec}, ensure_ascii=False, separators=(",", ":")
            )
            fh.write((line + "\n").encode("utf-8"))
    # an account whose every request fell outside the window is not part of the log
    active = {rec["account_id"] for _, _, rec in rows}
    accts = sorted((a for a in w.accounts if a.account_id in active), key=lambda a: a.account_id)
    with open(out / "truth.csv", "w", newline="", encoding="utf-8") as fh:
        cw = csv.writer(fh, lineterminator="\n")
        cw.writerow(["account_id", "role", "campaign_id", "network_id"])
        cw.writerows([a.account_id, a.role, a.campaign_id, a.network_id] for a in accts)
    with open(out / "populations.csv", "w", newline="", encoding="utf-8") as fh:
        cw = csv.writer(fh, lineterminator="\n")
        cw.writerow(["account_id", "population", "language"])
        cw.writerows([a.account_id, a.population, a.language] for a in accts)
    release = iso(RELEASE_S, millis=False)
    with open(out / "releases.csv", "w", newline="", encoding="utf-8") as fh:
        cw = csv.writer(fh, lineterminator="\n")
        cw.writerow(["model", "released_at"])
        cw.writerows([*zip(MODELS[:2], OLD_RELEASES, strict=True), (MODELS[2], release)])
    return {
        "requests": len(rows),
        "accounts": len(accts),
        "populations": {
            p: sum(a.population == p for a in accts)
            for p in dict.fromkeys(a.population for a in accts)
        },
    }


def main(argv: list[str] | None = None) -> int:
    """Command line: python -m bench corpus-log --out DIR --seed S [--scale X]."""
    p = argparse.ArgumentParser(
        prog="python -m bench corpus-log", description=__doc__.split("\n")[0]
    )
    p.add_argument("--out", required=True, help="folder to write the log and its truth into")
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--scale", type=float, default=1.0, help="multiplies the account counts")
    p.add_argument("--corpora", type=Path, default=CORPORA, help=f"default {CORPORA}")
    args = p.parse_args(argv)
    missing = missing_files(args.corpora)
    if missing:
        print(f"corpus-log: skipped ({args.corpora} lacks {', '.join(missing)})")
        return 0
    out = Path(args.out)
    if out.resolve().is_relative_to(ROOT) and not out.resolve().is_relative_to(ROOT / "data"):
        print(
            f"error: corpus text must not be written into the project ({out}); use a "
            "folder outside it or under data/",
            file=sys.stderr,
        )
        return 2
    counts = build(out, args.seed, args.scale, args.corpora)
    pops = ", ".join(f"{k} {v}" for k, v in counts["populations"].items())
    print(
        f"wrote {counts['requests']:,} requests from {counts['accounts']:,} accounts to {out} "
        f"({pops})"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
