"""Tests for the ordinary users and products in many languages (analysis/synth/multilingual.py)."""

from __future__ import annotations

import csv
import gzip
import hashlib
import json
import re
from collections import Counter, defaultdict
from pathlib import Path

import pytest

from analysis.synth import generate_dataset
from analysis.synth import multilingual_text as M
from analysis.synth.generate import build_plan, parse_start
from analysis.synth.multilingual import MULTILINGUAL, multilingual_sizes
from analysis.synth.world import ROLE

START = "2026-10-01"
FILES = ("requests.jsonl", "truth.csv", "populations.csv", "releases.csv")
# SHA-256 of the generator's output before the multilingual populations were added
# (accounts, days, seed, evasion -> file -> digest), computed with the generator of that
# time. With them added, dropping their accounts' lines from requests.jsonl, truth.csv and
# populations.csv must give exactly these bytes: every other population is unchanged.
PRE_MULTILINGUAL = {
    (120, 4, 5, 0.0): (
        "e77833617469d0bc271bb83115f00dbb10696c5b4236513650f65abe78cda820",
        "ac9fa3c3cbb6b3b75f3a888cb5769e0cfeea9882207754b832b417effc7fb275",
        "c0980c4f5b42480c949c739d9322ff1f317712488dae096a7fcdeefc2633b06f",
        "ef0aed37e390fe2cfb24227a4c20975bd4a884598c6726e0ce534cff40028dc6",
    ),
    (120, 4, 5, 1.0): (
        "ef346643db5300a3d2c883520b26250e53fb710ac9c8fd949bac53784aa547e4",
        "956836dcff73f9636714fc8ae70d6dfc108756cce7c1050b5136c8ff7832f49d",
        "850704b174e99ce6280d9b64319801b3675506f8374ac5e9aeff242621ab2508",
        "ef0aed37e390fe2cfb24227a4c20975bd4a884598c6726e0ce534cff40028dc6",
    ),
    (120, 3, 7, 0.0): (
        "dd132d16e4c03051927b8de236311bb4f80ef142814a3f997500bd6c2413dd80",
        "7c406429ffeade2cf83639b1bbe5a38319360d2f7c087f59dd0b2c0ff45d8958",
        "384bdd01e73b4c8a1ba8bcd41f85a97d8191e881dd7ecd01db5347cc42486548",
        "4aa9937042edc77b9f6965cd9068c38521d3538cf55f02dadeb480c6d08d8aed",
    ),
    (120, 3, 11, 0.0): (
        "08faa30ddd604c76351c2233578f38d6d5ef02ba363fb0c7965423cce4c16bc6",
        "2116055ddc23daf86b0c2d592642f2a91d6fdda8a4fa481ef44dc4670635e494",
        "aa3207f248b677f1b746359893b37fc5e8d12155142e93ba8f395d3031a6fe24",
        "4aa9937042edc77b9f6965cd9068c38521d3538cf55f02dadeb480c6d08d8aed",
    ),
    (1500, 14, 7, 0.0): (  # the committed sample (sample_data/) before the change
        "6eadaa6c56ba323eda2eb211c4ff82e101fc20e485dbe8eb0b7812d9c187f02b",
        "a714230ad7974cf09775042b25b66d833a67bc6c954cd64b037276c8f1d1188f",
        "3758d119087739fe598742d877ea92f993c995b859e3aaec906ee2f3275f698b",
        "39acf7b47315e8443802ab19e5c8c8668df25ad262ccba0321acdfd0592d25c6",
    ),
    (1500, 14, 11, 0.0): (
        "d03d48d6f4cef2545ce0ad16921711c9c64bcd0825fb43907c7be47aa55eda2e",
        "48a4e7a6ca01f2435ec24b17dd83840bf787ad15f3326dae43c343a91ed1ed16",
        "006c35537a4a668f5a415555d1cd58fa2ecac33b9230706cba6457b148297242",
        "39acf7b47315e8443802ab19e5c8c8668df25ad262ccba0321acdfd0592d25c6",
    ),
}
SAMPLE = (1500, 14, 7, 0.0)
# The business country of each product, and so the language it works in.
PRODUCT_LANG = {"KR": "ko", "JP": "ja", "RU": "ru", "ES": "es", "SA": "ar", "DE": "de",
                "TW": "zh", "VN": "vi", "ID": "id", "TR": "tr", "IN": "hi", "CH": "de"}  # fmt: skip

# ---------------------------------------------------------------------------
# telling the language of a text by its script, letters and words
# ---------------------------------------------------------------------------

