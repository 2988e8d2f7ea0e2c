"""evaluate's figures on a tiny truth file computed by hand, and its input checks."""

from __future__ import annotations

import pandas as pd
import pytest

from analysis.evaluation import scores as evaluate

TRUTH = """account_id,role,campaign_id,network_id
e1,extraction,C-a,N1
e2,extraction,C-a,N1
e3,extraction,C-b,
b1,benign,,
b2,benign,,
p1,power_user,,
r1,researcher,,
"""

SCORES = pd.DataFrame(
    {
        "account_id": ["e1", "e2", "e3", "b1", "b2", "p1", "r1", "zz"],
        "risk_score": [0.9, 0.85, 0.3, 0.5, 0.1, 0.2, 0.65, 0.99],
        "risk_level": ["critical", "critical", "low", "medium", "low", "low", "high", "critical"],
        "network_id": ["n", "n", "n", None, None, None, None, None],
    }
)


@pytest.fixture
def report(tmp_path):
    path = tmp_path / "truth.csv"
    path.write_text(TRUTH)
    return evaluate.evaluate(SCORES, evaluate.read_truth(str(path)))


def test_average_precision_by_hand(report):
    # ranked: e1 .9 (+), e2 .85 (+), r1 .65, b1 .5, e3 .3 (+), p1 .2, b2 .1
    # precision at each positive: 1/1, 2/2, 3/5 -> AP = (1 + 1 + 0.6) / 3
    assert report.average_precision == pytest.approx((1 + 1 + 0.6) / 3)
    assert report.accounts == 7  # "zz" is not in the truth file


def test_recall_at_one_percent_fpr_by_hand(report):
    # any false positive is 25% FPR here, so only thresholds above r1 (0.65) count: 2 of 3
    assert report.recall_at_fpr == pytest.approx(2 / 3)


def test_flagged_by_role_and_caught_by_campaign(report):
    role = report.by_role.set_index("role")
    assert role.loc["extraction", "flagged"] == 2 and role.loc["researcher", "flagged"] == 1
    assert role.loc["benign", "flagged"] == 0 and role.loc["benign", "accounts"] == 2
    camp = report.by_campaign.set_index("campaign_id")
    assert (camp.loc["C-a", "caught"], camp.loc["C-a", "accounts"]) == (2, 2)
    assert (camp.loc["C-b", "caught"], camp.loc["C-b", "share"]) == (0, 0.0)


def test_network_f1_by_hand(report):
    # predicted pairs: e1e2 e1e3 e2e3 (3); true: e1e2 (1); agreeing 1 -> P 1/3, R 1, F1 0.5
    p, r, f1 = report.network
    assert (p, r, f1) == (pytest.approx(1 / 3), 1.0, pytest.approx(0.5))


def test_printed_report_marks_targets(report):
    lines = []
    evaluate.print_report(report, out=lines.append)
    text = "\n".join(lines)
    assert "MISS average precision (extraction): 0.867" in text
    assert "MISS researcher" in text and "PASS benign" in text
    assert "PASS C-a" in text and "MISS C-b" in text
    assert "MISS network pairwise F1: 0.500" in text


def test_unscored_accounts_count_as_score_zero(tmp_path):
    path = tmp_path / "truth.csv"
    path.write_text(TRUTH + "ghost,benign,,\nshadow,extraction,C-a,N1\n")
    r = evaluate.evaluate(SCORES, evaluate.read_truth(str(path)))
    assert r.missing == 2 and r.accounts == 9 and "2 truth account(s) have no score" in r.notes[0]
    # the unscored extraction account is a miss in its campaign and ranks below everyone
    camp = r.by_campaign.set_index("campaign_id")
    assert (camp.at["C-a", "accounts"], camp.at["C-a", "caught"]) == (3, 2)
    # ranked: e1 0.9, e2 0.85, r1 0.65, b1 0.5, e3 0.3, p1 0.2, b2 0.1, shadow = ghost 0;
    # precision at each extraction account's rank: 1, 1, 3/5, then 4/9 (tied at 0 with ghost)
    assert r.average_precision == pytest.approx((1 + 1 + 3 / 5 + 4 / 9) / 4)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("account_id,campaign_id\na,\n", "lacks the column"),
        ("account_id,role\na,attacker\n", "unknown role"),
        ("account_id,role\na,benign\na,benign\n", "appears twice"),
    ],
)
def test_bad_truth_files_are_clear_errors(tmp_path, text, message):
    path = tmp_path / "truth.csv"
    path.write_text(text)
    with pytest.raises(evaluate.TruthError, match=message):
        evaluate.read_truth(str(path))
    with pytest.raises(evaluate.TruthError, match="cannot read"):
        evaluate.read_truth(str(tmp_path / "absent.csv"))
