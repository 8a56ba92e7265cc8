"""Full-text search over articles and quotes: SQLite FTS5 or PostgreSQL text search,
ranked (BM25 / ``ts_rank_cd``), with highlighted snippets.

Both backends index the same folded words (``touchline.store.indexing.fold_words``: case,
accents and punctuation ignored), so a query finds the same documents on either; only the
rank's scale differs.  A document's id starts with its article's published day, so a date
range is an id range the full-text index answers itself; when more than ``RANK_CAP``
documents match, the most recently published ``RANK_CAP`` of them are ranked (a word in
half the archive still answers in tens of milliseconds; more words, a phrase or a date
range narrow it).  ``TEXT`` finds documents holding every word; ``"a phrase"`` in
double quotes finds the words side by side.  Snippets are cut from the stored text around
the densest run of matched words.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sqlalchemy import TextClause, bindparam, select, text
from sqlalchemy.engine import Connection

from touchline.query.common import ArticleRef, engine_of, load_context
from touchline.query.lookup import SearchTermError
from touchline.store import Store
from touchline.store import schema as t
from touchline.store.indexing import FTS_TABLE, chunks, day_ids, fold_words

_TOKEN = re.compile(r"[^\W_]+")


@dataclass(frozen=True, slots=True)
class TextMatch:
    """What a document must hold: any of ``alternatives``, each a run of words that must all
    be there (``phrase``: side by side, in order); ``prefix``: the last word may be the start
    of a longer one."""

    alternatives: tuple[tuple[str, ...], ...]
    phrase: bool = False
    prefix: bool = False

    @property
    def words(self) -> set[str]:
        return {w for alt in self.alternatives for w in alt}

    def fts5(self) -> str:
        groups = []
        for words in self.alternatives:
            star = "*" if self.prefix else ""
            if self.phrase:
                groups.append(f'("{" ".join(words)}"{star})')
            else:
                quoted = [f'"{w}"' for w in words]
                quoted[-1] += star
                groups.append(f"({' '.join(quoted)})")
        return " OR ".join(groups)

    def tsquery(self) -> str:
        groups = []
        for words in self.alternatives:
            quoted = [f"'{w}'" for w in words]
            if self.prefix:
                quoted[-1] += ":*"
            groups.append(f"({(' <-> ' if self.phrase else ' & ').join(quoted)})")
        return " | ".join(groups)


def parse_text(value: str, what: str = "search text") -> TextMatch:
    """A search text as the index reads it; ``"..."`` around it asks for the phrase."""
    stripped = value.strip()
    phrase = len(stripped) > 1 and stripped[0] == stripped[-1] == '"'
    words = tuple(fold_words(stripped).split())
    if not words:
        raise SearchTermError(f"{what} {value!r} has no letters or digits to search for")
    return TextMatch((words,), phrase=phrase)


def both(conn: Connection, matches: list[TextMatch]) -> TextClause:
    """A condition on ``search_docs`` rows: the document holds every one of ``matches``.
    On SQLite it joins the FTS5 table by rowid, so the full-text index can drive the query
    (in id order, that is published order) and stop at a LIMIT."""
    if conn.dialect.name == "postgresql":
        tsq = " & ".join(f"({m.tsquery()})" for m in matches)
        return text("search_docs.tsv @@ to_tsquery('simple', :tsq)").bindparams(bindparam("tsq", tsq))
    fts = " AND ".join(f"({m.fts5()})" for m in matches)
    return text(f"search_docs.id IN (SELECT rowid FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH :fts)").bindparams(
        bindparam("fts", fts))


def snippet(body: str, words: set[str], width: int = 220) -> tuple[str, list[tuple[int, int]]]:
    """The part of ``body`` (about ``width`` characters) holding most matched words, and the
    spans of those words in it.  ``…`` marks a cut."""
    tokens = [(m.start(), m.end()) for m in _TOKEN.finditer(body)]
    hits = [(s, e) for s, e in tokens if fold_words(body[s:e]) in words]
    if not hits:
        start = 0
    else:
        best, start = -1, hits[0][0]
        for i, (s, _e) in enumerate(hits):
            count = sum(1 for h in hits[i:] if h[1] <= s + width)
            if count > best:
                best, start = count, s
        start = max(0, start - width // 4)
    end = min(len(body), start + width)
    # whole words at both ends
    while start > 0 and body[start - 1].isalnum():
        start -= 1
    while end < len(body) and body[end].isalnum():
        end += 1
    lead = "…" if start > 0 else ""
    tail = "…" if end < len(body) else ""
    piece = " ".join(body[start:end].split("\n"))
    marks = [(s - start + len(lead), e - start + len(lead)) for s, e in hits if s >= start and e <= end]
    return f"{lead}{piece}{tail}", marks


@dataclass(frozen=True, slots=True)
class SearchHit:
    kind: str  # article | quote
    score: float  # higher is better; the scale is the backend's
    article: ArticleRef
    snippet: str
    highlights: list[tuple[int, int]]
    quote: dict[str, Any] | None = None  # id, text, speaker {"id","name","kind"}, start, end

    def as_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"kind": self.kind, "score": round(self.score, 6), **self.article.as_dict(),
                               "snippet": self.snippet, "highlights": [list(h) for h in self.highlights]}
        if self.quote is not None:
            out["quote"] = self.quote
        return out


@dataclass(frozen=True, slots=True)
class SearchResults:
    text: str
    hits: list[SearchHit] = field(default_factory=list)
    # more than RANK_CAP documents matched: the RANK_CAP most recently published were ranked
    capped: bool = False

    def as_dict(self) -> dict[str, Any]:
        return {"text": self.text, "ranked_newest_only": self.capped, "ranked_at_most": RANK_CAP,
                "hits": [h.as_dict() for h in self.hits]}


# Matching documents ranked at most: the most recently published.  Ranking reads each
# document's word positions (PostgreSQL: its tsvector, detoasted): at 2,000 a word found in
# half the archive still answers in tens of milliseconds on either backend.
RANK_CAP = 2_000


def id_range(since: date | None, until: date | None) -> tuple[int, int] | None:
    """The search document ids of the articles published between ``since`` and ``until``."""
    if since is None and until is None:
        return None
    low = day_ids(since)[0] if since else day_ids(date.min)[0]
    high = day_ids(until)[1] if until else day_ids(date.max)[1]
    return low, high


def _ranked(conn: Connection, match: TextMatch, since: date | None, until: date | None,
            kind: str | None, limit: int) -> tuple[list[Any], bool]:
    """The best ``limit`` documents and whether more than RANK_CAP matched (then the
    RANK_CAP most recently published were ranked).  A date range is an id range."""
    params: dict[str, Any] = {"limit": limit, "cap": RANK_CAP}
    span = id_range(since, until)
    kind_cond = " AND d.kind = :kind" if kind else ""
    if kind:
        params["kind"] = kind
    if conn.dialect.name == "postgresql":
        params["tsq"] = match.tsquery()
        cond = " AND d.id BETWEEN :low AND :high" if span else ""
        # the query inline (not in a CTE): the planner then sees how common its words are
        sql = ("WITH m AS MATERIALIZED (SELECT d.id, d.kind, d.ref, d.article, d.tsv FROM search_docs d "
               f"WHERE d.tsv @@ to_tsquery('simple', :tsq){cond}{kind_cond} ORDER BY d.id DESC LIMIT :cap) "
               "SELECT m.kind, m.ref, m.article, ts_rank_cd(m.tsv, to_tsquery('simple', :tsq)) AS score, "
               "(SELECT count(*) FROM m) AS matched FROM m ORDER BY score DESC, m.id DESC LIMIT :limit")
    else:
        params["fts"] = match.fts5()
        cond = f" AND {FTS_TABLE}.rowid BETWEEN :low AND :high" if span else ""
        inner = (f"SELECT {FTS_TABLE}.rowid AS id, bm25({FTS_TABLE}) AS rank FROM {FTS_TABLE} "
                 f"WHERE {FTS_TABLE} MATCH :fts{cond}")
        if kind:
            inner = (f"SELECT f.id, f.rank FROM ({inner}) f JOIN search_docs d ON d.id = f.id "
                     f"WHERE 1 = 1{kind_cond}")
        sql = (f"WITH m AS MATERIALIZED (SELECT id, rank FROM ({inner}) ORDER BY id DESC LIMIT :cap) "
               "SELECT d.kind, d.ref, d.article, -m.rank AS score, (SELECT count(*) FROM m) AS matched "
               "FROM m JOIN search_docs d ON d.id = m.id ORDER BY m.rank, m.id DESC LIMIT :limit")
    if span:
        params["low"], params["high"] = span
    rows = list(conn.execute(text(sql), params))
    return rows, bool(rows) and int(rows[0].matched) >= RANK_CAP


def search(store: Store, value: str, since: date | None = None, until: date | None = None,
           limit: int = 20, kind: str | None = None) -> SearchResults:
    """The articles and quotes holding ``value``'s words, best first (``since``/``until``: the
    article's published date, inclusive; ``kind``: only "article" or "quote" documents)."""
    match = parse_text(value)
    with engine_of(store).connect() as conn:
        rows, capped = _ranked(conn, match, since, until, kind, limit)
        quote_rows = {}
        q = t.quotes
        for part in chunks([r.ref for r in rows if r.kind == "quote"]):
            for r in conn.execute(select(q.c.id, q.c.text, q.c.joined, q.c.speaker, q.c.speaker_name,
                                         q.c.start_char, q.c.end_char, q.c.kind).where(q.c.id.in_(part))):
                quote_rows[r.id] = r
        texts = {}
        a = t.articles
        for part in chunks([r.ref for r in rows if r.kind == "article"]):
            found = conn.execute(select(a.c.id, a.c.text).where(a.c.id.in_(part)))
            texts.update({r.id: r.text for r in found})
        ctx = load_context(conn, {r.speaker for r in quote_rows.values() if r.speaker},
                           {r.article for r in rows})
    hits = []
    for r in rows:
        ref = ctx.articles.get(r.article) or ArticleRef(r.article, None, None, None, None)
        if r.kind == "quote":
            qr = quote_rows.get(r.ref)
            if qr is None:
                continue
            body = qr.joined or qr.text
            quote = {"id": qr.id, "kind": qr.kind, "text": qr.text, "speaker": ctx.entity(qr.speaker),
                     "speaker_as_written": qr.speaker_name, "start": qr.start_char, "end": qr.end_char}
        else:
            body, quote = texts.get(r.ref, ""), None
        cut, marks = snippet(body, match.words)
        hits.append(SearchHit(r.kind, float(r.score), ref, cut, marks, quote))
    return SearchResults(value, hits, capped)
