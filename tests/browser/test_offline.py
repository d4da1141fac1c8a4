"""Offline, private and light: every page as the browser loads it.

* ``test_every_page_loads_offline_and_privately``: each built page is loaded in Debian's headless
  Chromium, with every request recorded; none goes anywhere but the book's own local server (requests to
  other hosts are aborted and listed), none of the book's own requests fails (HTTP >= 400), no page logs
  a console error, and no page loads MathJax (the course has no maths, so Sphinx must not add it).
* ``test_page_weight_budget``: every page, with the shared assets it loads (``site_pages.page_weights``,
  the function ``benchmarks/bench.py`` prints), weighs at most 2 MB; and the browser, which loads what
  scripts and stylesheets pull in too, measured no page heavier than that either, nor much heavier than
  the static count (which would mean ``page_weights`` misses something).
* ``test_figures_are_compressed_png_or_svg``: every image the book ships in its content is PNG, SVG (or
  JPEG for photographs) at a sensible size: at most 2400 px wide, 400 kB, and for PNG at most one byte
  per pixel (a compressed chart, not a raw bitmap); no image is inlined in a page as a large data URI.
"""

from __future__ import annotations

import re
import struct
from urllib.parse import urlsplit

import pytest

from site_pages import PAGE_BUDGET, built_pages, format_weights, page_weights, reader_context

pytestmark = pytest.mark.browser

_MEASURE = """async () => {
    await document.fonts.ready;
    await new Promise(r => setTimeout(r, 50));
    const nav = performance.getEntriesByType('navigation')[0];
    const res = performance.getEntriesByType('resource').map(e => [e.name, e.decodedBodySize]);
    return {html: nav ? nav.decodedBodySize : 0, resources: res,
            mathjax: typeof window.MathJax !== 'undefined'};
}"""


@pytest.fixture(scope="module")
def visits(browser, book_url, built_book):
    """Load every page once; per page: requests to other hosts, failed local requests, console errors,
    MathJax present, and bytes loaded as the browser measured them (Resource Timing)."""
    context = reader_context(browser, book_url, "light")
    page = context.new_page()
    local = urlsplit(book_url).netloc
    failed, requested = [], []
    page.on("response", lambda r: r.status >= 400 and failed.append((page.url, r.status, r.url)))
    page.on("request", lambda r: requested.append(r.url))
    results = {}
    for relative in built_pages(built_book):
        failed.clear(), requested.clear()
        context.external_requests.clear(), context.console_errors.clear()
        response = page.goto(book_url + relative, wait_until="load")
        measured = page.evaluate(_MEASURE)
        results[relative] = {
            "status": response.status if response else None,
            "external": [u for _, u in context.external_requests],
            "failed": list(failed),
            "console": [t for _, t in context.console_errors],
            "mathjax": measured["mathjax"] or any("mathjax" in u.lower() for u in requested),
            "requests": len(requested),
            "bytes": measured["html"] + sum(size for url, size in measured["resources"]
                                            if urlsplit(url).netloc == local),
        }
    context.close()
    return results


def test_every_page_loads_offline_and_privately(visits):
    problems = []
    for relative, v in visits.items():
        if v["status"] != 200:
            problems.append(f"{relative}: HTTP {v['status']}")
        problems += [f"{relative}: request to another host: {u}" for u in v["external"]]
        problems += [f"{relative}: HTTP {status} for {url}" for _, status, url in v["failed"]]
        problems += [f"{relative}: console error: {t}" for t in v["console"]]
        if v["mathjax"]:
            problems.append(f"{relative}: loads MathJax")
    external = sum(len(v["external"]) for v in visits.values())
    print(f"\noffline: {len(visits)} pages, {sum(v['requests'] for v in visits.values())} requests, "
          f"{external} to other hosts")
    assert not problems, "\n".join(problems)


def test_page_weight_budget(built_book, visits):
    rows = page_weights(built_book)
    print("\n" + format_weights(rows))
    assert {r["page"] for r in rows} == set(visits)
    over = [f"{r['page']}: {r['total']} bytes (static count)" for r in rows if r["total"] > PAGE_BUDGET]
    for r in rows:
        measured = visits[r["page"]]["bytes"]
        if measured > PAGE_BUDGET:
            over.append(f"{r['page']}: {measured} bytes loaded (measured in the browser)")
        # The static count may exceed what the browser loads (it counts each web font the stylesheets
        # declare, a browser only those in use) but must not miss what the page loads.
        assert measured <= r["total"] * 1.05 + 20_000, (
            f"{r['page']}: the browser loaded {measured} bytes, page_weights counts {r['total']}: "
            "page_weights misses a file the page loads")
    assert not over, "pages over the 2 MB budget:\n" + "\n".join(over)


def _png_size(data: bytes) -> tuple[int, int] | None:
    if data[:8] != b"\x89PNG\r\n\x1a\n":
        return None
    return struct.unpack(">II", data[16:24])


def test_figures_are_compressed_png_or_svg(built_book):
    problems, seen = [], 0
    content_dirs = [d for d in ("_images", "_downloads") if (built_book / d).is_dir()]
    files = [p for d in content_dirs for p in (built_book / d).rglob("*") if p.is_file()]
    for path in files:
        rel = path.relative_to(built_book).as_posix()
        suffix = path.suffix.lower()
        if suffix in (".csv", ".ipynb", ".md", ".py", ".json", ".txt", ".pdf"):
            continue
        seen += 1
        data = path.read_bytes()
        if suffix not in (".png", ".svg", ".jpg", ".jpeg"):
            problems.append(f"{rel}: a figure must be PNG or SVG (JPEG for photographs)")
        if len(data) > 400_000:
            problems.append(f"{rel}: {len(data)} bytes (at most 400 kB)")
        size = _png_size(data) if suffix == ".png" else None
        if suffix == ".png" and size is None:
            problems.append(f"{rel}: not a PNG file")
        if size:
            width, height = size
            if width > 2400:
                problems.append(f"{rel}: {width} px wide (at most 2400)")
            if len(data) > width * height:
                problems.append(f"{rel}: {len(data)} bytes for {width}x{height} px (over 1 byte per pixel)")
    for relative in built_pages(built_book):
        text = (built_book / relative).read_text(encoding="utf-8")
        for m in re.finditer(r'data:image/[a-z+]+;base64,([A-Za-z0-9+/=]{100000,})', text):
            problems.append(f"{relative}: an image of {len(m.group(1)) * 3 // 4} bytes inlined as a data URI")
    print(f"\nfigure files checked: {seen}")
    assert not problems, "\n".join(problems)
