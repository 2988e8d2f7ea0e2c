"""Accounts, organisations, networks and infrastructure (IPs, ASNs, user agents, cards)."""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

# ---------------------------------------------------------------------------
# geography: (country, UTC offset in hours, weight, language, residential ASNs, mobile ASNs)
# ---------------------------------------------------------------------------

GEO: tuple[tuple[str, float, float, str, tuple[int, ...], tuple[int, ...]], ...] = (
    ("US", -4.0, 11.0, "en", (7922, 701, 7018, 20115), (21928, 6167)),
    ("US", -5.0, 8.0, "en", (7922, 7018, 22773, 20115), (21928, 6167)),
    ("US", -6.0, 3.0, "en", (209, 7018, 20115), (21928,)),
    ("US", -7.0, 8.0, "en", (7922, 701, 20001), (21928, 6167)),
    ("CA", -4.0, 2.0, "en", (812, 577), (812,)),
    ("CA", -7.0, 1.0, "en", (6327, 852), (852,)),
    ("MX", -6.0, 3.0, "es", (8151, 28548), (28403,)),
    ("BR", -3.0, 5.0, "pt", (28573, 18881, 26599), (26615,)),
    ("AR", -3.0, 1.0, "es", (7303, 10318), (22927,)),
    ("CO", -5.0, 1.0, "es", (3816, 10620), (27831,)),
    ("GB", 0.0, 6.0, "en", (2856, 5089, 13285), (25135, 12576)),
    ("IE", 0.0, 1.0, "en", (5466, 6830), (15502,)),
    ("FR", 1.0, 4.0, "fr", (3215, 12322, 5410, 15557), (51207,)),
    ("DE", 1.0, 5.0, "de", (3320, 3209, 6805), (3209,)),
    ("ES", 1.0, 2.5, "es", (3352, 12479, 12430), (12430,)),
    ("IT", 1.0, 2.0, "it", (3269, 30722, 12874), (30722,)),
    ("NL", 1.0, 1.5, "en", (1136, 33915), (1136,)),
    ("PL", 1.0, 1.5, "en", (5617, 12741), (12912,)),
    ("SE", 1.0, 1.0, "en", (3301, 2119), (3301,)),
    ("PT", 0.0, 1.0, "pt", (3243, 2860), (12353,)),
    ("IN", 5.5, 8.0, "en", (24560, 55836, 9829), (55836, 45609)),
    ("PK", 5.0, 1.0, "en", (17557, 45595), (24499,)),
    ("JP", 9.0, 2.5, "en", (4713, 2516, 17676), (2516,)),
    ("KR", 9.0, 1.5, "en", (4766, 9318), (4766,)),
    ("AU", 10.0, 2.0, "en", (1221, 4804), (1221,)),
    ("NZ", 12.0, 0.5, "en", (9500, 4771), (9500,)),
    ("SG", 8.0, 1.0, "en", (9506, 4657), (9506,)),
    ("PH", 8.0, 1.5, "en", (9299, 132199), (132199,)),
    ("ID", 7.0, 1.5, "en", (7713, 23693), (23693,)),
    ("VN", 7.0, 1.0, "en", (7552, 45899), (7552,)),
    ("NG", 1.0, 1.5, "en", (29465, 36873), (29465,)),
    ("KE", 3.0, 1.0, "en", (33771, 36866), (33771,)),
    ("ZA", 2.0, 1.0, "en", (37457, 36994), (36994,)),
    ("EG", 2.0, 1.0, "en", (8452, 24863), (36935,)),
    ("TR", 3.0, 1.0, "en", (9121, 47331), (15897,)),
    ("IL", 2.0, 0.7, "en", (8551, 1680), (12400,)),
    ("AE", 4.0, 0.7, "en", (5384, 15802), (5384,)),
)
GEO_WEIGHTS = np.array([g[2] for g in GEO]) / sum(g[2] for g in GEO)
# Share of a user in a non-English country who writes in their own language.
P_NATIVE_LANGUAGE = 0.5
# Share of users in English-default countries who write in another language anyway.
P_OTHER_LANGUAGE = 0.02

CLOUD_ASNS = (16509, 14618, 15169, 396982, 8075)  # large clouds (backends, sweeps)
HOSTING_ASNS = (14061, 24940, 16276, 63949, 20473, 51167, 9009)  # cheap VPS hosting
ACADEMIC_ASNS = (1103, 786, 2200, 680, 11537, 7377, 3, 32, 88, 25)  # universities, labs

# ---------------------------------------------------------------------------
# user agents
# ---------------------------------------------------------------------------

SDK_NAME = "aster-sdk"


