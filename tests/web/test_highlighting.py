"""Search hits in a text: escaped, marked, and cut to an excerpt around the first hit."""

from web.highlighting import EXCERPT, excerpt, hits, pattern_of


def test_every_hit_is_marked_in_any_case_and_the_rest_escaped() -> None:
    shown = excerpt("Bewoners <b>klaagden</b>; wie KLAAGT, doet mee.", pattern_of("klaag"))
    assert shown == ("Bewoners &lt;b&gt;<mark>klaag</mark>den&lt;/b&gt;; wie "
                     "<mark>KLAAG</mark>T, doet mee.")


def test_wildcards_and_markup_in_the_query_are_plain_text() -> None:
    assert excerpt("Opkomst 50% hoger, 5 0 niet", pattern_of("50%")) == (
        "Opkomst <mark>50%</mark> hoger, 5 0 niet")
    assert excerpt("a.b en axb", pattern_of(".")) == "a<mark>.</mark>b en axb"
    assert excerpt("zij schreef <i>", pattern_of("<i>")) == "zij schreef <mark>&lt;i&gt;</mark>"


def test_a_long_text_is_cut_at_words_around_the_first_hit() -> None:
    before, after = " ".join(["voor"] * 100), " ".join(["na"] * 300)
    shown = str(excerpt(f"{before} de speeltuin {after}", pattern_of("speeltuin")))
    assert shown.startswith("…voor ") and shown.endswith("na…")
    assert "<mark>speeltuin</mark>" in shown
    assert len(shown) < EXCERPT + 40


def test_without_a_query_the_start_is_shown() -> None:
    text = " ".join(["woord"] * 200)
    shown = str(excerpt(text, None))
    assert shown.startswith("woord woord") and shown.endswith("woord…")
    assert "<mark>" not in shown
    assert excerpt("kort", None) == "kort"


def test_hits_tells_whether_the_query_is_in_a_text() -> None:
    assert hits("De Speeltuin", pattern_of("speeltuin"))
    assert not hits("De moestuin", pattern_of("speeltuin"))
    assert not hits("De moestuin", None)
