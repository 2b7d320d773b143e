"""Extractive summary: which sentences to read first, each one a sentence of the document.

Method (``textrank-coverage``):

1. Words: the content words of the body sentences (stop words from YAKE's lists and
   data/stopwords.toml removed), Snowball-stemmed, each sentence in its own language.
2. Graph ranking: a co-occurrence graph of stems (an edge between stems that follow each other
   in a sentence), ranked with PageRank (damping 0.85) — TextRank's word graph. A stem's score
   is how central it is to the document.
3. Selection by coverage: repeatedly take the sentence that adds the most *not yet covered*
   stem score, divided by ``log(1 + its number of distinct stems)`` so length alone does not
   win (greedy maximum coverage, as in McDonald 2007 and Lin & Bilmes 2011). A sentence that
   repeats what is chosen (the same officials, the same "strengthen cooperation") adds little;
   one that brings new facts (a list of threats) adds much.
4. The k chosen sentences are shown in document order. Headings (the title line) are never
   chosen.

Each body sentence also gets a standalone score (its stems' total score, same normalization,
best = 1.0), shown to the reader. The lead-k baseline (the first k body sentences) is offered
beside the summary when the body is short (≤ 5 sentences, where ranking has little to work
with) or the standalone scores are nearly flat (coefficient of variation under 0.10).
"""

from __future__ import annotations

import heapq
import math
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from lib.lexicon import content_tokens
from lib.sentences import Sentence

METHOD = "textrank-coverage"
DEFAULT_K = 3
DAMPING = 0.85
SHORT_BODY = 5
FLAT_CV = 0.10

BaselineReason = Literal["short", "flat"]


@dataclass(frozen=True)
class Summary:
    """A ranking of the body sentences, from which a summary of any length is taken.

    Attributes:
        method: Name of the ranking method.
        order: Body sentence indices in the order coverage selection picks them (best first).
        scores: ``(sentence index, standalone score)`` for every body sentence, in 0..1.
        baseline_reason: Why the lead baseline should be shown beside it, or ``None``.
    """

    method: str
    order: tuple[int, ...]
    scores: tuple[tuple[int, float], ...]
    baseline_reason: BaselineReason | None

    def sentences(self, k: int = DEFAULT_K) -> tuple[int, ...]:
        """The ``k`` best sentences in document order (all of them when k exceeds the body)."""
        return tuple(sorted(self.order[: max(k, 0)]))

    def lead(self, k: int = DEFAULT_K) -> tuple[int, ...]:
        """The first ``k`` body sentences: the baseline a reader would otherwise use."""
        return tuple(sorted(self.order))[: max(k, 0)]

    def score_of(self, index: int) -> float | None:
        return dict(self.scores).get(index)


def summarize(sentences: Sequence[Sentence], languages: Sequence[str | None]) -> Summary:
    """Rank the body sentences (every sentence that is not a heading).

    Args:
        sentences: All sentences of the document.
        languages: The language of each sentence (same order), for stop words and stemming.
    """
    body = [(s, lang) for s, lang in zip(sentences, languages) if not s.heading]
    stems = [[t.stem for t in content_tokens(s.text, lang)] for s, lang in body]
    weight = _pagerank(_cooccurrence(stems))
    distinct = [set(words) for words in stems]

    def value(words: set[str], size: int) -> float:
        # Sorted: summing a set in hash order could round differently from one process to another.
        return sum(weight[w] for w in sorted(words)) / math.log(1 + size) if size else 0.0

    standalone = [value(words, len(words)) for words in distinct]
    best = max(standalone, default=0.0)
    scores = [round(v / best, 4) if best else 0.0 for v in standalone]

    covered: set[str] = set()
    order: list[int] = []
    # Lazy greedy (Minoux 1978): a sentence's gain only shrinks as coverage grows, so a gain
    # computed earlier is an upper bound. Pop the best bound, refresh it; if it still beats the
    # next bound it is the true best — the same picks as re-scoring every sentence each round,
    # without its quadratic cost. Ties go to the earlier sentence, as before.
    heap = [(-standalone[i], i) for i in range(len(body))]
    heapq.heapify(heap)
    while heap:
        _, i = heapq.heappop(heap)
        gain = value(distinct[i] - covered, len(distinct[i]))
        if heap and (-gain, i) > heap[0]:
            heapq.heappush(heap, (-gain, i))
            continue
        order.append(i)
        covered |= distinct[i]
    return Summary(
        method=METHOD,
        order=tuple(body[i][0].index for i in order),
        scores=tuple((s.index, v) for (s, _), v in zip(body, scores)),
        baseline_reason=_baseline_reason(scores),
    )


def _cooccurrence(stems: list[list[str]]) -> dict[str, dict[str, float]]:
    graph: dict[str, dict[str, float]] = defaultdict(lambda: defaultdict(float))
    for words in stems:
        for a, b in zip(words, words[1:]):
            if a != b:
                graph[a][b] += 1.0
                graph[b][a] += 1.0
        for w in words:
            graph[w]  # noqa: B018 - a word alone in its sentence is still a node
    return graph


def _pagerank(graph: dict[str, dict[str, float]], *, tolerance: float = 1e-9, max_iter: int = 200) -> dict[str, float]:
    """Weighted PageRank, each iteration one pass over the edges in NumPy.

    The arithmetic is that of the plain loop ``new[v] = (1 - d) / n + d * (dangling / n +
    sum(w / out[u] * rank[u] for u, w in graph[v].items()))``, term for term and in the same
    order (edges grouped by node, each node's in graph order; ``np.bincount`` adds them one
    after the other; the dangling mass and the change are summed in node order by Python's
    ``sum``), so the scores are bit for bit those of the loop — at the cost of one C pass per
    iteration instead of a Python one.
    """
    nodes = sorted(graph)
    if not nodes:
        return {}
    import numpy as np

    n = len(nodes)
    position = {v: i for i, v in enumerate(nodes)}
    out = np.array([sum(graph[v].values()) for v in nodes], dtype=np.float64)
    targets, sources, weights = [], [], []
    for v in nodes:
        for u, w in graph[v].items():
            targets.append(position[v])
            sources.append(position[u])
            weights.append(w)
    target = np.array(targets, dtype=np.intp)
    source = np.array(sources, dtype=np.intp)
    share = np.array(weights, dtype=np.float64) / out[source] if sources else np.zeros(0)
    dangling_nodes = np.flatnonzero(out == 0)
    rank = np.full(n, 1.0 / n)
    for _ in range(max_iter):
        dangling = sum(rank[dangling_nodes].tolist())
        incoming = np.bincount(target, weights=share * rank[source], minlength=n)
        new = (1 - DAMPING) / n + DAMPING * (dangling / n + incoming)
        delta = sum(np.abs(new - rank).tolist())
        rank = new
        if delta < tolerance:
            break
    return dict(zip(nodes, rank.tolist()))


def _baseline_reason(salience: list[float]) -> BaselineReason | None:
    if len(salience) <= SHORT_BODY:
        return "short"
    mean = sum(salience) / len(salience)
    spread = math.sqrt(sum((v - mean) ** 2 for v in salience) / len(salience))
    return "flat" if mean == 0 or spread / mean < FLAT_CV else None
