"""Every attack of issue 10, generated, against ordinary communiqué text of the same size.

Each document is analyzed by the CLI (`python -m lib analyze`), in its own process, so that
its time and peak memory (ru_maxrss of the child) are its own. The ordinary text is the seed
communiqué repeated to the same size. Targets: every attack ≤ 3× the ordinary time and ≤ 2 GB.

Then (--server) a real `streamlit run dashboard.py`: one Chromium session (Playwright, Debian's
/usr/bin/chromium) uploads the costliest document while the health endpoint is polled every
100 ms; target: every answer within 1 s.

Usage: python bench/bench_robustness.py [--size BYTES] [--only NAME...] [--timeout S] [--server]
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.attacks import ATTACKS, Attack, ordinary  # noqa: E402

GB = 1024**3


_CHILD = """
import sys, time
from lib.entities import load_model
load_model()  # loaded before the clock starts: the same for every document
from lib.cli import main
start = time.perf_counter()
code = main(["analyze", sys.argv[1], "--published", "2023-12-12"])
sys.stderr.write("\\nSECONDS %f" % (time.perf_counter() - start))
sys.exit(code)
"""


def run_cli(path: Path, timeout: float) -> tuple[float, float, int, str]:
    """Seconds of `python -m lib analyze PATH` (model loaded beforehand), the process's peak
    resident MB, its exit code and its stderr."""
    start = time.perf_counter()
    with tempfile.TemporaryFile() as err:
        child = subprocess.Popen(
            [sys.executable, "-c", _CHILD, str(path)], cwd=ROOT, stdout=subprocess.DEVNULL, stderr=err,
        )
        deadline = start + timeout
        while True:
            pid, status, usage = os.wait4(child.pid, os.WNOHANG)
            if pid:
                break
            if time.perf_counter() > deadline:
                child.kill()
                _, status, usage = os.wait4(child.pid, 0)
                return time.perf_counter() - start, usage.ru_maxrss / 1024, -1, f"killed after {timeout:.0f} s"
            time.sleep(0.02)
        child.returncode = os.waitstatus_to_exitcode(status)
        err.seek(0)
        message, _, seconds = err.read().decode("utf-8", "replace").rpartition("SECONDS ")
    return float(seconds or "nan"), usage.ru_maxrss / 1024, child.returncode, message.strip()


def _build_apart(name: str, size: int, path: Path) -> None:
    """Build an attack document in a process of its own: building a bomb takes memory, and a
    child started from this process would count this process's peak as its own (ru_maxrss keeps
    the peak of the memory it was forked from)."""
    code = (
        "import sys; from pathlib import Path; from bench.attacks import ATTACKS;"
        "attack = {a.name: a for a in ATTACKS}[sys.argv[1]];"
        "Path(sys.argv[3]).write_bytes(attack.build(int(sys.argv[2])))"
    )
    subprocess.run([sys.executable, "-c", code, name, str(size), str(path)], cwd=ROOT, check=True)


def measure(attacks: list[Attack], size: int, timeout: float) -> None:
    print(f"Documents of {size:,} bytes, each analyzed by the CLI in a process of its own (the model")
    print("loaded before the clock starts); peak MB is that process's largest resident size.\n")
    print(f"| {'document':<16} | {'what':<40} | {'seconds':>8} | {'× ordinary':>10} | {'peak MB':>8} | result |")
    print(f"|{'-' * 18}|{'-' * 42}|{'-' * 10}|{'-' * 12}|{'-' * 10}|--------|")
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "ordinary.txt"
        path.write_bytes(ordinary(size))
        seconds, peak, code, err = run_cli(path, timeout)
        base = max(seconds, 0.01)
        print(f"| {'ordinary':<16} | {'the seed communiqué, repeated':<40} | {base:8.2f} | {1:10.2f} | {peak:8.0f} | {'ok' if code == 0 else err[:40]} |")
        worst = worst_memory = 0.0
        for attack in attacks:
            path = Path(folder) / f"{attack.name}{attack.extension}"
            _build_apart(attack.name, size, path)
            seconds, peak, code, err = run_cli(path, timeout)
            spent = seconds
            ratio = spent / base
            worst = max(worst, ratio)
            result = "ok" if code == 0 else f"exit {code}: {err[:60]}"
            print(f"| {attack.name:<16} | {attack.note:<40} | {spent:8.2f} | {ratio:10.2f} | {peak:8.0f} | {result} |")
            worst_memory = max(worst_memory, peak)
    print(f"\nWorst: {worst:.2f}× ordinary text (target ≤ 3×), {worst_memory:,.0f} MB peak (target ≤ 2,048 MB).")


def server_health(size: int) -> None:
    """Health-check latency of a real server while a session analyzes a large upload."""
    import shutil
    import socket
    import urllib.request

    from playwright.sync_api import sync_playwright

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    url = f"http://127.0.0.1:{port}/"
    streamlit = shutil.which("streamlit", path=str(Path(sys.executable).parent)) or "streamlit"
    server = subprocess.Popen([streamlit, "run", str(ROOT / "dashboard.py"), "--server.headless", "true",
                               "--server.address", "127.0.0.1", "--server.port", str(port)],
                              cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)

    def health() -> float:
        start = time.perf_counter()
        with urllib.request.urlopen(f"{url}_stcore/health", timeout=30):
            return time.perf_counter() - start

    try:
        for _ in range(120):
            try:
                health()
                break
            except OSError:
                time.sleep(0.5)
        with tempfile.TemporaryDirectory() as folder, sync_playwright() as playwright:
            upload = Path(folder) / "long-report.txt"
            upload.write_bytes(ordinary(size))
            browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=[
                "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update"])
            page = browser.new_page()
            page.set_default_timeout(180_000)
            page.goto(url)
            page.wait_for_selector("[data-testid=stMetric]")
            page.get_by_text("Upload a file", exact=True).click()
            page.locator(".st-key-lens_upload input[type=file]").set_input_files(str(upload))
            page.get_by_role("button", name="Cancel").first.wait_for()
            started, latencies = time.perf_counter(), []
            finished = ("() => document.body.innerText.includes('Only the first') && "
                        "!document.body.innerText.includes('Finding people') && "
                        "!document.body.innerText.includes('Reading the text')")
            while not page.evaluate(finished):  # until the whole analysis is on screen
                latencies.append(health())
                time.sleep(0.1)
            analysis = time.perf_counter() - started
            browser.close()
        print(f"\nServer health while one session analyzes a {size / 1e6:.0f} MB upload ({analysis:.1f} s, "
              f"{len(latencies)} checks): median {sorted(latencies)[len(latencies) // 2] * 1000:.0f} ms, "
              f"worst {max(latencies) * 1000:.0f} ms (target < 1,000 ms).")
    finally:
        server.terminate()
        server.wait(timeout=20)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--size", type=int, default=200_000)
    parser.add_argument("--only", nargs="*", default=None)
    parser.add_argument("--timeout", type=float, default=600)
    parser.add_argument("--server", action="store_true", help="also measure the server's health check during a long upload")
    args = parser.parse_args()
    attacks = [a for a in ATTACKS if args.only is None or a.name in args.only]
    os.environ.setdefault("PYTHONHASHSEED", "0")
    measure(attacks, args.size, args.timeout)
    if args.server:
        server_health(3_000_000)


if __name__ == "__main__":
    main()
