"""Runs MLflow's own REST test files against our tracking server and against MLflow's server.

    python run_suite.py --tarball ../shared/mlflow-tests/mlflow-tests.tgz \
        --jar tracking-server/target/quarkus-app/quarkus-run.jar --work tracking-server/target/mlflow-suite \
        --known docs/tracking.md

Unpacks the tarball under --work (nothing of MLflow's is committed), runs the selection with the
``homelab_suite`` plugin once per side, writes per-test outcomes and a report (report.md,
summary.json) and exits 1 when a test that passes on MLflow fails on ours without being listed
in the known differences (the table between the mlflow-suite markers of --known).
The baseline is cached under --work keyed by the tarball's hash, the MLflow version, the plugin
and the selection; it is re-run when missing (always on a fresh clone) or with --fresh-baseline.
"""

import argparse
import fnmatch
import hashlib
import json
import os
import re
import secrets
import subprocess
import sys
import tarfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
SELECTION = [
    "tests/tracking/test_rest_tracking.py",
    "tests/tracking/test_model_registry.py",
    "tests/server/auth/test_client.py",
]
START, END = "<!-- mlflow-suite-known-differences:start -->", "<!-- mlflow-suite-known-differences:end -->"


def sha256(path, extra=b""):
    h = hashlib.sha256(extra)
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def unpack(tarball, work):
    """The tests tree, unpacked once per tarball content into work/src-<hash>."""
    dest = work / f"src-{sha256(tarball)[:16]}"
    if not (dest / ".complete").exists():
        tmp = work / f"unpack-{os.getpid()}"
        tmp.mkdir(parents=True, exist_ok=True)
        with tarfile.open(tarball) as tar:
            tar.extractall(tmp, filter="data")
        roots = [p for p in tmp.iterdir() if (p / "tests").is_dir()]
        root = roots[0] if roots else tmp
        if dest.exists():
            subprocess.run(["rm", "-rf", str(dest)], check=True)
        root.rename(dest)
        subprocess.run(["rm", "-rf", str(tmp)], check=True)
        (dest / ".complete").write_text("")
    return dest


def known_differences(doc):
    """(pattern, reason) rows of the known-differences table in the docs."""
    text = Path(doc).read_text()
    if START not in text:
        return []
    body = text.split(START, 1)[1].split(END, 1)[0]
    rows = []
    for line in body.splitlines():
        m = re.match(r"\|\s*`([^`]+)`\s*\|\s*(.+?)\s*\|\s*$", line)
        if m:
            rows.append((m.group(1), m.group(2)))
    return rows


