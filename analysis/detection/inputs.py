"""The detection run's inputs: ``with DetectionRun(con) as inputs:`` makes the temp
tables the stages read (a per-account sample of requests, prompt skeletons), hands them to
the stages as ``inputs`` and drops them at the end, so no stage can run before its inputs
exist or after they are gone."""

from __future__ import annotations

import duckdb

from analysis import config
from analysis.detection import sql


class Inputs:
    """What the stages of one run read: the connection, with the run's temp tables on it.
    Only a DetectionRun makes one; it refuses use once its run has ended."""

    def __init__(self, con: duckdb.DuckDBPyConnection):
        self._con = con
        self.open = True

    @property
    def con(self) -> duckdb.DuckDBPyConnection:
        if not self.open:
            raise RuntimeError("the detection run has ended: its temp tables are gone")
        return self._con


class DetectionRun:
    """``with DetectionRun(con) as inputs:`` builds the account sample (at most
    per_account requests of each account, by a hash of request_id) and the skeleton counts;
    both are dropped when the block ends, whatever happens in it."""

    def __init__(
        self, con: duckdb.DuckDBPyConnection, per_account: int = config.SIGNAL_SAMPLE_PER_ACCOUNT
    ):
        self.con = con
        self.per_account = per_account

    def __enter__(self) -> Inputs:
        sql.make_account_sample(self.con, self.per_account)
        sql.make_account_skeletons(self.con)
        self.inputs_ = Inputs(self.con)
        return self.inputs_

    def __exit__(self, *exc) -> None:
        self.inputs_.open = False
        sql.drop_temp_tables(self.con, sql.TEMP_TABLES)