SCRIPTS = (
    ("ko", re.compile(r"[\uac00-\ud7a3]")),  # Hangul
    ("ja", re.compile(r"[\u3040-\u30ff]")),  # kana
    ("zh", re.compile(r"[\u4e00-\u9fff]")),  # Han without kana
    ("th", re.compile(r"[\u0e00-\u0e7f]")),
    ("hi", re.compile(r"[\u0900-\u097f]")),  # Devanagari
    ("ar", re.compile(r"[\u0600-\u06ff]")),  # Arabic script (Persian told apart below)
    ("ru", re.compile(r"[\u0400-\u04ff]")),  # Cyrillic (Ukrainian told apart below)
)
PERSIAN = re.compile(r"[پچژگ\u06cc]")  # letters Arabic does not use (ی is the Persian yeh)
UKRAINIAN = re.compile(
    r"[іїєґІЇЄҐ]|\b(що|чи|як|це|мені|можна|питання|порадь|наведи|приклад)\b", re.IGNORECASE
)
NON_LATIN = re.compile(
    r"[\u0400-\u04ff\u0600-\u06ff\u0900-\u097f\u0e00-\u0e7f\u3040-\u9fff\uac00-\ud7a3]"
)
# Latin-script languages: (letters of that language, frequent short words); a letter
# counts double.
LATIN = {
    "vi": ("[ăđơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ]",
           "có|không|là|của|gì|cho|em|và|nhiêu|giúp|được|thì|nên|tính|tìm"),
    "tr": ("[ığşİ]", "bir|için|nasıl|ne|mı|mi|ve|olan|kaç|nedir|mısın|misin|neden|yani|cevap"
           "|neler|gereken|mutlaka|yaparken|sonuç"),
    "pl": ("[ąćęłńśźż]", "jak|się|czy|co|dla|jest|na|w|mi|ten|to"),
    "de": ("[ß]", "ich|und|was|wie|der|die|das|mir|nicht|mit|für|ein|einen|ist|mein|meine"
           "|meinen|kann|wann|wo|gibt|danke|alles|klar|sie|im|den|zu|bitte|du|hast|auf|es"),
    "sv": ("[å]", "och|jag|att|på|för|vad|hur|med|det|kan|en|ett|är|blir|mot|man|du|om"
           "|till|under|inte|alla|nu|så|av|varför"),
    "es": ("[ñ¿¡]", "qué|cómo|para|el|los|una|por|mi|con|que|me|hay|puedo|cuánto|la|de"
           "|gracias|vale|sentimos|puedes|tu|nuestra|hazme|dame|hacer|ir"),
    "pt": ("[ãõ]", "não|pra|como|um|uma|meu|você|tem|dá|em|o|do|da|no|na|vai|me|vou|eu"
           "|semana|que|isso|olhar|para|ao|pelo"),
    "fr": ("[œèêëîû]", "je|les|des|une|pour|est|pas|ce|qu|du|ça|on|quel|quoi|moi|faire|à"
           "|que|la|le|contre|quand|faut|il|mes|mon|ma|tu|vous|votre|nous|notre|sera|été"),
    "it": ("[ìò]", "il|di|che|per|cosa|mi|un|gli|sono|della|si|come|posso|quando|questo|a"
           "|ho|hai|la|le|contro|quali|qualche|vado|non|ci|al|dal"),
    "nl": ("ij", "ik|het|een|wat|voor|je|van|de|met|hoe|moet|op|kan|wordt|er|naar|tips|om"
           "|te|maken|dat|niet|bij|jij"),
    "id": ("(?!)", "yang|aku|dong|nggak|apa|aja|untuk|bisa|ya|dari|dan|di|kalau|ini|berapa"
           "|dengan|jika|tolong|kenapa|kapan|jadi|kan|belum|ada|biar|buat|sendiri|nilai|hitung"
           "|tentukan"),
}  # fmt: skip
ENGLISH = re.compile(r"\b(the|and|you|your|our|we|to|of|is|will|be|please|with)\b", re.I)
LATIN_RE = {
    lang: (re.compile(chars), re.compile(rf"\b({words})\b", re.IGNORECASE))
    for lang, (chars, words) in LATIN.items()
}


def detect(text: str) -> str:
    """Return the language code a text looks written in ("" when there is no evidence)."""
    for lang, rx in SCRIPTS:
        if rx.search(text):
            if lang == "ar" and PERSIAN.search(text):
                return "fa"
            if lang == "ru" and UKRAINIAN.search(text):
                return "uk"
            return lang
    scores = {
        lang: 2 * len(chars.findall(text)) + len(words.findall(text))
        for lang, (chars, words) in LATIN_RE.items()
    }
    best = max(scores.values())
    tops = [lang for lang, v in scores.items() if v == best]
    return tops[0] if best > 0 and len(tops) == 1 else ""


