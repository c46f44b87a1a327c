"""Django's SQLite backend, with the writers of one process waiting their turn in a queue.

SQLite lets one transaction write at a time; a writer that finds the file locked polls it, sleeping
between tries, until its busy timeout. Under many concurrent writers that polling is unfair: some
writers keep missing the moment the lock is free and fail with "database is locked" after the whole
timeout while others got through many times (50 threads on a loaded machine: 80 of 1 804 requests).
Here the threads of a process take a lock of the process before ``BEGIN IMMEDIATE`` and keep it until
the transaction ends, so that they are woken one after the other; SQLite's busy timeout still arbitrates
between processes (few: gunicorn's workers). An in-memory database (the tests) is left as it is.
"""

from __future__ import annotations

import sqlite3
import threading
from typing import Any

from django.db import OperationalError
from django.db.backends.sqlite3 import base

_WRITERS: dict[str, threading.Lock] = {}
_GUARD = threading.Lock()


def _lock_of(name: str) -> threading.Lock:
    with _GUARD:
        return _WRITERS.setdefault(name, threading.Lock())


class DatabaseWrapper(base.DatabaseWrapper):
    _holds_writer_lock = False

    def _writer_lock(self) -> threading.Lock | None:
        if self.is_in_memory_db():
            return None
        return _lock_of(str(self.settings_dict["NAME"]))

    def _start_transaction_under_autocommit(self) -> None:
        lock = self._writer_lock()
        if lock is not None and not self._holds_writer_lock:
            timeout = float(self.settings_dict.get("OPTIONS", {}).get("timeout", 5))
            if not lock.acquire(timeout=timeout):
                raise OperationalError("database is locked (waited for the other writers of this process)")
            self._holds_writer_lock = True
        try:
            super()._start_transaction_under_autocommit()  # type: ignore[misc]  # private in the stubs
        except BaseException:
            self._release_writer_lock()
            raise

    def _release_writer_lock(self) -> None:
        if self._holds_writer_lock:
            self._holds_writer_lock = False
            lock = self._writer_lock()
            if lock is not None:
                lock.release()

    def _set_autocommit(self, autocommit: bool) -> None:
        super()._set_autocommit(autocommit)  # type: ignore[misc]  # private in the stubs
        if autocommit:  # the transaction is over (committed or rolled back)
            self._release_writer_lock()

    def _close(self) -> Any:
        try:
            self._optimize()
            return super()._close()  # type: ignore[misc]  # private in the stubs
        finally:
            self._release_writer_lock()

    def _optimize(self) -> None:
        """Let SQLite gather the statistics its query planner lacks, as its documentation asks
        of applications whose connections close: ``PRAGMA optimize`` analyses the tables this
        connection read that were never analysed or have grown tenfold since, sampling at most
        a thousand rows per index. Without statistics SQLite walked the year's sixteen thousand
        progress rows to find the few indicators that declare a dimension (40-70 ms on each
        federal overview at 109 plans) instead of starting from those indicators (0.1 ms). It
        never waits for another writer: when the file is busy, a later close does it."""
        if self.connection is None or self.is_in_memory_db():
            return
        try:
            self.connection.execute("PRAGMA busy_timeout=0")
            self.connection.execute("PRAGMA analysis_limit=1000")
            self.connection.execute("PRAGMA optimize")
        except sqlite3.Error:
            pass  # busy, or read-only: the statistics wait for another close
