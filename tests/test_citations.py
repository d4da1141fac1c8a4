"""Records are cited where their issuers publish them (issue #23).

Every entry of ``references.bib`` names its ``issuer``: the government, organisation, court, parliament,
press or publisher whose work it is, a row of ``appendices/issuers.csv`` (issuer, kind, domains). An entry's
``url`` must lie on one of its issuer's domains: a repost, mirror, aggregator or encyclopedia copy may appear
only in the entry's note ("checked against a copy at ..."). An official document without a URL says why in
its note. Scholarly works (``keywords = {scholarship}``) carry a DOI or ISBN and the record where they were
found. Every failure names the entry by its key.
"""

from __future__ import annotations

import csv
import re
from pathlib import Path
from urllib.parse import urlparse

import pytest
from pybtex.database import parse_file

ROOT = Path(__file__).resolve().parents[1]
ISSUERS = ROOT / "appendices" / "issuers.csv"
BIB = ROOT / "references.bib"

KINDS = {"government", "government agency", "international organisation", "parliament", "court",
         "research institute", "university", "non-governmental organisation", "press", "scholarly publisher",
         "data publisher", "software project", "course"}
# Kinds whose documents are records of an issuer: without a URL on its own domain, the note says why.
OFFICIAL = {"government", "government agency", "international organisation", "parliament", "court"}
NO_URL_REASON = re.compile(r"cited in |checked against (?:a )?cop(?:y|ies) at|no (?:issuer )?url|"
                           r"not (?:found|published|online|among)", re.I)
# Hosts that are never an issuer: encyclopedias and document-sharing sites.
NEVER = ("wikipedia.org", "kiwix", "worldlibrary", "docslib.org", "paperzz.com", "doczz.", "scribd.com")


def read_issuers(path: Path = ISSUERS) -> dict[str, dict]:
    """The issuers table by name; a malformed row raises with its line number."""
    out: dict[str, dict] = {}
    with path.open(encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh)
        if reader.fieldnames != ["issuer", "kind", "domains"]:
            raise ValueError(f"{path}: header must be issuer,kind,domains, got {reader.fieldnames}")
        for line, row in enumerate(reader, start=2):
            name = (row["issuer"] or "").strip()
            if not name or row["kind"] not in KINDS:
                raise ValueError(f"{path}, line {line}: issuer {name!r} has kind {row['kind']!r}; "
                                 f"expected one of {sorted(KINDS)}")
            if name in out:
                raise ValueError(f"{path}, line {line}: issuer {name!r} listed twice")
            domains = [d.strip().lower() for d in (row["domains"] or "").split(";") if d.strip()]
            if any(never in d for d in domains for never in NEVER):
                raise ValueError(f"{path}, line {line}: {name!r} lists a mirror or encyclopedia domain")
            out[name] = {"kind": row["kind"], "domains": domains}
    return out


def on_domain(url: str, domains: list[str]) -> bool:
    host = (urlparse(url).hostname or "").lower()
    return any(host == d or host.endswith("." + d) for d in domains)


def citation_problems(bib: Path = BIB, issuers: dict[str, dict] | None = None) -> list[str]:
    """One line per entry that breaks the rules above, naming its key."""
    issuers = read_issuers() if issuers is None else issuers
    problems = []
    for key, entry in parse_file(str(bib)).entries.items():
        fields = {k.lower(): str(v) for k, v in entry.fields.items()}
        name = fields.get("issuer", "").strip("{} ")
        url = fields.get("url", "").strip()
        if name not in issuers:
            problems.append(f"{key}: issuer {name!r} is not a row of {ISSUERS.name}")
            continue
        issuer = issuers[name]
        if url and not on_domain(url, issuer["domains"]):
            problems.append(f"{key}: url {url} is not on a domain of its issuer {name!r} "
                            f"({', '.join(issuer['domains']) or 'none'}): cite the issuer's own page, or move "
                            "the copy into the note ('checked against a copy at ...')")
        if not url and issuer["kind"] in OFFICIAL and not NO_URL_REASON.search(fields.get("note", "")):
            problems.append(f"{key}: a document of {name!r} without a URL must say why in its note "
                            "('Cited in ...', 'checked against a copy at ...', 'not found ...')")
        if "scholarship" in fields.get("keywords", ""):
            if not (fields.get("doi") or fields.get("isbn")):
                problems.append(f"{key}: a scholarly work needs a doi or isbn")
            if not (url or fields.get("note")):
                problems.append(f"{key}: a scholarly work names the record where it was found (url or note)")
    return problems


