"""SIGTERM stops a build even when it lands where Python only reports exceptions (a finalizer, an at-fork hook)."""

from __future__ import annotations

import signal
import sys
import time

import pytest

from publisher.commands.build import _terminated_as_interrupt


class _SignalsWhenCollected:
    def __del__(self) -> None:
        signal.raise_signal(signal.SIGTERM)  # the handler runs here, inside a finalizer


def test_a_sigterm_swallowed_by_a_finalizer_is_delivered_again() -> None:
    with pytest.raises(KeyboardInterrupt), _terminated_as_interrupt() as came:
        _SignalsWhenCollected()  # collected at once: its KeyboardInterrupt is only "ignored" by Python
        deadline = time.monotonic() + 5
        while time.monotonic() < deadline:  # the signal sent again is handled on an ordinary line
            pass
        pytest.fail("SIGTERM was swallowed: the build would have gone on")
    assert came == [signal.SIGTERM, signal.SIGTERM]


def test_other_unraisable_errors_still_reach_the_previous_hook(monkeypatch: pytest.MonkeyPatch) -> None:
    seen: list[type[BaseException]] = []
    monkeypatch.setattr(sys, "unraisablehook", lambda u: seen.append(type(u.exc_value)))

    class _FailsWhenCollected:
        def __del__(self) -> None:
            raise ValueError("not a signal")

    with _terminated_as_interrupt() as came:
        _FailsWhenCollected()
    assert seen == [ValueError] and came == []
