"""The corpus is written once per generator version and shared by every test of the session."""

from __future__ import annotations

import pytest

from tests.corpus import CorpusDocument, build_corpus, default_cache_dir


@pytest.fixture(scope="session")
def corpus() -> list[CorpusDocument]:
    return build_corpus(default_cache_dir())


def by_trait(corpus: list[CorpusDocument], trait: str) -> list[CorpusDocument]:
    return [document for document in corpus if trait in document.traits]
