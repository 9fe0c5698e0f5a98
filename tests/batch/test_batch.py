"""A corpus extracted on 2 Dask workers gives exactly what sequential
extraction gives; a finished run resumed does nothing; listing rules."""
import json
import os

import pytest

from gongbao.batch import read_failures, read_records, run_batch
from gongbao.errors import InputError
from tests.batch.checks import assert_clean, assert_same_as_sequential


def test_two_workers_give_the_sequential_records(corpus, sequential, tmp_path):
    out = tmp_path / "out"
    summary = run_batch(corpus["root"], out_dir=out, workers=2, progress=False,
                        chunk_files=8)
    assert summary.complete and not summary.interrupted
    assert summary.workers == 2
    failed_in_sequence = sorted(p for p, (s, _) in sequential.items() if s == "failed")
    n_failed = len(failed_in_sequence)
    assert set(corpus["broken"]) <= set(failed_in_sequence)
    assert n_failed < len(sequential) // 10           # the corpus is mostly good documents
    assert (summary.extracted, summary.failed, summary.skipped) == (len(sequential) - n_failed, n_failed, 0)
    assert summary.records == sum(sum(len(v[k]) for k in ("documents", "tasks", "groups", "appointments",
                                                          "heritage_items", "inheritors", "commendations"))
                                  for s, v in sequential.values() if s == "ok")
    # a partition per task (one without records, all its files failed, has no records file)
    manifest = [json.loads(line) for line in (out / "done.jsonl").read_text().splitlines()]
    assert summary.partitions == len(manifest) >= 5
    assert len(list(out.glob("records.part-*.jsonl"))) == sum(1 for m in manifest if m["records"])
    assert_same_as_sequential(out, sequential)
    assert_clean(out)
    # broken files are failures with the one-line error users know, never hidden files
    errors = {f["path"]: f["error"] for f in read_failures(out)}
    assert sorted(errors) == failed_in_sequence
    assert all("\n" not in e and e.startswith(p + ": ") for p, e in errors.items())
    assert not any(r["path"] in corpus["hidden"] for r in read_records(out))
    saved = json.loads((out / "summary.json").read_text())
    assert saved["extracted"] == summary.extracted and saved["complete"] is True

    # a finished run resumed: every file is verified unchanged, nothing is redone
    before = {p.name: p.read_bytes() for p in out.iterdir() if p.name != "summary.json"}
    again = run_batch(corpus["root"], out_dir=out, workers=2, progress=False, resume=True)
    assert (again.extracted, again.failed, again.skipped, again.partitions) == (0, 0, len(sequential), 0)
    assert again.complete
    assert {p.name: p.read_bytes() for p in out.iterdir() if p.name != "summary.json"} == before


def test_list_file_and_changed_file(corpus, sequential, tmp_path):
    """A list file names the inputs; on resume a file whose content changed
    is extracted again (its old record set stays, told apart by sha256)."""
    chosen = [p for p in corpus["files"] if "/set01/docs/doc0" in p][:6] + corpus["broken"][:2]
    listing = tmp_path / "list.txt"
    listing.write_text("# corpus\n" + "\n".join(chosen + chosen[:2]) + "\n\n", encoding="utf-8")
    out = tmp_path / "out"
    first = run_batch(str(listing), out_dir=out, workers=1, progress=False)
    assert (first.extracted, first.failed) == (6, 2)
    assert_same_as_sequential(out, {p: sequential[p] for p in chosen})

    changed = tmp_path / "copy.txt"
    changed.write_bytes(open(chosen[0], "rb").read())
    listing.write_text("\n".join(chosen + [str(changed)]) + "\n", encoding="utf-8")
    second = run_batch(str(listing), out_dir=out, workers=1, progress=False, resume=True)
    assert (second.extracted, second.skipped) == (1, 8)
    changed.write_bytes(open(chosen[1], "rb").read())
    third = run_batch(str(listing), out_dir=out, workers=1, progress=False, resume=True)
    assert (third.extracted, third.skipped) == (1, 8)
    mine = [r for r in read_records(out) if r["path"] == str(changed)]
    assert len(mine) == 2 and mine[0]["sha256"] != mine[1]["sha256"]


def test_refuses_earlier_output_without_resume(corpus, tmp_path):
    out = tmp_path / "out"
    (out).mkdir()
    (out / "done.jsonl").write_text('{"part":0,"records":null,"files":[]}\n')
    with pytest.raises(InputError, match="--resume"):
        run_batch(corpus["root"], out_dir=out, workers=1, progress=False)


def test_not_a_list_file(tmp_path):
    gazette = tmp_path / "gazette.txt"
    gazette.write_text("某某市人民政府\n关于做好工作的通知\n", encoding="utf-8")
    with pytest.raises(InputError, match="neither a directory nor a list of files"):
        run_batch(str(gazette), out_dir=tmp_path / "out", progress=False)
    with pytest.raises(InputError, match="no such directory or list file"):
        run_batch(str(tmp_path / "nope"), out_dir=tmp_path / "out", progress=False)
    (tmp_path / "emptydir").mkdir()
    with pytest.raises(InputError, match="holds no files"):
        run_batch(str(tmp_path / "emptydir"), out_dir=tmp_path / "out2", progress=False)


def test_out_dir_inside_the_corpus_is_not_read(corpus, tmp_path):
    from gongbao.batch.corpus import walk_directory
    root = corpus["root"]
    listed = [f.path for f in walk_directory(root, exclude=[os.path.join(root, "set00")])]
    assert listed and not any("/set00/" in p for p in listed)
    assert not any("/.cache/" in p for p in listed)


