"""Demo mode: pseudonyms are keyed and stable; personal and secret strings are masked."""

from __future__ import annotations

import pandas as pd

from analysis.dashboard import redact


def test_pseudonyms_are_keyed_and_stable():
    a = redact.pseudonym("acct_123", "k1")
    assert a == redact.pseudonym("acct_123", "k1") and a.startswith("acct_") and len(a) == 15
    assert a != redact.pseudonym("acct_123", "k2") and a != redact.pseudonym("acct_124", "k1")


def test_masks_ips_emails_phones_and_keys():
    text = (
        "from 203.0.113.9 and 2001:db8::1 and fe80:0:0:0:1:2:3:4, mail jane.doe@example.org, "
        "call +44 20 7946 0958, key sk-live_abcdefghijklmnop and "
        "a1b2c3d4e5f6a7b8c9d0e1f2a3b4c5d6e7f8"
    )
    out = redact.mask(text)
    for secret in ("203.0.113.9", "2001:db8::1", "fe80:0", "jane.doe", "7946", "sk-live",
                   "a1b2c3d4e5f6"):  # fmt: skip
        assert secret not in out, secret
    assert out.count("[ip]") == 3 and "[email]" in out and "[phone]" in out
    assert out.count("[key]") == 2
    # ordinary text and numbers stay
    plain = "At 10:20 we sent 12,345 tokens; step 3 of 7."
    assert redact.mask(plain) == plain
    assert redact.mask(None) is None and redact.mask(3) == 3


def test_frames_pseudonymise_account_columns_and_mask_the_rest():
    df = pd.DataFrame(
        {
            "account_id": ["acct_1", None],
            "linked_account": ["acct_2", "acct_3"],
            "prompt": ["my ip is 198.51.100.7", "mail me at a@b.co"],
            "reasons": [["from 203.0.113.1"], []],
            "requests": [3, 4],
        }
    )
    out = redact.frame(df, "k")
    assert out["account_id"].iat[0] == redact.pseudonym("acct_1", "k")
    assert pd.isna(out["account_id"].iat[1])
    assert out["linked_account"].iat[1] == redact.pseudonym("acct_3", "k")
    assert list(out["prompt"]) == ["my ip is [ip]", "mail me at [email]"]
    assert out["reasons"].iat[0] == ["from [ip]"] and list(out["requests"]) == [3, 4]
    assert df["account_id"].iat[0] == "acct_1"  # the input is not changed
