"""Helpers shared by the supervision tests (a module name of its own: tests/
directories have no __init__.py, and every conftest is named conftest)."""
from __future__ import annotations

import datetime as dt
from pathlib import Path
from zoneinfo import ZoneInfo

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "examples" / "lvliang-gazette-2023-02.txt"
TZ = ZoneInfo("Asia/Shanghai")


def at(year, month, day, hour=10):
    """An aware moment in the site's time zone (for time-machine)."""
    return dt.datetime(year, month, day, hour, 0, tzinfo=TZ)
