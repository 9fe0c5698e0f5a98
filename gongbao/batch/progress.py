"""Progress on stderr: a tqdm bar with files/s, records/s and the ETA, when
stderr is a terminal (off otherwise, and off with progress=False). One-off
lines (the dashboard link, what the run starts with) are printed either way
unless progress=False."""
from __future__ import annotations

import sys
import time
from typing import Optional, TextIO


class Progress:
    def __init__(self, total: int, enabled: bool = True, stream: Optional[TextIO] = None):
        self.stream = stream or sys.stderr
        self.enabled = enabled
        self.total = total
        self.files = 0
        self.records = 0
        self.t0 = time.perf_counter()
        self.bar = None

    def start(self) -> None:
        """The clock (and the bar, on a terminal) starts with the first task,
        not with the cluster."""
        self.t0 = time.perf_counter()
        if self.enabled and getattr(self.stream, "isatty", lambda: False)():
            from tqdm import tqdm
            self.bar = tqdm(total=self.total, unit="file", file=self.stream, dynamic_ncols=True,
                            smoothing=0.05, mininterval=0.5, desc="gongbao batch")

    def say(self, message: str) -> None:
        if not self.enabled:
            return
        if self.bar is not None:
            self.bar.write(message, file=self.stream)
        else:
            print(message, file=self.stream, flush=True)

    def grow(self, n: int = 1) -> None:
        """A file thought done turned out changed: it is work after all."""
        self.total += n
        if self.bar is not None:
            self.bar.total = self.total
            self.bar.refresh()

    def update(self, files: int, records: int) -> None:
        self.files += files
        self.records += records
        if self.bar is not None:
            rate = self.records / max(time.perf_counter() - self.t0, 1e-9)
            self.bar.set_postfix_str(f"{self.records:,} records, {rate:,.0f} records/s", refresh=False)
            self.bar.update(files)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()
            self.bar = None
