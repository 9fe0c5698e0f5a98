"""Interrupted runs resumed give the same output as one uninterrupted run: no
duplicates, no losses. A killed worker loses nothing."""
import json
import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

import gongbao
from gongbao.batch import BatchError, read_failures, read_records, run_batch
from tests.batch.checks import assert_clean, assert_same_as_sequential

PACKAGE_ROOT = str(Path(gongbao.__file__).resolve().parent.parent)


def manifest_lines(out) -> int:
    try:
        return (Path(out) / "done.jsonl").read_bytes().count(b"\n")
    except FileNotFoundError:
        return 0


def wait_for(condition, timeout=60.0, what="condition"):
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        time.sleep(0.005)


CLIENT = """
import sys
from gongbao.batch import run_batch
s = run_batch(sys.argv[1], out_dir=sys.argv[2], workers=2, progress=False, chunk_files=2)
print(s.partitions, s.extracted, s.failed, s.interrupted, flush=True)
sys.exit(130 if s.interrupted else 0)
"""


def start_client(corpus, out):
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([PACKAGE_ROOT, os.environ.get("PYTHONPATH", "")])}
    return subprocess.Popen([sys.executable, "-c", CLIENT, corpus["root"], str(out)], env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            start_new_session=True)


@pytest.mark.parametrize("sig", [signal.SIGKILL, signal.SIGINT])
def test_client_stopped_half_way_then_resumed(corpus, sequential, tmp_path, sig):
    """SIGKILL: the client (and its local cluster) dies at a random instant.
    SIGINT: Ctrl-C, as a terminal sends it to the whole process group; the
    client commits what it has and exits 130. Either way --resume completes
    the output, same as sequential extraction, without duplicates."""
    out = tmp_path / "out"
    proc = start_client(corpus, out)
    try:
        wait_for(lambda: manifest_lines(out) >= 3 or proc.poll() is not None, what="3 partitions")
        assert proc.poll() is None, proc.communicate()
        os.killpg(proc.pid, sig)
        stdout, stderr = proc.communicate(timeout=60)
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
    committed = manifest_lines(out)
    total = len(sequential)
    settled_before = sum(len(json.loads(line)["files"]) for line in (out / "done.jsonl").read_text().splitlines())
    assert 0 < settled_before < total, "the run was not stopped half-way"
    if sig == signal.SIGINT:
        assert proc.returncode == 130, stderr
        assert "Traceback" not in stderr, stderr
        assert stdout.split()[-1] == "True"
        assert_clean(out)         # an orderly stop leaves no half-written file

    summary = run_batch(corpus["root"], out_dir=out, workers=2, progress=False, resume=True)
    assert summary.complete and not summary.interrupted
    assert summary.skipped == settled_before
    assert summary.extracted + summary.failed == total - settled_before
    assert manifest_lines(out) > committed
    assert_same_as_sequential(out, sequential)
    assert_clean(out)


def test_stopped_after_k_partitions_and_crash_leftovers(corpus, sequential, tmp_path):
    """Stop after 2 partitions, then leave what a crash mid-commit leaves: a
    temporary file, a renamed records file and failure lines of a partition
    the manifest does not name, a torn manifest line. Resume cleans it all."""
    out = tmp_path / "out"
    first = run_batch(corpus["root"], out_dir=out, workers=2, progress=False, chunk_files=4,
                      stop_after_partitions=2)
    assert first.interrupted and first.partitions == 2 and not first.complete
    records = {r["path"] for r in read_records(out)}
    assert 0 < len(records) < len(sequential)

    done = [json.loads(line) for line in (out / "done.jsonl").read_text().splitlines()]
    some = [f[0] for f in done[0]["files"]][:3]
    orphan = [json.dumps({"path": p, "sha256": "0" * 64, "extractor_version": "x", "extraction": {}}) for p in some]
    (out / "records.part-00002.jsonl").write_text("\n".join(orphan) + "\n")
    (out / "records.part-00003.jsonl.tmp").write_text(orphan[0])
    (out / "records.run-0123abcd-7.4242-00ff00ff.tmp").write_text(orphan[1] + "\n")   # a worker's, never renamed
    with open(out / "failures.jsonl", "a") as fh:
        fh.write(json.dumps({"path": some[0], "sha256": None, "error": "stale", "part": 2}) + "\n")
    with open(out / "done.jsonl", "a") as fh:
        fh.write('{"part":2,"records":"records.part-00002.jsonl","files":[["' + some[0])   # torn

    second = run_batch(corpus["root"], out_dir=out, workers=2, progress=False, resume=True)
    assert second.complete
    assert second.skipped == sum(len(d["files"]) for d in done)
    assert_same_as_sequential(out, sequential)
    assert_clean(out)
    assert all(f["error"] != "stale" for f in read_failures(out))


