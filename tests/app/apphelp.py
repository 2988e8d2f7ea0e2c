"""Helpers of the dashboard tests: run the app on a page, find the top account, read what
a download button serves."""

from __future__ import annotations

from pathlib import Path

from streamlit.runtime.memory_media_file_storage import MemoryMediaFileStorage
from streamlit.testing.v1 import AppTest, app_test

from analysis import store
from analysis.detection.sql import account_scores

ROOT = Path(__file__).resolve().parents[2]


def app(db, monkeypatch, page: str | None = None, **state) -> AppTest:
    """Run the app on db (session state preset), switch to page; no exception allowed."""
    monkeypatch.setenv("DW_DB", str(db))
    monkeypatch.chdir(ROOT)
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
    for k, v in state.items():
        at.session_state[k] = v
    at.run()
    if page:
        at.switch_page(f"pages/{page}.py").run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def top_account(db) -> str:
    """The riskiest account of db."""
    con = store.connect(db)
    try:
        return account_scores(con)["account_id"].iat[0]
    finally:
        con.close()


class ServedFiles:
    """Keeps the media storage of every AppTest run, so a test can read the bytes a
    download button serves (AppTest drops its storage after each run)."""

    def __init__(self, monkeypatch):
        self.storages: list[MemoryMediaFileStorage] = []
        served = self

        class Recording(MemoryMediaFileStorage):
            def __init__(self, endpoint: str) -> None:
                super().__init__(endpoint)
                served.storages.append(self)

        monkeypatch.setattr(app_test, "MemoryMediaFileStorage", Recording)

    def read(self, button) -> tuple[bytes, str]:
        """(content, file name) behind a download button of the latest run."""
        url = button.proto.url
        assert url, f"download button {button.label!r} serves nothing"
        media = self.storages[-1].get_file(url.rsplit("/", 1)[-1])
        return media.content, media.filename