def test_issuers_table_is_well_formed():
    issuers = read_issuers()
    assert len(issuers) >= 20
    assert {"NATO", "Ministry of Foreign Affairs of Japan", "Council of the European Union"} <= set(issuers)


def test_every_entry_is_cited_where_its_issuer_publishes_it():
    problems = citation_problems()
    assert not problems, f"{len(problems)} bibliography entries break the citation rules:\n" + "\n".join(problems)


@pytest.mark.parametrize("entry, expected", [
    ('@misc{copy, issuer = {NATO}, title = {T}, url = {https://luttrellstowncastleresort.com/x}}',
     "not on a domain of its issuer"),
    ('@misc{nowhere, issuer = {Council of the European Union}, title = {T}}', "must say why"),
    ('@misc{stranger, issuer = {Some Blog}, title = {T}, url = {https://blog.example/x}}', "not a row"),
    ('@article{paper, issuer = {SAGE Publishing}, title = {T}, keywords = {scholarship}, '
     'url = {https://journals.sagepub.com/doi/x}}', "doi or isbn"),
])
def test_the_check_names_each_kind_of_offender(tmp_path, entry, expected):
    bib = tmp_path / "refs.bib"
    bib.write_text(entry + "\n", encoding="utf-8")
    problems = citation_problems(bib)
    assert len(problems) == 1 and expected in problems[0] and problems[0].startswith(entry.split("{", 1)[1].split(",")[0] + ":")


@pytest.mark.parametrize("entry", [
    '@misc{ok, issuer = {NATO}, title = {T}, url = {https://shape.nato.int/missionarchive/x}}',
    '@misc{footnote, issuer = {NATO}, title = {T}, note = {Cited in tsuruoka2010, note 30}}',
    '@misc{press, issuer = {The Japan Times}, title = {T}, url = {https://www.japantimes.co.jp/x}}',
])
def test_issuer_records_and_press_reports_pass(tmp_path, entry):
    bib = tmp_path / "refs.bib"
    bib.write_text(entry + "\n", encoding="utf-8")
    assert citation_problems(bib) == []


def test_a_mirror_domain_cannot_be_made_an_issuer(tmp_path):
    table = tmp_path / "issuers.csv"
    table.write_text("issuer,kind,domains\nDocslib,press,docslib.org\n", encoding="utf-8")
    with pytest.raises(ValueError, match="mirror or encyclopedia"):
        read_issuers(table)


# --- Scholarship and records dates in every part (issue #24) -------------------------------------------

PARTS = ("nato", "eu", "peacekeeping", "new-domains")
MIN_SCHOLARLY = 5
CITED_KEYS = re.compile(r"\{cite(?::[a-z]+)?\}`([^`]+)`")
RECORDS_TO = re.compile(r"Records to (January|February|March|April|May|June|July|August|September|October|"
                        r"November|December) (20\d\d)")


def scholarly_keys(bib: Path = BIB) -> set[str]:
    return {key for key, entry in parse_file(str(bib)).entries.items()
            if "scholarship" in str(entry.fields.get("keywords", ""))}


def cited_in(folder: Path) -> set[str]:
    keys: set[str] = set()
    for page in sorted(folder.glob("*.md")):  # the opening page and every notebook's .nb.md twin
        for group in CITED_KEYS.findall(page.read_text(encoding="utf-8")):
            keys.update(k.strip() for k in group.split(","))
    return keys


def test_every_part_cites_five_scholarly_works():
    scholarly = scholarly_keys()
    counts = {part: sorted(cited_in(ROOT / "chapters" / part) & scholarly) for part in PARTS}
    short = {part: len(keys) for part, keys in counts.items() if len(keys) < MIN_SCHOLARLY}
    assert not short, (f"parts citing fewer than {MIN_SCHOLARLY} scholarly works (keywords = {{scholarship}}): "
                       + ", ".join(f"{part}: {n}" for part, n in short.items()))


def test_every_part_states_its_records_date():
    missing = [part for part in PARTS
               if not RECORDS_TO.search((ROOT / "chapters" / part / "index.md").read_text(encoding="utf-8"))]
    assert not missing, f"opening pages without 'Records to <Month YYYY>': {', '.join(missing)}"