@pytest.mark.parametrize("workers_write", [None, True], ids=["client-writes", "workers-write"])
def test_killed_worker_loses_nothing(corpus, sequential, tmp_path, workers_write):
    """On a cluster of its own (a scheduler address) the client writes the
    records unless told the workers see the output directory; either way a
    worker killed mid-run loses nothing."""
    from distributed import Client, LocalCluster

    out = tmp_path / "out"
    killed = {}
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=":0") as cluster, \
            Client(cluster) as client:
        pids = client.run(os.getpid)

        def kill_one():
            wait_for(lambda: manifest_lines(out) >= 2, what="2 partitions")
            address, pid = sorted(pids.items())[0]
            killed["settled"] = sum(len(json.loads(line)["files"])
                                    for line in (out / "done.jsonl").read_text().splitlines())
            os.kill(pid, signal.SIGKILL)
            killed["pid"] = pid

        killer = threading.Thread(target=kill_one, daemon=True)
        killer.start()
        summary = run_batch(corpus["root"], out_dir=out, scheduler=cluster.scheduler_address, progress=False,
                            chunk_files=4, workers_write=workers_write)
        killer.join(timeout=60)
        assert killed.get("pid"), "no worker was killed"
        assert killed["settled"] < len(sequential), "the worker was killed after the run"
        after = client.run(os.getpid)
        assert killed["pid"] not in after.values()     # it died (and the nanny started another)
    assert summary.complete and not summary.interrupted
    assert summary.extracted + summary.failed == len(sequential)
    assert_same_as_sequential(out, sequential)
    assert_clean(out)


def test_a_file_that_kills_its_worker_is_a_failure(corpus, sequential, tmp_path):
    """A file on which the worker process dies (crash, out of memory) kills
    its chunk's tasks again and again; the chunk is split and only that file
    is recorded as failed."""
    import dask

    corpus_dir = tmp_path / "small"
    chosen = [p for p in corpus["files"] if "/set02/docs/doc0" in p][:7]
    for p in chosen:
        (corpus_dir / Path(p).name).parent.mkdir(parents=True, exist_ok=True)
        (corpus_dir / Path(p).name).write_bytes(Path(p).read_bytes())
    (corpus_dir / "poison.txt").write_bytes(Path(chosen[0]).read_bytes())
    out = tmp_path / "out"
    with dask.config.set({"distributed.scheduler.allowed-failures": 1}):
        summary = run_batch(str(corpus_dir), out_dir=out, workers=2, progress=False, chunk_files=8,
                            extractor="tests.batch.poison:extract")
    assert summary.complete
    assert (summary.extracted, summary.failed) == (7, 1)
    failures = read_failures(out)
    assert [Path(f["path"]).name for f in failures] == ["poison.txt"]
    assert "worker died" in failures[0]["error"]
    got = {Path(r["path"]).name: r["extraction"]["documents"] for r in read_records(out)}
    assert sorted(got) == sorted(Path(p).name for p in chosen)
    assert_clean(out)       # the records file the dying worker had begun is gone


@pytest.mark.parametrize("workers_write", [None, False], ids=["workers-write", "client-writes"])
def test_store_gets_every_record_set_once_and_a_failing_store_stops(corpus, sequential, tmp_path, workers_write):
    stored = []
    chosen = [p for p in corpus["files"] if "/set03/docs/" in p][:20]
    out = tmp_path / "out"
    summary = run_batch(chosen, out_dir=out, workers=1, progress=False, chunk_files=2,
                        store=stored.extend, workers_write=workers_write)
    assert summary.partitions == 10               # a partition per task of 2 files
    assert sorted(r["path"] for r in stored) == sorted(p for p in chosen if sequential[p][0] == "ok")
    assert stored == sorted(read_records(out), key=lambda r: stored.index(r))

    def broken_store(record_sets):
        raise ConnectionError("database went away")

    with pytest.raises(BatchError, match="database went away"):
        run_batch(chosen, out_dir=tmp_path / "out2", workers=1, progress=False, store=broken_store,
                  workers_write=workers_write)
    assert manifest_lines(tmp_path / "out2") == 0
    assert not list((tmp_path / "out2").glob("records.*"))


def test_workers_write_only_where_they_see_the_output(corpus, tmp_path, monkeypatch):
    """workers_write on a cluster whose workers do not see the output
    directory stops before any task, with nothing written."""
    from distributed import LocalCluster

    import gongbao.batch.runner as runner
    from tests.batch.poison import blind

    chosen = [p for p in corpus["files"] if "/set03/docs/" in p][:4]
    out = tmp_path / "out"
    with LocalCluster(n_workers=1, threads_per_worker=1, processes=True, dashboard_address=":0") as cluster:
        monkeypatch.setattr(runner, "sees", blind)
        with pytest.raises(BatchError, match="do not see the output directory"):
            run_batch(chosen, out_dir=out, scheduler=cluster.scheduler_address, progress=False, workers_write=True)
        assert not list(out.iterdir())
        monkeypatch.undo()
        summary = run_batch(chosen, out_dir=out, scheduler=cluster.scheduler_address, progress=False,
                            workers_write=True, resume=True)
    assert summary.complete and summary.extracted == 4
    assert_clean(out)
