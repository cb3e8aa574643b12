"""Load on the review desk: N concurrent clients for S seconds on loopback, mixing page views
(issues, an issue's table, an article page) and decisions (about 1 in 10 requests).

The desk runs as the real CLI (`build.py desk`, a separate process, preview rebuilt by its
watchfiles thread) on a copy of the mini content with a 9-member committee. Bounded: every
client stops at the deadline. Checks 0 errors (every answer 200 or the decision's 303) and
0 lost decisions (each 303 is one new front-matter entry and one audit-log line).

    .venv/bin/python benchmarks/bench_desk.py [--clients 50] [--seconds 30]
"""

from __future__ import annotations

import argparse
import json
import random
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

from test_desk import MEMBERS, PASSWORD, setup_content

from greenpub.desk.accounts import Accounts

ARTICLES = {"wifi": "01-wifi.md", "survey": "02-survey.md"}


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--clients", type=int, default=50)
    ap.add_argument("--seconds", type=float, default=30)
    args = ap.parse_args()
    root = Path(tempfile.mkdtemp(prefix="bench-desk-"))
    content = setup_content(root)
    accounts = Accounts(root / ".greenpub-desk")
    for m in MEMBERS:
        accounts.set_password(m, PASSWORD.format(m))
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    server = subprocess.Popen([sys.executable, str(ROOT / "build.py"), "desk", "--content",
                               str(content), "--port", str(port), "--formats", "web"],
                              stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                httpx.get(url + "/login", timeout=2)
                break
            except httpx.HTTPError:
                if time.monotonic() > deadline or server.poll() is not None:
                    raise SystemExit("desk did not start") from None
                time.sleep(0.2)
        before = {slug: (content / "2021-03" / f).read_text("utf-8").count(
            "checkpoint: committee") for slug, f in ARTICLES.items()}
        # sign in (argon2, two at a time on the server) before the clock starts
        clients = []
        for i in range(args.clients):
            c = httpx.Client(base_url=url, timeout=60)
            member = MEMBERS[i % len(MEMBERS)]
            token = re.search(r'name="csrf" value="([^"]+)"', c.get("/login").text).group(1)
            r = c.post("/login", data={"member": member, "password": PASSWORD.format(member),
                                       "csrf": token})
            assert r.status_code == 303, r.text
            page = c.get("/issues/2021-03/wifi").text
            csrf = re.search(r'name="csrf" value="([^"]+)"', page).group(1)
            clients.append((c, csrf))
        latencies: list[float] = []
        errors: list[str] = []
        decided = {slug: 0 for slug in ARTICLES}
        lock = threading.Lock()
        start = time.monotonic()
        stop_at = start + args.seconds

        def run(c: httpx.Client, csrf: str, seed: int) -> None:
            rnd = random.Random(seed)
            while time.monotonic() < stop_at:
                slug = rnd.choice(list(ARTICLES))
                pick = rnd.random()
                t = time.perf_counter()
                try:
                    if pick < 0.1:
                        r = c.post(f"/issues/2021-03/{slug}", data={
                            "csrf": csrf, "checkpoint": "committee", "note": "부하 시험",
                            "status": rnd.choice(["approved", "changes-requested"])})
                        ok = r.status_code == 303
                    else:
                        page = rnd.choice(["/", "/issues/2021-03", f"/issues/2021-03/{slug}"])
                        r = c.get(page)
                        ok = r.status_code == 200
                except httpx.HTTPError as exc:
                    ok, r = False, None
                    with lock:
                        errors.append(repr(exc))
                dt = time.perf_counter() - t
                with lock:
                    latencies.append(dt)
                    if ok and pick < 0.1:
                        decided[slug] += 1
                    elif not ok and r is not None:
                        errors.append(f"{r.request.method} {r.request.url.path} {r.status_code}")

        threads = [threading.Thread(target=run, args=(c, t, i)) for i, (c, t) in
                   enumerate(clients)]
        for t in threads:
            t.start()
        for t in threads:
            t.join(timeout=args.seconds + 120)
        elapsed = time.monotonic() - start
        for c, _ in clients:
            c.close()
        lost = 0
        for slug, f in ARTICLES.items():
            now = (content / "2021-03" / f).read_text("utf-8").count("checkpoint: committee")
            lost += decided[slug] - (now - before[slug])
        log = [json.loads(x) for x in (root / ".greenpub-desk" / "audit.jsonl")
               .read_text().splitlines()]
        logged = sum(1 for x in log if x.get("kind") == "decision")
        lat = sorted(latencies)
        result = {
            "clients": args.clients, "seconds": round(elapsed, 1), "requests": len(lat),
            "requests_per_s": round(len(lat) / elapsed, 1),
            "p50_ms": round(statistics.median(lat) * 1000, 1),
            "p95_ms": round(lat[int(len(lat) * 0.95)] * 1000, 1),
            "max_ms": round(lat[-1] * 1000, 1),
            "decisions": sum(decided.values()), "lost_decisions": lost,
            "audit_lines": logged, "errors": len(errors), "error_samples": errors[:5],
        }
        print(json.dumps(result, ensure_ascii=False, indent=2))
        return 0 if not errors and lost == 0 and logged == sum(decided.values()) else 1
    finally:
        server.terminate()
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
        shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    raise SystemExit(main())
