"""Finding log files and reading them: each reader turns a file into Arrow batches of
(row_no, line_no, raw, pre_error, doc or rec) that the SQL stage (ingest/sql.py) types."""

from __future__ import annotations

import csv
import glob
import gzip
import io
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from analysis import config
from analysis.store import REQUIRED_NAMES

FORMATS = {
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".json": "jsonl",
    ".jsonl.gz": "jsonl",
    ".ndjson.gz": "jsonl",
    ".json.gz": "jsonl",
    ".csv": "csv",
    ".csv.gz": "csv",
    ".parquet": "parquet",
    ".pq": "parquet",
}

Progress = Callable[[int], None]  # called with bytes of the file consumed so far


class IngestError(Exception):
    """A path cannot be ingested at all; the message names it."""


@dataclass
class FileResult:
    """What ingesting one file did."""

    path: str
    format: str
    rows_read: int = 0
    stored: int = 0
    duplicates: int = 0
    quarantined: int = 0
    seconds: float = 0.0

    @property
    def rows_per_second(self) -> float:
        return self.rows_read / self.seconds if self.seconds > 0 else 0.0


# ---------------------------------------------------------------------------
# finding files
# ---------------------------------------------------------------------------


def detect_format(path: Path) -> str | None:
    """Return jsonl, csv or parquet from the file name, or None if it is not a log."""
    name = path.name.lower()
    for suffix in sorted(FORMATS, key=len, reverse=True):
        if name.endswith(suffix):
            return FORMATS[suffix]
    return None


def resolve_inputs(paths: list[str]) -> list[tuple[Path, str]]:
    """Expand files, folders and globs into (file, format) pairs, in a stable order."""
    out: list[tuple[Path, str]] = []
    for spec in paths:
        if glob.has_magic(spec):
            matches = sorted(Path(p) for p in glob.glob(spec, recursive=True))
            files = [p for p in matches if p.is_file() and detect_format(p)]
            if not files:
                raise IngestError(f"{spec}: the pattern matches no request-log file")
        else:
            p = Path(spec)
            if not p.exists():
                raise IngestError(f"{spec}: no such file or folder")
            if p.is_dir():
                files = sorted(f for f in p.rglob("*") if f.is_file() and detect_format(f))
                if not files:
                    raise IngestError(
                        f"{spec}: the folder holds no request-log file "
                        "(.jsonl, .jsonl.gz, .csv, .csv.gz, .parquet)"
                    )
            else:
                if detect_format(p) is None:
                    raise IngestError(
                        f"{spec}: not a request log (expected .jsonl, .jsonl.gz, .csv, "
                        ".csv.gz or .parquet)"
                    )
                files = [p]
        out.extend((f, detect_format(f)) for f in files)
    seen: set[Path] = set()
    unique = []
    for f, fmt in out:
        key = f.resolve()
        if key not in seen:
            seen.add(key)
            unique.append((f, fmt))
    return unique


def is_gzip(path: Path) -> bool:
    """True when the file starts with gzip's magic bytes."""
    with open(path, "rb") as fh:
        return fh.read(2) == b"\x1f\x8b"


def _open_binary(path: Path):
    """Return (file, stream): the stream decompresses gzip, recognised by its magic bytes."""
    fh = open(path, "rb")  # noqa: SIM115 - closed by the caller's `with raw_fh`
    head = fh.read(2)
    fh.seek(0)
    if head == b"\x1f\x8b":
        return fh, gzip.GzipFile(fileobj=fh)
    return fh, fh


# ---------------------------------------------------------------------------
# readers: file -> Arrow batches
# ---------------------------------------------------------------------------

_BATCH_SCHEMA_RAW = pa.schema(
    [
        ("row_no", pa.int64()),
        ("line_no", pa.int64()),
        ("raw", pa.string()),
        ("pre_error", pa.string()),
    ]
)


def _decode_lines(chunk: bytes) -> tuple[list[str], list[str | None]]:
    """Split a chunk of whole lines; return texts and a per-line error (None when fine)."""
    try:
        text = chunk.decode("utf-8")
    except UnicodeDecodeError:
        lines, errors = [], []
        for b in chunk.split(b"\n"):
            try:
                lines.append(b.decode("utf-8"))
                errors.append(None)
            except UnicodeDecodeError as exc:
                lines.append(b.decode("utf-8", "backslashreplace"))
                errors.append(f"bytes that are not UTF-8 at byte {exc.start} of the line")
        return lines, errors
    lines = text.split("\n")
    return lines, [None] * len(lines)


