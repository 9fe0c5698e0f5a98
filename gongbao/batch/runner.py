"""A batch run: every file of a corpus extracted on Dask distributed workers,
written in committed partitions (see output.py), one per task.

Files are grouped into chunks (a task each, so the per-task overhead of the
scheduler is spread over several files) and submitted through a bounded
window: at most a few tasks per worker thread are in flight, whatever the size
of the corpus, so client, scheduler and worker memory stay flat. A task costs
some 5-10 ms of CPU in the worker, scheduler and client together, and the
worker idles a few ms between two tasks: chunks of up to 256 files (~1.5 s of
extraction) make that well under 1 %; they shrink toward the end of the run
so that the workers finish together (see `chunks`).

Each task is a partition. When the workers see the output directory (always
for the LocalCluster started here; `workers_write=True` on another cluster),
a worker writes the partition's records to a temporary file there and sends
back only the bookkeeping (work.ChunkResult: the manifest's file list, counts,
failures); the client fsyncs, renames and records the commit. Otherwise the
worker sends the records' bytes and the client writes them. The records never
travel through the client in the first case, which shares the cores with the
workers on a single machine.

Failures: a file that fails is an outcome of its chunk (see work.py). A worker
that dies takes its tasks with it; the scheduler reschedules them on the other
workers (and LocalCluster's nanny restarts the worker). A chunk whose tasks
keep killing workers (`KilledWorker`) is split into single files, so only the
file that kills is recorded as failed.
"""
from __future__ import annotations

import json
import logging
import os
import threading
import time
import uuid
from collections import deque
from contextlib import contextmanager
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Callable, Iterator, Optional, Union

from ..errors import InputError
from .corpus import InputFile, list_inputs
from .output import OutDir
from .progress import Progress
from .work import (DEFAULT_EXTRACTOR, ChunkResult, extract_chunk, extractor_version, failed_file, resolve, sees,
                   warm_up)

DEFAULT_OUT = "gongbao-batch"

# A store receives the record sets of one partition (dicts as written to the
# records file) before the partition is committed; a crash in between delivers
# them again on --resume, so a store must be idempotent on (path, sha256).
Store = Callable[[list[dict]], None]


class BatchError(Exception):
    """The run cannot go on (not one file's problem): the cluster, the extractor, the store."""


@dataclass
class BatchSummary:
    out_dir: str
    files: int = 0              # files in the corpus
    extracted: int = 0          # files extracted by this run
    failed: int = 0             # files that failed in this run
    skipped: int = 0            # files already done (resume), content unchanged
    records: int = 0            # records extracted by this run
    partitions: int = 0         # partitions committed by this run
    seconds: float = 0.0        # from the first task submitted to the last commit
    startup_seconds: float = 0.0  # listing the corpus, starting or reaching the cluster
    workers: int = 0            # worker threads
    interrupted: bool = False
    complete: bool = False      # every file of the corpus is done (this run or before)
    dashboard: Optional[str] = None
    extractor_version: str = ""

    @property
    def files_per_second(self) -> float:
        return (self.extracted + self.failed) / self.seconds if self.seconds else 0.0

    @property
    def records_per_second(self) -> float:
        return self.records / self.seconds if self.seconds else 0.0

    def to_dict(self) -> dict:
        out = asdict(self)
        out["files_per_second"] = round(self.files_per_second, 2)
        out["records_per_second"] = round(self.records_per_second, 2)
        out["seconds"] = round(self.seconds, 3)
        out["startup_seconds"] = round(self.startup_seconds, 3)
        return out

    def line(self) -> str:
        state = "interrupted" if self.interrupted else ("complete" if self.complete else "incomplete")
        return (f"gongbao batch: {state}: {self.extracted:,} files extracted, {self.failed:,} failed, "
                f"{self.skipped:,} already done; {self.records:,} records in {self.seconds:.1f} s "
                f"({self.files_per_second:,.1f} files/s, {self.records_per_second:,.0f} records/s) "
                f"on {self.workers} workers → {self.out_dir}")


def default_workers() -> int:
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:
        return max(1, os.cpu_count() or 1)


def _has_bokeh() -> bool:
    """Runs on the scheduler: its dashboard pages need bokeh (without it the
    HTTP server only answers /health and /metrics)."""
    import importlib.util
    return importlib.util.find_spec("bokeh") is not None