# ---------------------------------------------------------------------------
# helpers and fixtures
# ---------------------------------------------------------------------------


def _lines(out: Path) -> list[bytes]:
    path = out / "requests.jsonl"
    if path.exists():
        return path.read_bytes().splitlines(keepends=True)
    return gzip.decompress((out / "requests.jsonl.gz").read_bytes()).splitlines(keepends=True)


def _account(line: bytes) -> str:
    i = line.index(b'"account_id":"') + 14
    return line[i : i + 17].decode()


def _pops(out: Path) -> dict[str, str]:
    with open(out / "populations.csv", encoding="utf-8") as fh:
        return {r["account_id"]: r["population"] for r in csv.DictReader(fh)}


def digests_without_multilingual(out: Path) -> tuple[str, ...]:
    """Return the files' SHA-256 with the lines of the multilingual accounts dropped."""
    mine = {a for a, p in _pops(out).items() if p in MULTILINGUAL}
    assert mine  # the populations are there to drop
    kept = [b"".join(x for x in _lines(out) if _account(x) not in mine)]
    for name in FILES[1:]:
        rows = (out / name).read_bytes().splitlines(keepends=True)
        kept.append(b"".join(x for x in rows if x.split(b",", 1)[0].decode() not in mine))
    return tuple(hashlib.sha256(b).hexdigest() for b in kept)


class Log:
    """The rows of the multilingual accounts of one generated log, and its truth."""

    def __init__(self, out: Path, result: dict):
        self.out, self.result = out, result
        self.pop = _pops(out)
        with open(out / "truth.csv", encoding="utf-8") as fh:
            self.truth = {r["account_id"]: r for r in csv.DictReader(fh)}
        self.by_pop: dict[str, list[dict]] = defaultdict(list)
        for line in _lines(out):
            p = self.pop[_account(line)]
            if p in MULTILINGUAL:
                self.by_pop[p].append(json.loads(line))


def _generate(tmp_path_factory, key: tuple, fmt: str = "jsonl") -> tuple[Path, dict]:
    accounts, days, seed, evasion = key
    out = tmp_path_factory.mktemp(f"ml{accounts}_{days}_{seed}_{evasion}")
    result = generate_dataset(out, accounts=accounts, days=days, seed=seed, start=START,
                              fmt=fmt, evasion=evasion)  # fmt: skip
    return out, result


@pytest.fixture(scope="module")
def small_log(tmp_path_factory) -> Log:
    return Log(*_generate(tmp_path_factory, (120, 4, 5, 0.0)))


@pytest.fixture(scope="module")
def sample_log(tmp_path_factory) -> Log:
    return Log(*_generate(tmp_path_factory, SAMPLE))


def _local_hour(row: dict, tz: float) -> int:
    h = int(row["timestamp"][11:13]) + int(row["timestamp"][14:16]) / 60 + tz
    return int(h % 24)


# ---------------------------------------------------------------------------
# byte identity of everything else
# ---------------------------------------------------------------------------


@pytest.mark.parametrize("key", [k for k in PRE_MULTILINGUAL if k[0] < 1000])
def test_other_populations_byte_identical(tmp_path_factory, key):
    out, _ = _generate(tmp_path_factory, key)
    assert digests_without_multilingual(out) == PRE_MULTILINGUAL[key]


@pytest.mark.slow  # generates the 1,500-account sample (about 8 s)
def test_sample_without_multilingual_is_the_old_sample(sample_log):
    assert digests_without_multilingual(sample_log.out) == PRE_MULTILINGUAL[SAMPLE]


@pytest.mark.slow  # generates a 1,500-account log (about 8 s)
def test_seed_11_sample_size_without_multilingual_unchanged(tmp_path_factory):
    key = (1500, 14, 11, 0.0)
    out, _ = _generate(tmp_path_factory, key)
    assert digests_without_multilingual(out) == PRE_MULTILINGUAL[key]


def test_deterministic_for_a_seed_and_different_across_seeds():
    start = parse_start(START)
    (_, a), (_, b) = build_plan(60, 3, 4, start), build_plan(60, 3, 4, start)
    (_, c) = build_plan(60, 3, 5, start)
    own = a["own"] == 1
    assert own.any() and (b["own"] == 1).any()
    for name in ("t", "acct", "kind", "p1", "p2", "conv", "turn", "ctok", "status", "latency"):
        assert (a[name][own] == b[name][own]).all(), name
    assert len(c["t"][c["own"] == 1]) != own.sum() or (c["t"][c["own"] == 1] != a["t"][own]).any()