def _line_chunks(path: Path) -> Iterator[tuple[bytes, int]]:
    """Yield (chunk of whole lines without the final newline, bytes of the file read so far)."""
    raw_fh, fh = _open_binary(path)
    rest = b""
    try:
        with raw_fh:
            while True:
                try:
                    block = fh.read(config.INGEST_CHUNK_BYTES)
                except (OSError, EOFError) as exc:
                    raise IngestError(f"{path}: cannot be read ({exc})") from exc
                if not block:
                    if rest:
                        yield rest, raw_fh.tell()
                    return
                data = rest + block
                cut = data.rfind(b"\n")
                if cut < 0:
                    rest = data
                    continue
                rest = data[cut + 1 :]
                yield data[:cut], raw_fh.tell()
    except gzip.BadGzipFile as exc:
        raise IngestError(f"{path}: not a readable gzip file ({exc})") from exc


def read_jsonl(path: Path, progress: Progress | None = None) -> Iterator[pa.Table]:
    """Yield batches of lines of a JSON Lines file (plain or gzip); blank lines are skipped."""
    line_no = 0
    row_no = 0
    for chunk, done in _line_chunks(path):
        lines, errors = _decode_lines(chunk)
        rows, nums, raws, errs = [], [], [], []
        for i, (line, err) in enumerate(zip(lines, errors, strict=True)):
            text = line.removesuffix("\r")
            if line_no + i == 0:
                text = text.removeprefix("\ufeff")  # a byte-order mark opens some exports
            if err is None and not text.strip():
                continue
            row_no += 1
            rows.append(row_no)
            nums.append(line_no + i + 1)
            raws.append(text)
            errs.append(err)
        line_no += len(lines)
        yield pa.Table.from_arrays(
            [
                pa.array(rows, pa.int64()),
                pa.array(nums, pa.int64()),
                pa.array(raws, pa.string()),
                pa.array(errs, pa.string()),
            ],
            schema=_BATCH_SCHEMA_RAW,
        )
        if progress:
            progress(done)


def records_at(path: Path, wanted: list[int]) -> list[tuple[int, int, str]]:
    """Return (record number, line number, text) for wanted record numbers (ascending) of a
    JSON Lines file, where records are its non-blank lines, numbered from 1."""
    out: list[tuple[int, int, str]] = []
    todo = iter(wanted)
    target = next(todo, None)
    record = line = 0
    for chunk, _ in _line_chunks(path):
        if target is None:
            break
        for raw in chunk.split(b"\n"):
            line += 1
            if not raw.strip():
                continue
            record += 1
            if record == target:
                text = raw.removesuffix(b"\r").decode("utf-8", "backslashreplace")
                if line == 1:
                    text = text.removeprefix("\ufeff")
                out.append((record, line, text))
                target = next(todo, None)
                if target is None:
                    break
    return out


class _LineTap:
    """Iterates a text file's lines for csv.reader, keeping the lines of the current record."""

    def __init__(self, fh: io.TextIOBase):
        self.fh = fh
        self.lines: list[str] = []
        self.count = 0

    def __iter__(self) -> _LineTap:
        return self

    def __next__(self) -> str:
        line = next(self.fh)
        self.lines.append(line)
        self.count += 1
        return line

    def take(self) -> str:
        text = "".join(self.lines)
        self.lines = []
        return text


def _rec_batch(names: list[str], columns: list[list], meta: dict[str, list]) -> pa.Table:
    rec = (
        pa.StructArray.from_arrays([pa.array(col, pa.string()) for col in columns], names=names)
        if names
        else pa.array([{}] * len(meta["row_no"]), pa.struct([]))
    )
    return pa.Table.from_arrays(
        [
            pa.array(meta["row_no"], pa.int64()),
            pa.array(meta["line_no"], pa.int64()),
            pa.array(meta["raw"], pa.string()),
            pa.array(meta["pre_error"], pa.string()),
            rec,
        ],
        names=["row_no", "line_no", "raw", "pre_error", "rec"],
    )


def _check_header(path: Path, names: list[str]) -> None:
    if len(set(names)) != len(names):
        dup = sorted({n for n in names if names.count(n) > 1})
        raise IngestError(f"{path}: the header repeats the column(s) {', '.join(dup)}")
    if not set(names) & set(REQUIRED_NAMES):
        raise IngestError(
            f"{path}: not a request log: none of the required columns "
            f"({', '.join(REQUIRED_NAMES)}) is present"
        )


