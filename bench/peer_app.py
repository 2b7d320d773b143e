"""The afternoon peer: what an analyst could assemble in an afternoon, for bench_dashboard.py.

On the seed communiqué: spaCy's full French pipeline, displaCy entities and their table
(spacy-streamlit), a LexRank summary (TF-IDF sentence graph, power iteration, scikit-learn),
dates found by dateparser, and a plotly bar of entity labels. Only the model is cached, as a
quick app would. Its packages are in requirements-dev.txt, never in the product's requirements.
"""

from pathlib import Path

import numpy as np
import plotly.express as px
import spacy
import spacy_streamlit
import streamlit as st
from dateparser.search import search_dates
from sklearn.feature_extraction.text import TfidfVectorizer

SEED = Path(__file__).resolve().parent.parent / "seeds" / "000_d58dcee9dee1240e.txt"


@st.cache_resource
def model():  # noqa: ANN201
    return spacy.load("fr_core_news_sm")


def lexrank(sentences: list[str], k: int) -> list[str]:
    """LexRank: sentences ranked by PageRank over their TF-IDF cosine similarities."""
    if len(sentences) <= k:
        return sentences
    vectors = TfidfVectorizer().fit_transform(sentences)
    similarity = (vectors @ vectors.T).toarray()
    np.fill_diagonal(similarity, 0)
    matrix = similarity / np.maximum(similarity.sum(axis=1, keepdims=True), 1e-9)
    scores = np.full(len(sentences), 1 / len(sentences))
    for _ in range(50):
        scores = 0.15 / len(sentences) + 0.85 * matrix.T @ scores
    best = sorted(np.argsort(-scores)[:k])
    return [sentences[i] for i in best]


st.set_page_config(page_title="Afternoon peer", layout="wide")
nlp = model()
text = SEED.read_text(encoding="utf-8")
doc = nlp(text)
st.title(text.splitlines()[0])
k = st.slider("Summary sentences", 1, 7, 3, key="peer_k")
st.subheader("Summary")
for sentence in lexrank([s.text.strip() for s in doc.sents if s.text.strip()], k):
    st.write(sentence)
spacy_streamlit.visualize_ner(doc, labels=nlp.get_pipe("ner").labels, show_table=True, title="Entities")
st.subheader("Dates")
found = search_dates(text, languages=["fr"]) or []
st.dataframe([{"text": words, "date": when.date().isoformat()} for words, when in found])
labels = [ent.label_ for ent in doc.ents]
st.plotly_chart(px.bar(x=sorted(set(labels)), y=[labels.count(label) for label in sorted(set(labels))],
                       labels={"x": "label", "y": "entities"}), key="peer_bar")