@contextmanager
def connect(scheduler=None, workers: Optional[int] = None) -> Iterator:
    """A dask.distributed Client: to `scheduler` (an address such as
    tcp://host:8786, a Client or a cluster object) when given, else to a new
    LocalCluster of `workers` processes with one thread each."""
    from distributed import Client, LocalCluster

    if scheduler is not None:
        if isinstance(scheduler, Client):
            yield scheduler
            return
        try:
            client = Client(scheduler, timeout="15s", set_as_default=False)
        except (OSError, TimeoutError, ValueError) as exc:
            raise BatchError(f"cannot reach the Dask scheduler {scheduler} ({exc})") from None
        try:
            try:
                client.wait_for_workers(workers or 1, timeout=120)
            except TimeoutError:
                raise BatchError(f"the Dask scheduler {scheduler} has fewer than {workers or 1} "
                                 f"workers after waiting 120 s") from None
            yield client
        finally:
            client.close()
        return
    n = workers or default_workers()
    import dask
    # Housekeeping that a batch of CPU-bound tasks does not need at Dask's
    # interactive defaults: with them an idle 2-worker cluster costs 3.6 % of
    # a core in the client process and 1.6 % in each worker, tuned 1.0 % and
    # 0.4 %. The event-loop tick only detects a blocked loop (20 ms → 200 ms);
    # the memory monitor still restarts a worker that runs away (100 ms → 1 s).
    settings = {
        "distributed.admin.tick.interval": "200ms",
        "distributed.admin.system-monitor.interval": "2s",
        "distributed.worker.memory.monitor-interval": "1s",
        # Dask sets MALLOC_TRIM_THRESHOLD_=65536 in workers (good for numpy
        # arrays); any fixed value turns off glibc's dynamic thresholds, and
        # extraction, which allocates and frees many mid-sized strings, then
        # takes 75 times the page faults and 3-5 % more CPU. Leave it unset.
        "distributed.nanny.pre-spawn-environ.MALLOC_TRIM_THRESHOLD_": None,
    }
    if not _has_bokeh():
        # the statistical profiler samples every thread's stack every 10 ms
        # with the GIL held; its only reader is the dashboard
        settings["distributed.worker.profile.enabled"] = False
    with dask.config.set(settings):
        cluster = LocalCluster(n_workers=n, threads_per_worker=1, processes=True,
                               dashboard_address=":0", silence_logs=logging.ERROR,
                               preload=["gongbao.batch.workerinit"])
    client = Client(cluster, set_as_default=False)
    try:
        yield client
    finally:
        try:
            client.close()
        finally:
            cluster.close()


def _threads(client) -> int:
    info = client.scheduler_info(n_workers=-1) if _accepts_n_workers(client) else client.scheduler_info()
    return sum(w.get("nthreads", 1) for w in info.get("workers", {}).values()) or 1


def _accepts_n_workers(client) -> bool:
    import inspect
    try:
        return "n_workers" in inspect.signature(client.scheduler_info).parameters
    except (TypeError, ValueError):
        return False


def _dashboard(client) -> Optional[str]:
    try:
        services = client.scheduler_info().get("services", {})
        if services.get("dashboard") and client.run_on_scheduler(_has_bokeh):
            return client.dashboard_link
    except Exception:  # noqa: BLE001 - the link is a nicety
        pass
    return None