def read_csv(path: Path, progress: Progress | None = None) -> Iterator[pa.Table]:
    """Yield batches of CSV records (header row first; quoted newlines allowed)."""
    csv.field_size_limit(2**31 - 1)
    raw_fh, fh = _open_binary(path)
    with raw_fh:
        text = io.TextIOWrapper(fh, encoding="utf-8-sig", errors="surrogateescape", newline="")
        tap = _LineTap(text)
        # strict: a quote that never closes is an error (quarantined), not a field that
        # silently swallows the rest of the file
        reader = csv.reader(tap, strict=True)
        try:
            header = next(reader, None)
        except (csv.Error, OSError, EOFError) as exc:
            raise IngestError(f"{path}: the header cannot be read ({exc})") from exc
        if header is None:
            return
        header_text = tap.take()
        if not header_text.isascii():
            try:
                header_text.encode("utf-8")
            except UnicodeEncodeError as exc:
                raise IngestError(f"{path}: the header is not UTF-8") from exc
        names = [h.strip() for h in header]
        _check_header(path, names)
        width = len(names)
        cols: list[list] = [[] for _ in names]
        meta: dict[str, list] = {"row_no": [], "line_no": [], "raw": [], "pre_error": []}
        row_no = 0
        while True:
            start_line = tap.count + 1
            try:
                row = next(reader)
                err = None
            except StopIteration:
                break
            except csv.Error as exc:
                row, err = None, f"not a readable CSV record ({exc})"
            except (OSError, EOFError) as exc:
                raise IngestError(f"{path}: cannot be read ({exc})") from exc
            raw = tap.take()
            if row is not None and not row and not raw.strip():
                continue  # blank line
            row_no += 1
            if err is None and not raw.isascii():
                try:
                    raw.encode("utf-8")
                except UnicodeEncodeError:
                    err = "bytes that are not UTF-8 in the record"
            if err is not None:
                raw = raw.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
            elif len(row) != width:
                err = f"expected {width} fields as in the header, found {len(row)}"
            good = err is None
            for i in range(width):
                cols[i].append(row[i] if good else None)
            meta["row_no"].append(row_no)
            meta["line_no"].append(start_line)
            meta["raw"].append(raw.rstrip("\r\n"))
            meta["pre_error"].append(err)
            if len(meta["row_no"]) >= config.INGEST_BATCH_ROWS:
                yield _rec_batch(names, cols, meta)
                cols = [[] for _ in names]
                meta = {k: [] for k in meta}
                if progress:
                    progress(raw_fh.tell())
        if meta["row_no"]:
            yield _rec_batch(names, cols, meta)
        if progress:
            progress(raw_fh.tell())


def read_parquet(path: Path, progress: Progress | None = None) -> Iterator[pa.Table]:
    """Yield batches of a Parquet file's rows as structs."""
    try:
        pf = pq.ParquetFile(path)
    except (pa.ArrowException, OSError) as exc:
        raise IngestError(f"{path}: not a readable Parquet file ({exc})") from exc
    names = pf.schema_arrow.names
    _check_header(path, names)
    row_no = 0
    done_bytes = 0
    size = path.stat().st_size
    try:
        for batch in pf.iter_batches(batch_size=config.INGEST_BATCH_ROWS):
            n = batch.num_rows
            rec = pa.StructArray.from_arrays(batch.columns, names=names)
            nulls = pa.nulls(n, pa.string())
            yield pa.Table.from_arrays(
                [
                    pa.array(range(row_no + 1, row_no + n + 1), pa.int64()),
                    pa.nulls(n, pa.int64()),
                    nulls,
                    nulls,
                    rec,
                ],
                names=["row_no", "line_no", "raw", "pre_error", "rec"],
            )
            row_no += n
            done_bytes = min(size, done_bytes + max(1, size * n // max(1, pf.metadata.num_rows)))
            if progress:
                progress(done_bytes)
    except (pa.ArrowException, OSError) as exc:
        raise IngestError(f"{path}: the Parquet data cannot be read ({exc})") from exc


READERS = {
    "jsonl": (read_jsonl, "lines"),
    "csv": (read_csv, "struct"),
    "parquet": (read_parquet, "struct"),
}
