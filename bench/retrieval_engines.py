"""Three lexical indexes on the same 2,000-section knowledge base: SQLite FTS5 (Python's own
sqlite3, what Altitude uses), bm25s and tantivy. Each indexes the sections' stems as Altitude makes
them and is asked for the one section that answers a question, 100 times. bm25s and tantivy are not
Altitude's dependencies: install them beside it (`pip install bm25s tantivy`) to compare; without
them their lines say so.
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
QUERIES = 100


def main() -> None:
    from bot.domain import knowledge
    from bot.domain.retrieval import stem, words
    from tests.knowledge_bases import NEEDLE_ID, NEEDLE_QUESTION, write_large

    with tempfile.TemporaryDirectory() as folder:
        kb = knowledge.load(write_large(Path(folder)))
    started = time.perf_counter()
    docs = [(s.id, [stem(w) for w in words(s.title)], [stem(w) for w in words(s.text)]) for s in kb.sections]
    print(f"{len(docs):,} sections; stemming them (shared by all three) {time.perf_counter() - started:.2f} s")
    query = [stem(w) for w in words(NEEDLE_QUESTION) if len(w) > 3]
    for name, engine in (("sqlite fts5", fts5), ("bm25s", bm25s_index), ("tantivy", tantivy_index)):
        try:
            imported, built, per_query, top = engine(docs, query)
        except ImportError:
            print(f"{name:12s} not installed")
            continue
        print(
            f"{name:12s} import {imported * 1000:6.1f} ms, build {built * 1000:6.1f} ms, "
            f"query {per_query * 1000:6.3f} ms; first hit {top} ({'right' if top == NEEDLE_ID else 'wrong'})"
        )


def fts5(docs, query):
    from bot.domain.search_index import SectionIndex

    started = time.perf_counter()
    index = SectionIndex.build(docs, [], fingerprint="bench")
    built = time.perf_counter()
    for _ in range(QUERIES):
        counts = index.counts(query)
        holders = {s: index.holding(s) for s in counts}
        scores: dict[str, float] = {}
        for s, ids in holders.items():
            for sid in ids:
                scores[sid] = scores.get(sid, 0.0) + 1.0 + (index.size - counts[s]) / index.size
    top = max(scores, key=scores.get)
    return 0.0, built - started, (time.perf_counter() - built) / QUERIES, top


def bm25s_index(docs, query):
    started = time.perf_counter()
    import bm25s

    imported = time.perf_counter()
    corpus = bm25s.tokenize([" ".join(t + t + b) for _, t, b in docs], stopwords=None, show_progress=False)
    retriever = bm25s.BM25()
    retriever.index(corpus, show_progress=False)
    built = time.perf_counter()
    for _ in range(QUERIES):
        found, _ = retriever.retrieve(
            bm25s.tokenize([" ".join(query)], stopwords=None, show_progress=False), k=3, show_progress=False
        )
    return imported - started, built - imported, (time.perf_counter() - built) / QUERIES, docs[found[0][0]][0]


def tantivy_index(docs, query):
    started = time.perf_counter()
    import tantivy

    imported = time.perf_counter()
    schema = tantivy.SchemaBuilder()
    schema.add_text_field("id", stored=True, tokenizer_name="raw")
    schema.add_text_field("title")
    schema.add_text_field("body")
    index = tantivy.Index(schema.build())
    writer = index.writer()
    for sid, title, body in docs:
        writer.add_document(tantivy.Document(id=sid, title=" ".join(title), body=" ".join(body)))
    writer.commit()
    index.reload()
    built = time.perf_counter()
    searcher = index.searcher()
    for _ in range(QUERIES):
        parsed = index.parse_query(" OR ".join(query), ["title", "body"], field_boosts={"title": 2.0})
        hits = searcher.search(parsed, 3).hits
    return (
        imported - started,
        built - imported,
        (time.perf_counter() - built) / QUERIES,
        searcher.doc(hits[0][1])["id"][0],
    )


if __name__ == "__main__":
    main()