def chunks(files: list[InputFile], done: dict[str, str], chunk_files: int,
           chunk_bytes: int, workers: int = 1) -> Iterator[list[tuple[str, Optional[str]]]]:
    """Group files into tasks of about `chunk_files` files and `chunk_bytes`
    bytes of work. A file done before (resume) is only hashed unless it has
    changed: it weighs a sixteenth of a file to extract.

    With several workers the tasks shrink toward the end, to 1/(2 × workers)
    of the work left (not below four files or chunk_bytes/16), so that the
    workers finish together: with full tasks to the last, one worker sat idle
    for half a task on average while another finished the last one."""
    def cost(f: InputFile) -> tuple[int, int]:
        return (16, 4096 + f.size) if done.get(f.path) is None else (1, (4096 + f.size) // 16)

    share = 2 * workers
    left_count = left_weight = 0
    for f in files:
        c, w = cost(f)
        left_count += c
        left_weight += w

    def limits() -> tuple[int, int]:
        if workers < 2:
            return 16 * chunk_files, chunk_bytes
        return (max(16 * 4, min(16 * chunk_files, left_count // share)),
                max(chunk_bytes // 16, min(chunk_bytes, left_weight // share)))

    max_count, max_weight = limits()
    chunk: list[tuple[str, Optional[str]]] = []
    count = weight = 0
    for f in files:
        chunk.append((f.path, done.get(f.path)))
        c, w = cost(f)
        count += c
        weight += w
        if count >= max_count or weight >= max_weight:
            yield chunk
            left_count -= count
            left_weight -= weight
            max_count, max_weight = limits()
            chunk, count, weight = [], 0, 0
    if chunk:
        yield chunk


def _default_store(database_url: Optional[str]) -> Optional[Store]:
    if not database_url:
        return None
    from .store import database_store
    return database_store(database_url)


def run_batch(inputs, out_dir=None, scheduler=None, workers: Optional[int] = None, resume: bool = False,
              database_url: Optional[str] = None, progress: bool = True, *,
              store: Optional[Store] = None,
              extractor: Union[str, Callable] = DEFAULT_EXTRACTOR,
              chunk_files: int = 256, chunk_bytes: int = 8 << 20,
              workers_write: Optional[bool] = None, retries: int = 2,
              stop_after_partitions: Optional[int] = None,
              stream=None) -> BatchSummary:
    """Extract every file of `inputs` (a directory walked recursively, a list
    file with one path per line, or an iterable of paths) on Dask workers and
    write the record sets under `out_dir` (see output.py for the layout).

    scheduler   address of an existing Dask scheduler (tcp://host:8786), a
                Client or a cluster; None starts a LocalCluster of `workers`
                processes with one thread each (default: one per core)
    resume      continue the run whose output is in out_dir: files done with
                the same content (sha256) are not extracted again
    store       a callable given each partition's record sets before it is
                committed (the PostgreSQL hook; `database_url` builds the
                default one, see store.py)
    extractor   "module:function" or a callable path -> Extraction, run on the
                workers (default: gongbao.extract.pipeline.extract_path)
    chunk_files, chunk_bytes  the most files, and input bytes, of one task (a
                partition of the output)
    workers_write  the workers write the records files themselves (the client
                commits them): the default with the LocalCluster started here;
                with `scheduler`, True when the output directory is on a file
                system every worker sees at the same path (checked: BatchError
                if not), else (default) the workers send the records to the
                client, which writes them
    stop_after_partitions  stop (as if interrupted) once this many partitions
                are committed: tests and trial runs
    Raises InputError for a bad corpus or output directory, BatchError when
    the run cannot go on; a KeyboardInterrupt ends the run cleanly (what is
    done is committed) and is reported as `interrupted`.
    """
    t_start = time.perf_counter()
    out_path = Path(out_dir if out_dir is not None else DEFAULT_OUT)
    files = list_inputs(inputs, exclude=[out_path])
    if not files:
        raise InputError(inputs if isinstance(inputs, (str, os.PathLike)) else "<inputs>", "holds no files to extract")
    store = store or _default_store(database_url)
    out = OutDir(out_path, resume=resume)
    resolve(extractor)                       # fail here, not on every worker, if it cannot be imported
    summary = BatchSummary(out_dir=str(out_path), files=len(files), extractor_version=extractor_version())
    known = out.done                         # what earlier runs settled: path -> sha256
    todo = sum(1 for f in files if f.path not in known)
    report = Progress(todo, enabled=progress, stream=stream)

    from distributed import as_completed
    from distributed.scheduler import KilledWorker

    token = uuid.uuid4().hex[:8]
    try:
        with connect(scheduler, workers) as client:
            summary.workers = _threads(client)
            summary.dashboard = _dashboard(client)
            versions = client.run(warm_up, extractor)
            other = {w: v for w, v in versions.items() if v != summary.extractor_version}
            if other:
                raise BatchError(f"workers run another gongbao version than this client "
                                 f"({summary.extractor_version}): "
                                 + ", ".join(f"{w} has {v}" for w, v in sorted(other.items())))
            report.say(f"gongbao batch: Dask dashboard at {summary.dashboard}" if summary.dashboard else
                       "gongbao batch: no Dask dashboard (install bokeh where the scheduler runs to get one)")
            older = sorted(out.versions - {summary.extractor_version})
            if older:
                report.say(f"gongbao batch: warning: files done earlier were extracted by gongbao "
                           f"{', '.join(older)}, not {summary.extractor_version}; they are not redone "
                           f"(use another --out to extract everything again)")
            if workers_write is None:
                workers_write = scheduler is None
            if workers_write:
                _check_workers_see(client, out_path)
            report.say(f"gongbao batch: {len(files):,} files, {len(files) - todo:,} already done, "
                       f"{summary.workers} workers → {out_path}")
            summary.startup_seconds = time.perf_counter() - t_start
            t0 = time.perf_counter()
            report.start()
            committer = Committer(out, store, summary.extractor_version)
            try:
                _loop(client, files, known, extractor, summary, report, committer, as_completed, KilledWorker,
                      chunk_files=chunk_files, chunk_bytes=chunk_bytes, retries=retries, token=token,
                      write_to=(os.path.abspath(out_path), not _local(client)) if workers_write else None,
                      stop_after_partitions=stop_after_partitions)
            finally:
                committer.close()
                summary.seconds = time.perf_counter() - t0
            if committer.error is not None:
                raise committer.error
    finally:
        report.close()
        _remove_leftovers(out_path, token)

    # every file of the corpus has its outcome: unchanged since an earlier run, or settled now
    summary.complete = (not summary.interrupted
                        and summary.skipped + summary.extracted + summary.failed == len(files))
    try:
        out.write_summary(summary.to_dict())
    except OSError:
        pass
    return summary


def _local(client) -> bool:
    """The client's cluster is a LocalCluster of this machine (its workers'
    files are then fsync'ed by the client before the rename)."""
    from distributed import LocalCluster
    return isinstance(getattr(client, "cluster", None), LocalCluster)


def _check_workers_see(client, out_path: Path) -> None:
    """Every worker must see the output directory at the client's path."""
    name = f".gongbao-probe-{uuid.uuid4().hex}"
    content = uuid.uuid4().hex
    probe = out_path / name
    probe.write_text(content, encoding="utf-8")
    try:
        seen = client.run(sees, os.path.abspath(out_path), name, content)
    finally:
        probe.unlink()
    blind = sorted(w for w, ok in seen.items() if not ok)
    if blind:
        raise BatchError(f"workers {', '.join(blind)} do not see the output directory "
                         f"{os.path.abspath(out_path)}; use a directory on a file system shared at the same path, "
                         f"or let the client write the output (no --workers-write)")


def _remove_leftovers(out_path: Path, token: str) -> None:
    """This run's temporary files that no commit renamed: tasks cancelled
    after they wrote, or split after a worker died. Once a LocalCluster is
    closed none is still being written; on another cluster a cancelled task
    may still write one after this, which the next --resume deletes."""
    for tmp in out_path.glob(f"records.run-{token}-*.tmp"):
        try:
            tmp.unlink()
        except OSError:
            pass


class Committer:
    """Commits partitions in order, in a thread of its own, so that fsync'ing
    a partition (and storing it) never leaves the workers without tasks. After
    a failure nothing more is committed; the error is kept for the client loop
    to raise."""

    def __init__(self, out: OutDir, store: Optional[Store], version: str, depth: int = 8):
        import queue
        self.out = out
        self.version = version
        self.store = store
        self.error: Optional[BaseException] = None
        self.queue: "queue.Queue" = queue.Queue(maxsize=depth)
        self.thread = threading.Thread(target=self._run, name="gongbao-batch-commit", daemon=True)
        self.thread.start()

    def put(self, result: ChunkResult) -> None:
        self.queue.put(result)

    def _run(self) -> None:
        while True:
            result = self.queue.get()
            if result is None:
                return
            if self.error is not None:
                continue                       # after a failure: drop, --resume redoes them
            try:
                if self.store is not None and result.records is not None:
                    try:
                        self.store(_record_sets(result.records))
                    except Exception as exc:  # noqa: BLE001
                        raise BatchError(f"the store failed ({type(exc).__name__}: {exc}); the partition was "
                                         f"not committed, --resume redoes it") from exc
                self.out.commit(result.records, list(result.failures), result.files, self.version)
            except BaseException as exc:  # noqa: BLE001 - kept and raised by the client loop
                self.error = exc if isinstance(exc, BatchError) else BatchError(
                    f"cannot write to {self.out.path} ({type(exc).__name__}: {exc})")

    def close(self) -> None:
        """Wait until every partition put is committed (or dropped)."""
        self.queue.put(None)
        while self.thread.is_alive():
            self.thread.join(timeout=0.2)


def _record_sets(records: Union[bytes, str]) -> list[dict]:
    """The record sets of a partition's lines (bytes) or of its temporary file."""
    if isinstance(records, (bytes, bytearray)):
        return [json.loads(line) for line in records.splitlines() if line.strip()]
    with open(records, "rb") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def _loop(client, files, known, extractor, summary, report, committer, as_completed, KilledWorker, *,
          chunk_files, chunk_bytes, retries, token, write_to, stop_after_partitions) -> None:
    # enough tasks in flight to keep every worker thread busy while results
    # travel and the client takes them; few enough that memory stays flat
    window = 2 * summary.workers + 2
    source = chunks(files, known, chunk_files, chunk_bytes, summary.workers)
    retry_singles: deque = deque()
    second_chance: set[str] = set()
    inflight: dict = {}
    # results are gathered in the background as tasks finish, not one round trip at a time
    ac = as_completed(loop=client.loop, with_results=True, raise_errors=False)
    counter = 0

    def submit_next() -> bool:
        nonlocal counter
        chunk = retry_singles.popleft() if retry_singles else next(source, None)
        if chunk is None:
            return False
        counter += 1
        key = f"gongbao-chunk-{token}-{counter}"
        # the worker writes records.run-TOKEN-N.<its own suffix>.tmp: a retry
        # (or a second run of the task) never writes into another's file
        where = None if write_to is None else (write_to[0], f"records.run-{token}-{counter}", write_to[1])
        fut = client.submit(extract_chunk, chunk, extractor, where, key=key, retries=retries, pure=False)
        inflight[fut.key] = (fut, chunk)
        ac.add(fut)
        return True

    def take(result: ChunkResult) -> bool:
        """Count the partition and hand it to the committer; True when the run should stop."""
        summary.skipped += result.unchanged
        if result.changed:
            report.grow(result.changed)    # done before, but its content changed
        summary.extracted += result.extracted
        summary.failed += result.failed
        summary.records += result.records_n
        report.update(result.settled, result.records_n)
        if not result.settled:
            return False
        committer.put(result)
        summary.partitions += 1
        return stop_after_partitions is not None and summary.partitions >= stop_after_partitions

    try:
        for _ in range(window):
            if not submit_next():
                break
        for fut, result in ac:
            _, chunk = inflight.pop(fut.key)
            fut.release()
            # Decide by what came back, not by fut.status: a result already
            # gathered stays valid even when its worker dies right after and
            # the scheduler marks the key lost (status no longer "finished").
            if isinstance(result, ChunkResult):
                pass
            elif isinstance(result, tuple) and len(result) > 1 and isinstance(result[1], KilledWorker):
                result = None
                if len(chunk) > 1:         # find the file that kills: one task per file
                    retry_singles.extend([item] for item in chunk)
                elif chunk[0][0] not in second_chance:
                    # a file alone on a worker that died may only have been
                    # queued beside the one that kills: one more try alone
                    second_chance.add(chunk[0][0])
                    retry_singles.append(chunk)
                else:
                    path = chunk[0][0]
                    result = failed_file(path, _sha_or_none(path),
                                         f"{path}: a worker died extracting this file, again and again "
                                         f"(crash or out of memory)", summary.extractor_version)
            else:                          # the task itself failed after its retries, or was cancelled
                exc = result[1] if isinstance(result, tuple) else result
                raise BatchError(f"a task failed after {retries} retries ({type(exc).__name__}: {exc})")
            if result is not None and take(result):
                summary.interrupted = True
                return
            if committer.error is not None:
                return
            while len(inflight) < window and submit_next():
                pass
    except KeyboardInterrupt:
        summary.interrupted = True
    finally:
        if inflight:
            try:
                client.cancel([f for f, _ in inflight.values()])
            except Exception:  # noqa: BLE001 - the cluster closes next anyway
                pass
            inflight.clear()


def _sha_or_none(path: str) -> Optional[str]:
    from .work import sha256_file
    try:
        return sha256_file(path)
    except OSError:
        return None