def browser_ua(rng: np.random.Generator) -> str:
    """Return a browser user agent with a plausible version."""
    v = int(rng.integers(127, 132))
    k = int(rng.integers(0, 6))
    if k == 0:
        return (
            "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
            f"Chrome/{v}.0.0.0 Safari/537.36"
        )
    if k == 1:
        return (
            "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 "
            f"(KHTML, like Gecko) Version/{int(rng.integers(17, 19))}.{int(rng.integers(0, 6))} "
            "Safari/605.1.15"
        )
    if k == 2:
        return f"Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:{v}.0) Gecko/20100101 Firefox/{v}.0"
    if k == 3:
        ios = f"{int(rng.integers(16, 19))}_{int(rng.integers(0, 7))}"
        return (
            f"Mozilla/5.0 (iPhone; CPU iPhone OS {ios} like Mac OS X) AppleWebKit/605.1.15 "
            "(KHTML, like Gecko) Version/18.0 Mobile/15E148 Safari/604.1"
        )
    if k == 4:
        return (
            f"Mozilla/5.0 (Linux; Android {int(rng.integers(11, 15))}; Pixel "
            f"{int(rng.integers(5, 9))}) AppleWebKit/537.36 (KHTML, like Gecko) "
            f"Chrome/{v}.0.0.0 Mobile Safari/537.36"
        )
    return (
        "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) "
        f"Chrome/{v}.0.0.0 Safari/537.36"
    )


def sdk_ua(rng: np.random.Generator, lang: str | None = None) -> str:
    """Return an official SDK user agent (python, node, go or java)."""
    if lang is None:
        lang = ("python", "python", "node", "go", "java")[int(rng.integers(0, 5))]
    ver = f"{int(rng.integers(1, 3))}.{int(rng.integers(0, 12))}.{int(rng.integers(0, 5))}"
    if lang == "python":
        py = f"3.{int(rng.integers(9, 13))}.{int(rng.integers(0, 12))}"
        osn = ("Linux", "Darwin", "Windows")[int(rng.integers(0, 3))]
        return f"{SDK_NAME}-python/{ver} (CPython {py}; {osn})"
    if lang == "node":
        node = f"v{int(rng.integers(18, 23))}.{int(rng.integers(0, 12))}.0"
        return f"{SDK_NAME}-node/{ver} (node {node})"
    if lang == "go":
        return f"{SDK_NAME}-go/{ver}"
    return f"{SDK_NAME}-java/{ver} (Java 21)"


APP_UAS = (
    "ChatDesk/2.3.1 (Electron 31.2.0)",
    "Raycast/1.84.2",
    "NoteMind/4.2 (iOS 18.0)",
    "MailPilot/1.9.0 (Macintosh)",
    "Obsidian/1.6.7 plugin-assistant/0.9.3",
)
TOOL_UAS = (
    "curl/8.5.0",
    "curl/7.81.0",
    "python-requests/2.32.3",
    "python-requests/2.31.0",
    "PostmanRuntime/7.42.0",
    "axios/1.7.7",
    "python-httpx/0.27.2",
    "Go-http-client/2.0",
    "okhttp/4.12.0",
    "aiohttp/3.10.5",
)


def human_ua(rng: np.random.Generator, p_browser: float, p_sdk: float) -> str:
    """Return a user agent for a person: browser, SDK or a third-party app."""
    u = rng.random()
    if u < p_browser:
        return browser_ua(rng)
    if u < p_browser + p_sdk:
        return sdk_ua(rng)
    return APP_UAS[int(rng.integers(0, len(APP_UAS)))]


# ---------------------------------------------------------------------------
# ids and addresses
# ---------------------------------------------------------------------------


def hexid(rng: np.random.Generator, nbytes: int) -> str:
    """Return a random lower-case hex string of 2*nbytes characters."""
    return rng.bytes(nbytes).hex()


_FIRST_OCTETS = tuple(o for o in range(2, 223) if o not in (10, 100, 127, 169, 172, 192, 198, 203))


class AddressBook:
    """Hands out IPs inside per-ASN prefixes so addresses of one ASN look related."""

    def __init__(self, rng: np.random.Generator):
        self.rng = rng
        self.prefixes: dict[int, list[tuple[int, int]]] = {}

    def _prefixes(self, asn: int) -> list[tuple[int, int]]:
        if asn not in self.prefixes:
            self.prefixes[asn] = [
                (
                    _FIRST_OCTETS[int(self.rng.integers(0, len(_FIRST_OCTETS)))],
                    int(self.rng.integers(0, 256)),
                )
                for _ in range(3)
            ]
        return self.prefixes[asn]

    def ipv4(self, asn: int) -> str:
        """Return a random IPv4 address in one of the ASN's prefixes."""
        a, b = self._prefixes(asn)[int(self.rng.integers(0, 3))]
        return f"{a}.{b}.{int(self.rng.integers(0, 256))}.{int(self.rng.integers(1, 255))}"

    def block24(self, asn: int) -> str:
        """Return an a.b.c prefix of a /24 inside the ASN's space."""
        a, b = self._prefixes(asn)[int(self.rng.integers(0, 3))]
        return f"{a}.{b}.{int(self.rng.integers(0, 256))}"

    def ipv6(self, asn: int) -> str:
        """Return a random IPv6 address whose /32 depends on the ASN."""
        a, b = self._prefixes(asn)[0]
        words = [f"{int(x):x}" for x in self.rng.integers(0, 65536, 4)]
        return f"2a0{a % 10}:{a * 256 + b:x}:{words[0]}:{words[1]}:{words[2]}::{words[3]}"


