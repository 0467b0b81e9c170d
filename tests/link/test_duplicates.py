"""Near-duplicate detection: the sample corpus against its gold, and synthetic cases for each
rule (trimmed copy, same topic in other words, quoted paragraph, short bodies), idempotence,
order independence and determinism."""

from __future__ import annotations

import itertools
import json
import os
import random
import subprocess
import sys
from pathlib import Path

import pytest

from hodo.clean import build_templates
from hodo.ingest import iter_pages
from hodo.link.duplicates import MIN_CHARS, DuplicateGroup, DuplicateIndex, U64Array, find_duplicates
from hodo.models import RawPage
from hodo.pipeline import clean_document

REPO = Path(__file__).resolve().parents[2]
EXAMPLES = REPO / "examples"


# --------------------------------------------------------------------------- sample corpus


def _stem(source: str) -> str:
    """`examples/pages/08_x.html` -> `08_x` (the gold's key); JSONL records keep `#N`."""
    name = Path(source).name
    return name.split(".", 1)[0] + ("#" + name.rsplit("#", 1)[1] if "#" in name else "")


@pytest.fixture(scope="module")
def sample() -> dict[str, tuple[str, str]]:
    """stem -> (doc_id, body) of every sample page, cleaned as the pipeline cleans them."""
    pages = [p for p in iter_pages([EXAMPLES / "pages"]) if isinstance(p, RawPage)]
    templates = build_templates(pages)
    out = {}
    for page in pages:
        doc = clean_document(page, templates)
        out[_stem(page.source)] = (doc.doc_id, doc.body)
    return out


@pytest.fixture(scope="module")
def gold_pairs() -> set[frozenset[str]]:
    gold = json.loads((EXAMPLES / "gold.json").read_text(encoding="utf-8"))
    return {frozenset(pair) for group in gold["duplicates"] for pair in itertools.combinations(group, 2)}


@pytest.fixture(scope="module")
def sample_index(sample: dict[str, tuple[str, str]]) -> DuplicateIndex:
    index = DuplicateIndex()
    for doc_id, body in sample.values():
        index.add(doc_id, body)
    return index


def test_the_sample_corpus_has_exactly_the_gold_duplicates(
    sample: dict[str, tuple[str, str]], gold_pairs: set[frozenset[str]]
) -> None:
    assert gold_pairs, "gold.json lists no duplicates"
    stem_of = {doc_id: stem for stem, (doc_id, _) in sample.items()}
    groups = find_duplicates(sample.values())
    found = {
        frozenset(pair) for g in groups for pair in itertools.combinations([stem_of[d] for d in g.doc_ids], 2)
    }
    assert found == gold_pairs


def test_gold_pair_and_other_pages_are_far_from_the_threshold(
    sample: dict[str, tuple[str, str]], sample_index: DuplicateIndex, gold_pairs: set[frozenset[str]]
) -> None:
    """A margin, not only the right answer: the same wire copy under two layouts is close to
    identical, and several outlets' reports of the same visit share little verbatim text."""
    for a, b in itertools.combinations(sorted(sample), 2):
        jaccard, containment = sample_index.similarity(sample[a][0], sample[b][0])
        if frozenset((a, b)) in gold_pairs:
            assert jaccard >= 0.75 and containment >= 0.95, (a, b, jaccard, containment)
        else:
            assert jaccard < 0.25 and containment < 0.4, (a, b, jaccard, containment)


def test_group_similarity_is_the_exact_jaccard_rounded(
    sample: dict[str, tuple[str, str]], sample_index: DuplicateIndex
) -> None:
    (group,) = sample_index.groups()
    assert group.doc_ids == tuple(sorted(group.doc_ids))
    jaccard, _ = sample_index.similarity(*group.doc_ids)
    assert group.similarity == round(jaccard, 3)


# --------------------------------------------------------------------------- synthetic stories
# Invented text (a fictional city and bridge), written for these tests.

