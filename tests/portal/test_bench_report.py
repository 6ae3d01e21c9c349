"""The benchmark's record and comparison of runs (no server: the figures are made up here)."""

import json

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from portal.management.commands.bench import (
    BenchRoute,
    Result,
    compare_report,
    compare_runs,
    load_run,
    route_key,
    run_record,
    target_for,
    workers_memory_mb,
)


def _result(name: str, latencies_ms: list[float], seconds: float, queries: int | None):
    result = Result(BenchRoute(name, "/x/"), seconds=seconds, queries=queries)
    result.latencies = [ms / 1000 for ms in latencies_ms]
    return result


def _route(name, p95, ratio, queries):
    return {
        "name": name,
        "key": route_key(name),
        "p95_ms": p95,
        "ratio_to_bare": ratio,
        "queries": queries,
    }


def _run(dataset, routes, rss=None):
    return {"dataset": dataset, "created": "2026-12-06T22:00:00Z", "routes": routes,
            "worker_rss_mb": rss or {}}  # fmt: skip


OPTIONS = {"workers": 2, "concurrency": 4, "seconds": 5.0}


def test_run_record__has_percentiles_throughput_and_the_ratio_to_the_bare_view():
    bare = _result("bare Django view", [1.0] * 100, 1.0, 0)
    home = _result("home page, anonymous", [float(ms) for ms in range(1, 101)], 2.0, 7)

    memory = {"12": {"rss": 180.5, "pss": 95.2}}
    record = run_record([bare, home], options=OPTIONS, dataset="small", memory=memory)

    assert record["dataset"] == "small" and record["worker_rss_mb"] == {"12": 180.5}
    assert record["worker_pss_mb"] == {"12": 95.2}
    assert record["workers"] == 2 and record["concurrency"] == 4
    route = record["routes"][1]
    assert route["p50_ms"] == pytest.approx(50.0, abs=1)
    assert route["p95_ms"] == pytest.approx(95.0, abs=1)
    assert route["rps"] == 50.0
    assert route["ratio_to_bare"] == 0.5
    assert route["queries"] == 7 and route["requests"] == 100
    json.dumps(record)  # serialisable


def test_run_record__a_route_without_successes_has_no_percentiles():
    failed = _result("API: bodies", [], 1.0, 3)

    route = run_record([failed], options=OPTIONS, dataset="demo", memory={})["routes"][0]

    assert route["p95_ms"] is None and route["ratio_to_bare"] is None


def test_route_key__ignores_counts_that_differ_between_data_sets():
    assert route_key("meeting page with 40 items") == route_key("meeting page with 35 items")
    assert route_key("survey results page (312 responses)") == route_key(
        "survey results page (400 000 responses)"
    )
    assert route_key("my cases") == "my cases"


def test_target_for__follows_quality_md():
    assert target_for("home page, anonymous") == (10.0, 0.8)
    assert target_for("a resident's case page") == (25.0, 0.4)
    assert target_for("my cases") == (25.0, 0.4)
    assert target_for("meeting page with 40 items") == (40.0, 0.3)
    assert target_for("decision search, sv (stemmed)") == (80.0, 0.2)
    assert target_for("API: agenda items") == (40.0, 0.3)
    assert target_for("survey results page (3 responses)") is None


def test_compare_runs__ratio_of_p95_and_each_bar_met_or_missed():
    small = _run(
        "small",
        [
            _route("bare Django view", 2.0, 1.0, 0),
            _route("home page, anonymous", 8.0, 0.9, 5),
            _route("meeting page with 40 items", 20.0, 0.4, 9),
            _route("decision search, fi (stemmed)", 40.0, 0.3, 8),
        ],
    )
    city = _run(
        "city",
        [
            _route("bare Django view", 2.0, 1.0, 0),
            _route("home page, anonymous", 9.0, 0.85, 5),
            _route("meeting page with 38 items", 30.0, 0.35, 9),
            _route("decision search, fi (stemmed)", 120.0, 0.1, 9),
            _route("API: new list", 10.0, 0.5, 4),
        ],
    )

    rows = {row.key: row for row in compare_runs(small, city)}

    assert "bare Django view" not in rows
    home = rows[route_key("home page, anonymous")]
    assert home.growth == pytest.approx(9 / 8)
    assert home.verdicts() == {
        "p95 growth": True,
        "queries": True,
        "p95 target": True,
        "throughput target": True,
    }
    meeting = rows[route_key("meeting page with 40 items")]
    assert meeting.growth == pytest.approx(1.5)
    assert meeting.verdicts()["p95 growth"] is False
    assert meeting.verdicts()["p95 target"] is True
    search = rows[route_key("decision search, fi (stemmed)")]
    assert search.verdicts() == {
        "p95 growth": False,
        "queries": False,  # 8 on small, 9 on city: not constant
        "p95 target": False,
        "throughput target": False,
    }
    new = rows["API: new list"]
    assert new.growth is None and new.verdicts()["p95 growth"] is None


def test_compare_report__prints_each_route_and_the_memory_bar():
    small = _run("small", [_route("my cases", 10.0, 0.5, 6)])
    city = _run("city", [_route("my cases", 20.0, 0.5, 6)], rss={"1": 300.0, "2": 200.0})

    report = compare_report(small, city)

    assert "A: small" in report and "B: city" in report
    line = next(line for line in report.splitlines() if line.startswith("my cases"))
    assert "2.00" in line and "MISSED" in line
    assert "300 MB" in report and "MISSED" in report.splitlines()[-2]
    assert report.splitlines()[-1] == "2 bars missed"


def test_compare_report__all_met():
    run = _run("small", [_route("API: bodies", 10.0, 0.5, 3)], rss={"1": 100.0})

    assert compare_report(run, run).splitlines()[-1] == "every measured bar met"


def test_load_run__by_data_set_name_or_file(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "var" / "bench").mkdir(parents=True)
    saved = _run("small", [_route("my cases", 10.0, 0.5, 6)])
    (tmp_path / "var" / "bench" / "small.json").write_text(json.dumps(saved))
    (tmp_path / "other.json").write_text(json.dumps(saved))

    assert load_run("small") == saved
    assert load_run(str(tmp_path / "other.json")) == saved
    with pytest.raises(CommandError):
        load_run("city")


def test_bench_command__compare_prints_the_report(tmp_path, capsys):
    a, b = tmp_path / "a.json", tmp_path / "b.json"
    a.write_text(json.dumps(_run("small", [_route("my cases", 10.0, 0.5, 6)])))
    b.write_text(json.dumps(_run("city", [_route("my cases", 12.0, 0.5, 6)])))

    call_command("bench", compare=[str(a), str(b)])

    out = capsys.readouterr().out
    assert "my cases" in out and "1.20" in out and "every measured bar met" in out


def test_workers_memory_mb__finds_the_children_of_a_process():
    import os
    import subprocess
    import sys

    code = "import time; print('ready', flush=True); time.sleep(30)"
    child = subprocess.Popen(  # noqa: S603 - this interpreter, a fixed script
        [sys.executable, "-c", code], stdout=subprocess.PIPE, text=True
    )
    try:
        assert child.stdout.readline() == "ready\n"  # the interpreter is up
        found = workers_memory_mb(os.getpid())
    finally:
        child.kill()
        child.wait()
    sizes = found[str(child.pid)]
    assert sizes["rss"] > 1 and 0 < sizes["pss"] <= sizes["rss"]
