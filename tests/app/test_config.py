"""The dashboard's shipped Streamlit settings: users see no error details, nothing is
reported home."""

from __future__ import annotations

import tomllib
from pathlib import Path

CONFIG = Path(__file__).resolve().parents[2] / ".streamlit" / "config.toml"


def test_users_see_no_error_details_and_no_usage_is_reported():
    cfg = tomllib.loads(CONFIG.read_text())
    # "none": no exception type, message or traceback on a page (a developer turns it on
    # with STREAMLIT_CLIENT_SHOW_ERROR_DETAILS=full, docs/dependencies.md)
    assert cfg["client"]["showErrorDetails"] == "none"
    assert cfg["browser"]["gatherUsageStats"] is False
    assert cfg["server"]["headless"] is True
