from hodo.link.identity import link_entities
from hodo.models import Document, Entity, Mention


def doc(doc_id: str, *entities: Entity) -> Document:
    return Document(doc_id, doc_id, None, (), None, None, (), "x" * 100, entities=entities)


def person(eid: str, name: str) -> Entity:
    return Entity(eid, name, "PERSON", (Mention(0, len(name), name),))


def test_surname_alone_joins_the_one_full_name_in_the_corpus() -> None:
    a = doc("a", person("full", "オレグ・ペトロフスキー"))
    b = doc("b", person("short", "ペトロフスキー"))
    out = link_entities([a, b])
    assert out[1].entities[0].id == "full"


def test_surname_shared_by_two_full_names_stays_apart() -> None:
    a = doc("a", person("f1", "イワン・ペトロフ"), person("f2", "ボリス・ペトロフ"))
    b = doc("b", person("short", "ペトロフ"))
    assert link_entities([a, b])[1].entities[0].id == "short"
