"""The closed-corpus Wikipedia: exact search, similar titles, lookup cycling, both context layouts."""

from __future__ import annotations

import pytest

from tasks.services.wikicorpus import Corpus, Explorer, LookupWithoutPage, Page, pages_from_context

PAGES = [
    Page(title="Milhouse Van Houten", sentences=(
        "Milhouse Mussolini Van Houten is a character in The Simpsons.",
        " Milhouse was named after Richard Nixon.",
        " He is voiced by Pamela Hayden.",
        " Milhouse was named in 1989 by Matt Groening.",
    )),
    Page(title="Richard Nixon", sentences=("Richard Milhous Nixon was the 37th president of the United States.",)),
    Page(title="The Simpsons", sentences=("The Simpsons is an animated sitcom created by Matt Groening.",)),
    Page(title="Leonid Levin", sentences=("Leonid Levin is a mathematician.",)),
]


@pytest.fixture
def explorer() -> Explorer:
    return Explorer(Corpus(PAGES))


def test_exact_search_returns_the_whole_paragraph_case_and_space_insensitively(explorer):
    text = explorer.search("  milhouse   VAN houten ")
    assert text == (
        "Milhouse Mussolini Van Houten is a character in The Simpsons. Milhouse was named after Richard Nixon."
        " He is voiced by Pamela Hayden. Milhouse was named in 1989 by Matt Groening."
    )
    assert explorer.search("Richard_Nixon").startswith("Richard Milhous Nixon")


def test_missing_page_lists_similar_titles_ranked_by_bm25(explorer):
    text = explorer.search("Milhouse")
    assert text.startswith("Could not find [Milhouse]. Similar: [")
    similar = eval(text.split("Similar: ", 1)[1])  # a Python list, as LangChain formats it
    assert similar[0] == "Milhouse Van Houten"
    assert "Leonid Levin" not in similar  # no shared term: not listed
    assert explorer.page is None


def test_no_similar_titles_gives_an_empty_list(explorer):
    assert explorer.search("Zzyzx qwerty") == "Could not find [Zzyzx qwerty]. Similar: []"


def test_lookup_cycles_through_matching_sentences(explorer):
    explorer.search("Milhouse Van Houten")
    assert explorer.lookup("named") == "(Result 1/2) Milhouse was named after Richard Nixon."
    assert explorer.lookup("NAMED") == "(Result 2/2) Milhouse was named in 1989 by Matt Groening."
    assert explorer.lookup("named") == "No More Results"
    assert explorer.lookup("Hayden") == "(Result 1/1) He is voiced by Pamela Hayden."
    assert explorer.lookup("spaceship") == "No Results"


def test_a_new_search_resets_the_lookup_and_a_failed_one_forbids_it(explorer):
    explorer.search("Milhouse Van Houten")
    explorer.lookup("named")
    explorer.search("The Simpsons")
    assert explorer.lookup("Groening").startswith("(Result 1/1) The Simpsons")
    explorer.search("nothing like this")
    with pytest.raises(LookupWithoutPage):
        explorer.lookup("Groening")


def test_lookup_before_any_search_raises(explorer):
    with pytest.raises(LookupWithoutPage):
        explorer.lookup("x")


def test_both_hotpotqa_context_layouts_give_the_same_pages():
    pairs = [["A", ["One.", " Two."]], ["B", ["Three."]]]
    hf = {"title": ["A", "B"], "sentences": [["One.", " Two."], ["Three."]]}
    assert pages_from_context(pairs) == pages_from_context(hf)
    assert pages_from_context(hf)[0].text == "One. Two."
    with pytest.raises(TypeError):
        pages_from_context("not a context")


def test_duplicate_titles_keep_the_first_page():
    corpus = Corpus([Page(title="A", sentences=("first",)), Page(title="a", sentences=("second",))])
    assert len(corpus) == 1 and corpus.get("A").text == "first"


def test_corpus_may_be_built_lazily():
    built = []

    def build() -> Corpus:
        built.append(1)
        return Corpus(PAGES)

    explorer = Explorer(build)
    assert not built
    assert explorer.search("Leonid Levin") == "Leonid Levin is a mathematician."
    explorer.search("Richard Nixon")
    assert built == [1]