WIRE = [
    "湊川市議会は12日の本会議で、老朽化した新大橋の架け替え費用として総額48億円を盛り込んだ補正予算案を"
    "賛成多数で可決した。工事は来年春に始まり、完成は2029年度の見込みだという。",
    "新大橋は1962年に完成し、市の中心部と港湾地区を結ぶ唯一の幹線道路橋となっている。昨年の点検では"
    "橋脚の一部に深刻なひび割れが見つかり、大型車の通行が制限されていた。",
    "採決に先立つ討論では、一部の議員から「財源の見通しが甘い」との反対意見も出たが、市長は「市民の安全を"
    "最優先に考えた判断だ」と述べ、理解を求めた。",
    "市は工事期間中、仮設の歩道橋を設けるほか、路線バスの迂回ルートを設定する方針で、詳細は来月中にも"
    "公表する予定だ。地元の商店街からは工事による客足の減少を心配する声も上がっている。",
]

OTHER_OUTLET = (
    "湊川市の新大橋の架け替えが決まった。市議会が12日、事業費48億円を含む補正予算を可決したもので、"
    "着工は来春、完成は2029年度になる見通し。\n"
    "築60年を超える同橋をめぐっては、昨年度の定期点検で橋脚に亀裂が確認され、市が重量制限をかけて"
    "対応してきた。港湾地区へ向かう物流への影響を懸念する声は根強く、地元経済界は早期の着工を求めていた。\n"
    "本会議では財源を疑問視する意見も出たが、賛成多数で可決された。市長は閉会後の取材に対し、工事中も"
    "市民生活への影響を最小限に抑えたいと話した。"
)


def body(paragraphs: list[str]) -> str:
    return "\n\n".join(paragraphs)


def random_text(rng: random.Random, n: int) -> str:
    """Unrelated filler: kanji and kana drawn at random (shares no 5-grams with anything)."""
    pool = [chr(c) for c in range(0x4E00, 0x4E00 + 1500)] + [chr(c) for c in range(0x3041, 0x3094)]
    return "".join(rng.choice(pool) for _ in range(n)) + "。"


def test_a_copy_with_the_last_paragraph_cut_is_a_duplicate() -> None:
    groups = find_duplicates([("full", body(WIRE)), ("trimmed", body(WIRE[:-1]))])
    assert [g.doc_ids for g in groups] == [("full", "trimmed")]
    assert 0.5 <= groups[0].similarity < 1.0


def test_containment_makes_a_trimmed_copy_a_duplicate_below_the_jaccard_threshold() -> None:
    index = DuplicateIndex(threshold=0.9)
    index.add("full", body(WIRE))
    index.add("trimmed", body(WIRE[:-1]))
    jaccard, containment = index.similarity("full", "trimmed")
    assert jaccard < 0.9 and containment == 1.0
    assert [g.doc_ids for g in index.groups()] == [("full", "trimmed")]


def test_the_same_copy_with_other_spacing_and_full_width_characters_is_identical() -> None:
    variant = body(WIRE).replace("2029", "２０２９").replace("48", "４８").replace("。", "。\n  ")
    (group,) = find_duplicates([("a", body(WIRE)), ("b", variant)])
    assert group == DuplicateGroup(("a", "b"), 1.0)


def test_another_outlets_report_of_the_same_event_is_not_a_duplicate() -> None:
    index = DuplicateIndex()
    index.add("wire", body(WIRE))
    index.add("other", OTHER_OUTLET)
    jaccard, containment = index.similarity("wire", "other")
    assert jaccard < 0.2 and containment < 0.3
    assert index.groups() == []


def test_a_paragraph_quoted_inside_a_longer_article_is_not_a_duplicate() -> None:
    rng = random.Random(7)
    feature = body([random_text(rng, 400), WIRE[0], random_text(rng, 400)])
    index = DuplicateIndex()
    index.add("feature", feature)
    index.add("notice", WIRE[0])
    _, containment = index.similarity("feature", "notice")
    assert containment == 1.0
    assert index.groups() == []


def test_short_bodies_are_never_duplicates() -> None:
    short = "市長は会見で「対話を続ける」と述べた。" * 2
    assert len(short) < MIN_CHARS
    padded = " \n".join(short)  # whitespace does not count towards the length
    index = DuplicateIndex()
    for doc_id, text in [("a", short), ("b", short), ("c", padded)]:
        index.add(doc_id, text)
    assert index.groups() == []
    assert len(index) == 3
    assert index.similarity("a", "b") == (0.0, 0.0)