# ---------------------------------------------------------------------------
# accounts
# ---------------------------------------------------------------------------


@dataclass
class Account:
    """One account and everything about it that stays fixed across its requests."""

    idx: int
    account_id: str
    population: str
    role: str
    campaign_id: str
    network_id: str
    org_id: str
    created_ms: int
    tier: str
    country: str
    tz: float  # UTC offset in hours
    lang: str  # language the person writes in when not English
    user_agent: str
    payment: str
    keys: list[str] = field(default_factory=list)
    ips: list[tuple[str, int]] = field(default_factory=list)  # (ip, asn)
    ip_weights: list[float] = field(default_factory=lambda: [1.0])


class Registry:
    """Creates accounts with unique opaque ids and keeps them in creation order."""

    def __init__(self, rng: np.random.Generator, start_ms: int):
        self.rng = rng
        self.start_ms = start_ms
        self.accounts: list[Account] = []
        self.book = AddressBook(rng)
        self._ids: set[str] = set()

    def new_id(self, prefix: str, nbytes: int) -> str:
        """Return a fresh unique id such as acct_3f9a..."""
        while True:
            s = prefix + hexid(self.rng, nbytes)
            if s not in self._ids:
                self._ids.add(s)
                return s

    def geo(self) -> tuple[str, float, str, tuple[int, ...], tuple[int, ...]]:
        """Return (country, offset, language, residential ASNs, mobile ASNs) for a person."""
        g = GEO[int(self.rng.choice(len(GEO), p=GEO_WEIGHTS))]
        return g[0], g[1], g[3], g[4], g[5]

    def person_lang(self, native: str) -> str:
        """Return the language a person writes in ("en" most of the time)."""
        if native != "en":
            return native if self.rng.random() < P_NATIVE_LANGUAGE else "en"
        if self.rng.random() < P_OTHER_LANGUAGE:
            return ("es", "fr", "de", "pt")[int(self.rng.integers(0, 4))]
        return "en"

    def add(
        self,
        population: str,
        role: str,
        *,
        campaign_id: str = "",
        network_id: str = "",
        org_id: str | None = None,
        created_ms: int,
        tier: str,
        country: str,
        tz: float,
        lang: str,
        user_agent: str,
        payment: str | None = None,
        n_keys: int = 1,
        ips: list[tuple[str, int]],
        ip_weights: list[float] | None = None,
    ) -> Account:
        """Create, store and return one account."""
        acct = Account(
            idx=len(self.accounts),
            account_id=self.new_id("acct_", 6),
            population=population,
            role=role,
            campaign_id=campaign_id,
            network_id=network_id,
            org_id=org_id or self.new_id("org_", 6),
            created_ms=int(created_ms),
            tier=tier,
            country=country,
            tz=tz,
            lang=lang,
            user_agent=user_agent,
            payment=payment or self.new_id("pf_", 10),
            keys=[self.new_id("key_", 8) for _ in range(n_keys)],
            ips=ips,
            ip_weights=ip_weights or [1.0] * len(ips),
        )
        self.accounts.append(acct)
        return acct

    def home_ips(self, res: tuple[int, ...], mobile: tuple[int, ...], p_v6: float) -> tuple:
        """Return ([(ip, asn)...], weights) for a person: home line plus a phone."""
        rng = self.rng
        asn = res[int(rng.integers(0, len(res)))]
        home = self.book.ipv6(asn) if rng.random() < p_v6 else self.book.ipv4(asn)
        ips = [(home, asn)]
        weights = [1.0]
        if rng.random() < 0.45:
            m = mobile[int(rng.integers(0, len(mobile)))]
            ips.append((self.book.ipv4(m), m))
            weights = [0.8, 0.2]
        return ips, weights

    def days_before(self, lo: float, hi: float) -> int:
        """Return a creation time between hi and lo days before the window start."""
        return self.start_ms - int(self.rng.uniform(lo, hi) * 86_400_000)
