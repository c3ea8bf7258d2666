"""Work that must end within a time budget, run where it can be stopped: in a child process.

Some inputs make a library compute for a very long time without ever handing control back:
dateutil looks for the next date of a repeat rule whose parts never meet (the second Monday
of a single day, ISO week 1 in June) period by period until the year 9999, and checks UNTIL
only on a date that matches. No check made in this process can interrupt that, so such work
runs in a forked child that is killed once its budget is spent. Forking copies the modules
already imported, so a child costs milliseconds, not an interpreter's start; it only
computes, sends its answer back through a pipe and leaves by os._exit, so it touches none of
the parent's database connections or files.
"""

from __future__ import annotations

import multiprocessing
import time
import traceback
import warnings
from collections.abc import Callable
from multiprocessing.connection import Connection
from typing import Any


class OverBudgetError(Exception):
    """The work did not finish within its budget (or its process died first); `last` is what
    it last reported doing, None if it reported nothing."""

    def __init__(self, seconds: float, last: Any = None) -> None:
        super().__init__(f"did not finish within {seconds:g} seconds")
        self.seconds = seconds
        self.last = last


def run_within(seconds: float, function: Callable[..., Any], *args: Any) -> Any:
    """`function(report, *args)` computed in a child process, its result returned and what
    it raises raised here; OverBudgetError once `seconds` pass without an answer, the child
    killed. `report(value)` lets the work say what it is doing, for the error to name."""
    context = multiprocessing.get_context("fork")
    receiving, sending = context.Pipe(duplex=False)
    child = context.Process(target=_child, args=(sending, function, args), daemon=True)
    with warnings.catch_warnings():
        # Python 3.12 warns on every fork from a process with threads: a child could find a
        # lock held by a thread that does not exist in it. This child takes no such lock (it
        # computes on modules already imported), and if it ever did, the budget ends it.
        warnings.filterwarnings("ignore", message=".*fork", category=DeprecationWarning)
        child.start()
    sending.close()
    try:
        return _answer(receiving, seconds)
    finally:
        if child.is_alive():
            child.kill()
        child.join()
        child.close()
        receiving.close()


def _answer(receiving: Connection, seconds: float) -> Any:
    deadline = time.monotonic() + seconds
    last = None
    while True:
        remaining = deadline - time.monotonic()
        if remaining <= 0 or not receiving.poll(remaining):
            raise OverBudgetError(seconds, last)
        try:
            kind, value = receiving.recv()
        except EOFError:  # the child died without answering (killed, out of memory)
            raise OverBudgetError(seconds, last) from None
        if kind == "report":
            last = value
        elif kind == "raised":
            raise value
        else:
            return value


def _child(sending: Connection, function: Callable[..., Any], args: tuple[Any, ...]) -> None:
    def report(value: Any) -> None:
        sending.send(("report", value))

    try:
        answer = ("done", function(report, *args))
    except Exception as exc:
        exc.add_note(traceback.format_exc())  # the child's traceback, for whoever logs it
        answer = ("raised", exc)
    try:
        sending.send(answer)
    except Exception as exc:  # an answer that cannot be pickled: a bug, said as such
        sending.send(("raised", RuntimeError(f"{type(exc).__name__}: {exc}")))
    sending.close()
