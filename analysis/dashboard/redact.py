"""Demo mode: keyed pseudonyms for account ids and masks for personal or secret strings.

Pure functions over text and DataFrames; the dashboard applies them to everything it
shows and exports while demo mode is on.
"""

from __future__ import annotations

import hashlib
import hmac
import re

import pandas as pd

# Columns holding account ids (pseudonymised); every other text column is masked.
ACCOUNT_COLUMNS = ("account_id", "linked_account", "account_a", "account_b")

_PATTERNS = (
    # API-key-like: known prefixes, or long runs of key characters
    (re.compile(r"\b(?:sk|pk|rk|api|key|tok)[-_][A-Za-z0-9_\-]{8,}"), "[key]"),
    (re.compile(r"\b[A-Za-z0-9_\-]{32,}\b"), "[key]"),
    (re.compile(r"[A-Za-z0-9._%+\-]+@[A-Za-z0-9.\-]+\.[A-Za-z]{2,}"), "[email]"),
    (re.compile(r"\b(?:\d{1,3}\.){3}\d{1,3}\b"), "[ip]"),
    # IPv6: four or more groups, or any address with "::" (times like 10:20:30 are not)
    (re.compile(r"\b(?:[0-9A-Fa-f]{1,4}:){3,7}[0-9A-Fa-f]{1,4}\b"), "[ip]"),
    (
        re.compile(r"\b(?:[0-9A-Fa-f]{1,4}:){1,6}:(?:[0-9A-Fa-f]{1,4}(?::[0-9A-Fa-f]{1,4})*)?"),
        "[ip]",
    ),
    (re.compile(r"(?<![\w])\+?\d[\d\s().\-]{7,}\d\b"), "[phone]"),
)


def pseudonym(account: str, key: str) -> str:
    """The account's demo name: 'acct_' and 10 hex digits of an HMAC-SHA256 of its id."""
    digest = hmac.new(key.encode(), str(account).encode(), hashlib.sha256).hexdigest()
    return "acct_" + digest[:10]


def mask(text: object) -> object:
    """Return text with IPs, emails, phone numbers and API-key-like strings masked;
    non-text values are returned unchanged."""
    if not isinstance(text, str):
        return text
    for pattern, repl in _PATTERNS:
        text = pattern.sub(repl, text)
    return text


def frame(df: pd.DataFrame, key: str) -> pd.DataFrame:
    """Return a copy of df with account columns pseudonymised and other text masked."""
    out = df.copy()
    for col in out.columns:
        if out[col].dtype != object and not pd.api.types.is_string_dtype(out[col]):
            continue
        if col in ACCOUNT_COLUMNS:
            out[col] = out[col].map(lambda a: pseudonym(a, key) if isinstance(a, str) else a)
        else:
            out[col] = out[col].map(
                lambda v: [mask(x) for x in v] if isinstance(v, list) else mask(v)
            )
    return out