def test_database_url_never_printed_with_its_password():
    from gongbao.batch.store import url_for_message
    assert url_for_message("postgres://gb:s3cret@db.local:5432/gongbao") == "postgres://gb:***@db.local:5432/gongbao"
    assert url_for_message("postgres://db.local/gongbao") == "postgres://db.local/gongbao"


def test_cli_exit_codes(corpus, tmp_path, capsys):
    from gongbao.batch import main
    assert main([str(tmp_path / "nope"), "--out", str(tmp_path / "o")]) == 2
    assert capsys.readouterr().err.strip() == f"gongbao: {tmp_path / 'nope'}: no such directory or list file"
    assert main([corpus["root"], "--workers", "0"]) == 2
    assert capsys.readouterr().err.strip() == "gongbao: --workers: must be at least 1"
    assert main([corpus["root"], "--workers-write"]) == 2
    assert "only with --scheduler" in capsys.readouterr().err
    listing = tmp_path / "one.txt"
    listing.write_text(corpus["broken"][0] + "\n" + [p for p in corpus["files"] if "/docs/doc01" in p][0] + "\n")
    assert main([str(listing), "--out", str(tmp_path / "o1"), "--workers", "1", "--no-progress"]) == 0
    assert capsys.readouterr().err == ""
    assert len(read_records(tmp_path / "o1")) == 1 and len(read_failures(tmp_path / "o1")) == 1
    assert main([str(listing), "--out", str(tmp_path / "o1"), "--workers", "1"]) == 2   # earlier output, no --resume
    assert "--resume" in capsys.readouterr().err
    assert main([str(listing), "--out", str(tmp_path / "o1"), "--workers", "1", "--resume"]) == 0
    err = capsys.readouterr().err
    assert "complete: 0 files extracted, 0 failed, 2 already done" in err


def test_progress_bar_only_on_a_terminal():
    import io
    from gongbao.batch.progress import Progress

    class Terminal(io.StringIO):
        def isatty(self):
            return True

    tty = Terminal()
    report = Progress(total=10, enabled=True, stream=tty)
    report.start()
    report.update(4, 120)
    report.close()
    shown = tty.getvalue()
    assert "4/10" in shown and "file/s" in shown and "120 records" in shown and "records/s" in shown
    for enabled, stream in ((True, io.StringIO()), (False, Terminal())):
        report = Progress(total=10, enabled=enabled, stream=stream)
        report.start()
        report.update(10, 5)
        report.close()
        assert report.bar is None and stream.getvalue() == ""


def test_gongbao_batch_command(corpus, sequential, tmp_path, capsys):
    """Through the main CLI, as users run it."""
    from gongbao.cli import main as gongbao
    chosen = [p for p in corpus["files"] if "/set02/docs/city1/" in p][:5] + corpus["broken"][-1:]
    listing = tmp_path / "list.txt"
    listing.write_text("\n".join(chosen) + "\n")
    assert gongbao(["batch", str(listing), "--out", str(tmp_path / "out"), "--workers", "2"]) == 0
    err = capsys.readouterr().err
    assert "complete: 5 files extracted, 1 failed, 0 already done" in err
    assert_same_as_sequential(tmp_path / "out", {p: sequential[p] for p in chosen})


def test_a_task_written_by_the_worker_or_sent_to_the_client(corpus, sequential, tmp_path):
    """A task's partition: the same lines whether the worker writes them to a
    temporary file of the output directory or returns them; the client gets
    the manifest's file list, counts and failures either way."""
    from gongbao.batch.work import extract_chunk

    good = [p for p in corpus["files"] if "/set01/docs/" in p][:5]
    chunk = [(p, None) for p in good + corpus["broken"][:2]]
    sent = extract_chunk(chunk)
    written = extract_chunk(chunk, write_to=(str(tmp_path), "records.run-test-1", False))
    assert isinstance(sent.records, bytes)
    assert os.path.dirname(written.records) == str(tmp_path)
    name = os.path.basename(written.records)
    assert name.startswith("records.run-test-1.") and name.endswith(".tmp")
    with open(written.records, "rb") as fh:
        assert fh.read() == sent.records
    assert sent._replace(records=None) == written._replace(records=None)
    lines = [json.loads(line) for line in sent.records.splitlines()]
    assert [r["path"] for r in lines] == good
    assert all(r["extraction"] == sequential[r["path"]][1] for r in lines)
    assert (sent.extracted, sent.failed, sent.unchanged, sent.changed, sent.settled) == (5, 2, 0, 0, 7)
    assert sent.records_n == sum(sum(r["counts"].values()) for r in lines)
    assert [f[0] for f in json.loads(sent.files)] == good + corpus["broken"][:2]
    assert [f["path"] for f in sent.failures] == corpus["broken"][:2]
    # done before: unchanged files are not settled again, a changed one is; no records, no file
    shas = {p: f[1] for p, f in zip(good, json.loads(sent.files))}
    again = extract_chunk([(p, shas[p]) for p in good[:3]] + [(corpus["broken"][0], "0" * 64)],
                          write_to=(str(tmp_path), "records.run-test-2", True))
    assert (again.records, again.unchanged, again.changed, again.failed) == (None, 3, 1, 1)
    assert not list(tmp_path.glob("records.run-test-2*"))
