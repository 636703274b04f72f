"""The process's writing places: a burst of writes queues and succeeds while the holders move;
once every place has been held for long (a locked database), a write fails at once."""

from __future__ import annotations

import threading
import time

import pytest

from webkit import writes
from webkit.writes import WritersBusy, _Places


def held(places: _Places, seconds: float) -> threading.Thread:
    """Another request holding the one place for `seconds`, already holding it."""
    taken = threading.Event()

    def hold() -> None:
        places.take()
        taken.set()
        time.sleep(seconds)
        places.give_back()

    holder = threading.Thread(target=hold)
    holder.start()
    taken.wait()
    return holder


def test_a_write_waits_for_a_writer_that_is_moving():
    places = _Places(1)
    holder = held(places, 0.15)
    started = time.monotonic()
    places.take()  # the holder finishes within STUCK_SECONDS: this one gets the place
    waited = time.monotonic() - started
    places.give_back()
    holder.join()
    assert 0.05 < waited < writes.STUCK_SECONDS + 0.2


def test_a_write_fails_at_once_when_every_writer_is_stuck():
    places = _Places(1)
    holder = held(places, 1.0)
    time.sleep(writes.STUCK_SECONDS)  # the holder has now been stuck long enough
    started = time.monotonic()
    with pytest.raises(WritersBusy):
        places.take()
    assert time.monotonic() - started < 0.1
    holder.join()
