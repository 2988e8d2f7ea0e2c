"""Actions that write to the database from the dashboard (not a page)."""

from __future__ import annotations

import tempfile
from pathlib import Path

import streamlit as st

from analysis import pipeline
from ui import access, shared


def analyse(db: str, uploads, server_path: str) -> None:
    """Ingest uploaded files and/or a server path, then run campaigns and scoring, with a
    progress bar; errors are shown and nothing already stored is lost."""
    if not access.can("analyse"):
        st.error(f"The {access.role()} role cannot analyse logs.")
        return
    if not uploads and not server_path:
        st.error("Choose log files or give a path.")
        return
    bar = st.progress(0.0, text="starting")
    lines: list[str] = []
    box = st.empty()

    def log(message: str) -> None:
        lines.append(message)
        box.text("\n".join(lines[-12:]))

    with tempfile.TemporaryDirectory(prefix="dw-upload-") as tmp:
        paths = [server_path] if server_path else []
        for f in uploads or []:
            target = Path(tmp) / Path(f.name).name
            target.write_bytes(f.getbuffer())
            paths.append(str(target))
        try:
            pipeline.resolve_inputs(paths)
            pipeline.ingest_and_analyse(
                shared.connection(db), paths, log=log,
                progress=lambda frac, text: bar.progress(frac, text=text),
            )  # fmt: skip
        except (pipeline.IngestError, ValueError, RuntimeError) as exc:
            st.error(f"Analyse stopped: {exc}. Files ingested before the error are kept.")
            return
    st.session_state["flash"] = "Analysis finished: scores, networks and campaigns are updated."
    st.rerun()