# ---------------------------------------------------------------------------
# sizes, truth, banks
# ---------------------------------------------------------------------------


def test_sizes():
    assert multilingual_sizes(1500) == {
        "multilingual_everyday": 60,
        "support_bot": 6,
        "tutoring_product": 7,
        "translation_product": 2,
    }
    assert multilingual_sizes(60)["multilingual_everyday"] >= 4
    assert multilingual_sizes(60)["support_bot"] == 2


def test_truth_has_no_campaign_or_network(small_log):
    seen = Counter()
    for acct, pop in small_log.pop.items():
        if pop in MULTILINGUAL:
            t = small_log.truth[acct]
            assert (t["role"], t["campaign_id"], t["network_id"]) == (ROLE[pop], "", ""), pop
            seen[pop] += 1
    assert set(seen) == set(MULTILINGUAL)
    assert {ROLE[p] for p in MULTILINGUAL} == {"benign", "power_user"}
    assert all(small_log.result["population_requests"][p] > 0 for p in MULTILINGUAL)


def test_banks_are_large_enough_and_well_formed():
    assert len(M.ML_LANGS) >= 20 and set(M.EVERYDAY) == set(M.ML_LANGS)
    for lang, bank in M.EVERYDAY.items():
        assert len(bank.templates) >= 25, lang
        assert sum(len(v) for k, v in bank.slots.items() if k != "para") >= 20, lang
        for t in bank.templates:
            assert set(re.findall(r"\{(\w+)\}", t)) <= set(bank.slots), (lang, t)
        kinds = " ".join(bank.templates)
        assert "{para}" in kinds and "{phrase}" in kinds and "{topic}" in kinds, lang
    assert all(len(M.TUTOR_Q[lang]) >= 15 for lang in M.TUTORING_LANGS)
    assert all(len(M.SUPPORT_Q[lang]) >= 15 for lang in M.SUPPORT_LANGS)


def test_tutoring_answers_are_right():
    assert M.tutor_answer(0, 3, 4, 19) == "5"  # 3x + 4 = 19
    assert M.tutor_answer(2, 4, 6, 10) == "12"  # lcm(4, 6)
    assert M.tutor_answer(5, 4, 1, 10) == "x = 7, y = 3"
    assert M.tutor_answer(7, 4, 1, 10) == ""  # a fact question


# ---------------------------------------------------------------------------
# the products write in their language
# ---------------------------------------------------------------------------


def _check_product_language(log: Log, pop: str, expect: set[str]) -> None:
    by_acct = defaultdict(list)
    for r in log.by_pop[pop]:
        by_acct[r["account_id"]].append(r)
    langs = set()
    for rows in by_acct.values():
        lang = PRODUCT_LANG[rows[0]["country"]]
        langs.add(lang)
        assert len({r["system_prompt"] for r in rows}) == 1  # one fixed system prompt
        assert detect(rows[0]["system_prompt"]) == lang, (pop, lang)
        hits = sum(detect(r["prompt"]) == lang for r in rows)
        assert hits >= 0.9 * len(rows), (pop, lang, hits, len(rows))
        if lang not in ("es", "de", "vi", "id", "tr"):  # a non-Latin script: every prompt
            script = dict(SCRIPTS)["ru" if lang in ("ru", "uk") else "ar" if lang == "fa" else lang]
            assert all(script.search(r["prompt"]) for r in rows), (pop, lang)
        else:
            assert not any(NON_LATIN.search(r["prompt"]) for r in rows), (pop, lang)
    assert langs == expect, (pop, langs)


def test_small_products_write_in_their_language(small_log):
    _check_product_language(small_log, "support_bot", {"ko", "ja"})
    _check_product_language(small_log, "tutoring_product", {"ko", "ja"})
    _check_product_language(small_log, "translation_product", {"ja"})


@pytest.mark.slow  # generates the 1,500-account sample (about 8 s)
def test_sample_products_write_in_their_language(sample_log):
    _check_product_language(sample_log, "support_bot", set(M.SUPPORT_LANGS))
    _check_product_language(sample_log, "tutoring_product", set(M.TUTORING_LANGS))
    _check_product_language(sample_log, "translation_product", {"ja", "de"})