def run_side(side, src, selection, args, work):
    results = work / f"results-{side}.json"
    results.unlink(missing_ok=True)
    ini = work / "pytest.ini"
    # Our own settings, not MLflow's pyproject: no warnings-as-errors, a per-test time-out.
    ini.write_text("[pytest]\naddopts = -p no:cacheprovider\ntimeout = 300\n")
    cmd = [
        sys.executable, "-m", "pytest", "-c", str(ini), "--rootdir", str(src),
        "-p", "homelab_suite", f"--homelab-server={side}",
        f"--homelab-results={results}", "-q", "-rN", "--no-header", "-p", "no:randomly",
    ]
    if side == "ours":
        cmd += [f"--homelab-jar={Path(args.jar).resolve()}",
                f"--homelab-server-logs={work / 'server-logs'}"]
    if args.workers > 1:
        cmd += ["-n", str(args.workers)]
    if args.k:
        cmd += ["-k", args.k]
    cmd += selection
    env = {k: v for k, v in os.environ.items()
           if k != "CI" and not k.startswith(("GITHUB_", "MLFLOW_"))}
    # CI=true would make MLflow's conftest build and serve a wheel of MLflow's own repo.
    env["PYTHONPATH"] = str(HERE)
    env["MLFLOW_AUTH_ADMIN_PASSWORD"] = args.admin_password
    log = work / f"pytest-{side}.log"
    started = time.time()
    with open(log, "w") as out:
        rc = subprocess.run(cmd, cwd=src, env=env, stdout=out, stderr=subprocess.STDOUT,
                            timeout=args.timeout).returncode
    took = time.time() - started
    # 0 = all passed, 1 = some failed; anything else (collection error, usage error, interrupted)
    # means the selection did not run as a whole and no rate may be computed from it.
    if rc not in (0, 1) or not results.exists():
        sys.exit(f"pytest ({side}) exited {rc}; see {log}:\n" + log.read_text()[-3000:])
    print(f"[mlflow-suite] {side}: {took:.0f} s, log {log}", flush=True)
    return json.loads(results.read_text()), took


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--tarball", required=True)
    p.add_argument("--jar", required=True)
    p.add_argument("--work", required=True)
    p.add_argument("--known", required=True, help="docs file holding the known-differences table")
    p.add_argument("--workers", type=int, default=2)
    p.add_argument("-k", default=None, help="pytest -k expression (narrow runs by hand)")
    p.add_argument("--files", default=None,
                   help="comma-separated subset of the selection (default: all of it)")
    p.add_argument("--fresh-baseline", action="store_true")
    p.add_argument("--timeout", type=int, default=3600)
    args = p.parse_args()
    args.admin_password = "suite-" + secrets.token_hex(12)
    work = Path(args.work).resolve()
    work.mkdir(parents=True, exist_ok=True)
    src = unpack(Path(args.tarball), work)
    wanted = SELECTION if not args.files else [f for f in args.files.split(",") if f]
    selection = [s for s in wanted if (src / s).exists()]

    import mlflow

    key = sha256(args.tarball, (mlflow.__version__ + repr(selection) + repr(args.k)).encode()
                 + (HERE / "homelab_suite.py").read_bytes())[:16]
    cache = work / f"baseline-{key}.json"
    if cache.exists() and not args.fresh_baseline:
        baseline, base_took = json.loads(cache.read_text()), 0.0
        print(f"[mlflow-suite] baseline from cache {cache}", flush=True)
    else:
        baseline, base_took = run_side("mlflow", src, selection, args, work)
        cache.write_text(json.dumps(baseline, indent=1, sort_keys=True))
    # Our servers start from a copy of the packaged app, so a rebuild during a run changes nothing.
    app = work / "server-app"
    subprocess.run(["rm", "-rf", str(app)], check=True)
    subprocess.run(["cp", "-r", str(Path(args.jar).resolve().parent), str(app)], check=True)
    args.jar = str(app / Path(args.jar).name)
    ours, ours_took = run_side("ours", src, selection, args, work)

    known = known_differences(args.known)
    rows, regressions, stale = [], [], []
    per_file = {}
    for test in sorted(set(baseline) | set(ours)):
        b, o = baseline.get(test, "absent"), ours.get(test, "absent")
        reason = next((r for pat, r in known if fnmatch.fnmatchcase(test, pat)), None)
        rows.append((test, b, o, reason))
        if b != "passed":
            continue
        f = per_file.setdefault(test.split("::")[0], [0, 0])
        f[0] += 1
        if o == "passed":
            f[1] += 1
            if reason is not None:
                stale.append(test)
        elif reason is None:
            regressions.append(test)

    lines = [f"# MLflow suite: ours vs mlflow {mlflow.__version__}", "",
             f"baseline {base_took:.0f} s (0 = cached), ours {ours_took:.0f} s, workers {args.workers}", "",
             "| file | pass on MLflow | pass on ours too | rate |", "|---|---|---|---|"]
    for f, (n, ok) in sorted(per_file.items()):
        lines.append(f"| {f} | {n} | {ok} | {100 * ok / n:.0f} % |")
    lines += ["", "| test | mlflow | ours | known difference |", "|---|---|---|---|"]
    lines += [f"| {t} | {b} | {o} | {r or ''} |" for t, b, o, r in rows]
    (work / "report.md").write_text("\n".join(lines) + "\n")
    summary = {"per_file": {f: {"baseline_passed": n, "ours_passed": ok} for f, (n, ok) in per_file.items()},
               "regressions": regressions, "known_but_passing": stale,
               "baseline_seconds": base_took, "ours_seconds": ours_took}
    (work / "summary.json").write_text(json.dumps(summary, indent=1))
    for f, (n, ok) in sorted(per_file.items()):
        print(f"[mlflow-suite] {f}: {ok}/{n} of the tests passing on MLflow pass on ours "
              f"({100 * ok / n:.0f} %)")
    for t in stale:
        print(f"[mlflow-suite] listed as a known difference but passes now: {t}")
    if regressions:
        print(f"[mlflow-suite] {len(regressions)} test(s) pass on MLflow, fail on ours and are not "
              f"known differences ({work / 'report.md'}):")
        for t in regressions:
            print(f"  {t}: {ours.get(t, 'absent')}")
        sys.exit(1)
    print("[mlflow-suite] no unexplained difference")


if __name__ == "__main__":
    main()