def test_adding_the_same_document_twice_changes_nothing() -> None:
    once = DuplicateIndex()
    twice = DuplicateIndex()
    for index in (once, twice):
        index.add("full", body(WIRE))
        index.add("trimmed", body(WIRE[:-1]))
    twice.add("full", body(WIRE))
    twice.add("trimmed", body(WIRE[:-1]) + "\n")  # the same body after normalisation
    assert len(twice) == 2
    assert twice.groups() == once.groups()


def test_the_same_id_with_another_body_is_an_error() -> None:
    index = DuplicateIndex()
    index.add("a", body(WIRE))
    with pytest.raises(ValueError, match="another body"):
        index.add("a", OTHER_OUTLET)


def corpus(seed: int = 3) -> list[tuple[str, str]]:
    """Three chains of copies (full, trimmed, trimmed again), the other outlet, and filler."""
    rng = random.Random(seed)
    docs: list[tuple[str, str]] = [("other-outlet", OTHER_OUTLET)]
    for story in range(3):
        paragraphs = [random_text(rng, 120) for _ in range(5)]
        docs += [(f"s{story}-{n}", body(paragraphs[: 5 - n])) for n in range(3)]
    docs += [(f"filler-{i:03d}", random_text(rng, 300)) for i in range(40)]
    rng.shuffle(docs)
    return docs


def test_groups_are_components_sorted_by_first_member() -> None:
    groups = find_duplicates(corpus())
    assert [g.doc_ids for g in groups] == [(f"s{s}-0", f"s{s}-1", f"s{s}-2") for s in range(3)]
    for g in groups:
        assert 0.5 <= g.similarity <= 1.0


def test_incremental_adds_give_the_batch_result() -> None:
    docs = corpus()
    batch = find_duplicates(docs)
    index = DuplicateIndex()
    for i, (doc_id, text) in enumerate(reversed(docs)):
        index.add(doc_id, text)
        if i % 7 == 0:
            index.groups()  # asking in between changes nothing
    assert index.groups() == batch
    shuffled = list(docs)
    random.Random(99).shuffle(shuffled)
    assert find_duplicates(shuffled) == batch


def test_same_result_twice() -> None:
    assert find_duplicates(corpus()) == find_duplicates(corpus())


def test_same_result_in_processes_with_other_hash_seeds() -> None:
    code = (
        "from tests.link.test_duplicates import corpus;"
        "from hodo.link.duplicates import DuplicateIndex;"
        "i = DuplicateIndex();"
        "[i.add(d, b) for d, b in corpus()];"
        "print(i.groups(), sorted((k, sorted(v)) for k, v in i._neighbours.items()))"
    )
    outputs = {
        subprocess.run(
            [sys.executable, "-c", code],
            cwd=REPO,
            env={**os.environ, "PYTHONHASHSEED": seed},
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        for seed in ("1", "2")
    }
    assert len(outputs) == 1


def test_unrelated_documents_are_not_compared_pairwise(monkeypatch: pytest.MonkeyPatch) -> None:
    """LSH, not an all-pairs loop: 300 unrelated bodies make (almost) no candidate pairs."""
    checked = 0
    original = DuplicateIndex._is_pair

    def counting(self: DuplicateIndex, a: U64Array, b: U64Array) -> bool:
        nonlocal checked
        checked += 1
        return original(self, a, b)

    monkeypatch.setattr(DuplicateIndex, "_is_pair", counting)
    rng = random.Random(5)
    index = DuplicateIndex()
    for i in range(300):
        index.add(f"d{i}", random_text(rng, 300))
    assert index.groups() == []
    assert checked < 30  # of 44,850 pairs


@pytest.mark.parametrize("kwargs", [{"threshold": 0.0}, {"threshold": 1.5}, {"containment": 0.0}])
def test_bad_parameters_are_rejected(kwargs: dict[str, float]) -> None:
    with pytest.raises(ValueError):
        DuplicateIndex(**kwargs)