@pytest.mark.slow  # generates the 1,500-account sample (about 8 s)
def test_sample_responses_in_the_same_language(sample_log):
    for pop in ("support_bot", "tutoring_product", "multilingual_everyday"):
        rows = [r for r in sample_log.by_pop[pop] if r["response"]]
        same = sum(detect(r["response"]) == detect(r["prompt"]) for r in rows)
        assert same >= 0.85 * len(rows), (pop, same, len(rows))
    french = Counter()
    for r in sample_log.by_pop["translation_product"]:  # ja -> en (JP), de -> fr (CH)
        assert r["temperature"] == 0.0
        if r["response"] and r["country"] == "CH":
            french[detect(r["response"])] += 1
        elif r["response"]:
            assert r["response"].isascii() and ENGLISH.search(r["response"]), r["response"]
    assert set(french) <= {"fr", ""} and french["fr"] >= 0.9 * sum(french.values()), french


# ---------------------------------------------------------------------------
# ordinary people in every language
# ---------------------------------------------------------------------------


@pytest.mark.slow  # generates the 1,500-account sample (about 8 s)
def test_sample_has_ordinary_accounts_in_every_language(sample_log):
    per_acct = defaultdict(Counter)
    for r in sample_log.by_pop["multilingual_everyday"]:
        per_acct[r["account_id"]][detect(r["prompt"])] += 1
    accounts_per_lang = Counter(c.most_common(1)[0][0] for c in per_acct.values())
    assert set(M.ML_LANGS) <= set(accounts_per_lang), set(M.ML_LANGS) - set(accounts_per_lang)
    assert all(accounts_per_lang[lang] >= 1 for lang in M.ML_LANGS)
    assert sample_log.result["populations"]["multilingual_everyday"] >= 20


@pytest.mark.slow  # generates the 1,500-account sample (about 8 s)
def test_sample_ordinary_people_few_requests_at_human_hours(sample_log):
    rows = sample_log.by_pop["multilingual_everyday"]
    per_acct = Counter(r["account_id"] for r in rows)
    counts = sorted(per_acct.values())
    assert 3 <= counts[len(counts) // 2] <= 40 and counts[-1] <= 150
    tz = {"KR": 9, "JP": 9, "TH": 7, "VN": 7, "ID": 7, "RU": 3, "TR": 3, "DE": 1, "FR": 1,
          "IT": 1, "PL": 1, "SE": 1, "IN": 5.5, "BR": -3, "MX": -6, "UA": 2}  # fmt: skip
    hours = Counter(_local_hour(r, tz[r["country"]]) for r in rows if r["country"] in tz)
    night = sum(hours[h] for h in range(1, 6))
    evening = sum(hours[h] for h in range(17, 22))
    assert night < 0.25 * evening, (night, evening)
    convs = Counter(r["conversation_id"] for r in rows)
    assert any(v >= 2 for v in convs.values())  # some multi-turn conversations
    assert len({detect(r["prompt"]) for r in rows}) >= 20


# ---------------------------------------------------------------------------
# products' rhythm and conversations
# ---------------------------------------------------------------------------


def test_tutoring_products_have_multi_turn_conversations(small_log):
    rows = small_log.by_pop["tutoring_product"]
    convs = defaultdict(list)
    for r in rows:
        convs[r["conversation_id"]].append(r["prompt"])
    multi = [ps for ps in convs.values() if len(ps) >= 2]
    assert sum(len(ps) for ps in multi) >= 0.5 * len(rows)
    assert any(len(ps) >= 4 for ps in multi)
    assert all(len(set(ps)) > 1 for ps in multi if len(ps) >= 3)  # students follow up
    asks = "|".join(s for lang in M.TUTORING_LANGS for s in M.TUTORING[lang]["styles"][:3])
    just = sum(any(a in r["prompt"] for a in asks.split("|")) for r in rows)
    worked = sum(any(a in r["prompt"] for a in M.TUTORING[lang]["styles"][3].split("|"))
                 for lang in M.TUTORING_LANGS for r in rows)  # fmt: skip
    assert just > 1.5 * worked > 0  # most want the answer, a hint or a short explanation


def test_products_are_busy_in_their_daytime(small_log):
    rows = small_log.by_pop["support_bot"]
    per_day = Counter((r["account_id"], r["timestamp"][:10]) for r in rows)
    assert sorted(per_day.values())[len(per_day) // 2] >= 100  # hundreds a day
    hours = Counter(_local_hour(r, 9) for r in rows)  # KR and JP
    day = sum(hours[h] for h in range(9, 22))
    night = sum(hours[h] for h in range(0, 6))
    assert day > 0.6 * len(rows) and 0 < night < 0.15 * len(rows)
    assert all(r["max_tokens"] <= 400 for r in rows)  # short answers
