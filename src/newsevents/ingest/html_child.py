"""The child process that extracts one large HTML page: ``python -m newsevents.ingest.html_child``.

lxml's parser and trafilatura's tree walks are C calls that no signal interrupts, and some markup
makes them quadratic (one tag with 120,000 attributes: 1.3 MB of HTML held one call 77 s). A page
over ``html.ISOLATE_CHARS`` is therefore extracted here, in a process the reader kills at the
deadline, with its memory and CPU time capped by the kernel so that an orphan cannot run on.

Reads one JSON header line ({"url", "seconds", "memory"}) then the page as UTF-8 on stdin; writes
the Page as JSON (or ``null``) on stdout. Exits 2 with one line on stderr when memory runs out.
"""
from __future__ import annotations

import json
import resource
import sys
from dataclasses import asdict


def limit_resources(seconds: float, memory: int) -> None:
    """Cap this process's address space and CPU time (the kernel stops it past either)."""
    if memory > 0:
        resource.setrlimit(resource.RLIMIT_AS, (memory, memory))
    if seconds > 0:
        cpu = int(seconds) + 5     # the parent kills it at the deadline; this catches an orphan
        resource.setrlimit(resource.RLIMIT_CPU, (cpu, cpu + 5))


def main() -> int:
    stdin = sys.stdin.buffer
    header = json.loads(stdin.readline())
    limit_resources(float(header.get("seconds") or 0), int(header.get("memory") or 0))
    try:
        from newsevents.ingest.html import extract_here
        html = stdin.read().decode("utf-8", "surrogatepass")
        page = extract_here(html, header.get("url"))
        answer = json.dumps(asdict(page) if page is not None else None)
    except MemoryError:
        print(f"the page needs more than {header.get('memory', 0) / 1e9:.1f} GB of memory to parse",
              file=sys.stderr)
        return 2
    sys.stdout.write(answer)
    return 0


if __name__ == "__main__":
    sys.exit(main())
