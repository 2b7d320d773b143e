"""Dates, events and key facts: the seed exactly, a table of phrases, no publication date, warnings."""

from __future__ import annotations

import datetime as dt

import pytest

from lib.analysis import analyze
from lib.catalog import Metadata, find
from lib.ingest import read_pasted, read_path
from tests.conftest import SEED

D = dt.date
TUESDAY = D(2023, 12, 12)  # the seed's publication date, a Tuesday
FRIDAY = D(2024, 3, 15)


@pytest.fixture(scope="module")
def seed():  # noqa: ANN201
    source = read_path(SEED)
    return analyze(source, find(sha256=source.sha256).metadata)


def test_seed_events_exactly(seed) -> None:  # noqa: ANN001
    events = {e.id: e for e in seed.timeline.events}
    meeting = events["meeting"]
    assert (meeting.status, meeting.start, meeting.end, meeting.granularity) == ("past", TUESDAY, TUESDAY, "day")
    assert (meeting.place, meeting.when_text) == ("Rabat", "mardi")
    assert meeting.participants == ("Abdellatif Hammouchi", "Frédéric Veaux")
    assert meeting.evidence.sentence == 1
    visit = next(e for e in events.values() if e.kind == "visit" and e.place == "Paris")
    assert (visit.status, visit.approximate, visit.when_text) == ("planned", True, "prochainement")
    assert visit.start == D(2023, 12, 13) and visit.end == D(2024, 6, 9)  # after publication, 180-day horizon
    assert visit.participants == ("Abdellatif Hammouchi",) and visit.evidence.sentence == 4
    olympics = events["event-paris-2024-olympics"]
    assert (olympics.status, olympics.start, olympics.end) == ("upcoming", D(2024, 7, 26), D(2024, 8, 11))
    # Frédéric Veaux "effectue actuellement une visite de travail au Maroc": under way at publication.
    ongoing = next(e for e in events.values() if e.kind == "visit" and e.place == "Morocco")
    assert (ongoing.status, ongoing.participants, ongoing.start) == ("ongoing", ("Frédéric Veaux",), TUESDAY)
    assert len(events) == 4
    for event in events.values():
        assert seed.text[event.evidence.start : event.evidence.end] == event.evidence.text


def test_seed_key_facts(seed) -> None:  # noqa: ANN001
    facts = seed.timeline.key_facts
    assert facts.who.value == (
        "Abdellatif Hammouchi (directeur général de la sécurité nationale et de la surveillance du territoire) "
        "met Frédéric Veaux (directeur général de la police nationale française)")
    assert facts.where.value == "Rabat" and facts.when.value == "2023-12-12 (“mardi”)"
    assert facts.about.value.startswith("Coopération institutionnelle, JO et grands événements")
    assert "Visit of Abdellatif Hammouchi to Paris" in facts.next.value
    for fact in (facts.who, facts.where, facts.when, facts.about, facts.next):
        assert fact.evidence
        for mention in fact.evidence:
            assert seed.text[mention.start : mention.end] == mention.text
    assert not [w for w in seed.warnings if w.kind in ("weekday_mismatch", "planned_in_past", "stale_upcoming")]


# (language, sentence, publication date, words expected, start, end, granularity, approximate)
PHRASES = [
    ("fr", "Les deux ministres se sont entretenus mardi à Rabat.", TUESDAY, "mardi", D(2023, 12, 12), D(2023, 12, 12), "day", False),
    ("fr", "Les deux ministres se sont entretenus mardi à Rabat.", FRIDAY, "mardi", D(2024, 3, 12), D(2024, 3, 12), "day", False),
    ("fr", "Le ministre se rendra à Paris mardi pour une visite.", TUESDAY, "mardi", D(2023, 12, 19), D(2023, 12, 19), "day", False),
    ("fr", "Ils se sont réunis mardi dernier à Rabat.", TUESDAY, "mardi dernier", D(2023, 12, 5), D(2023, 12, 5), "day", False),
    ("fr", "La réunion aura lieu mardi prochain au siège.", TUESDAY, "mardi prochain", D(2023, 12, 19), D(2023, 12, 19), "day", False),
    ("fr", "Ce mardi, la délégation a été reçue au ministère.", TUESDAY, "Ce mardi", D(2023, 12, 12), D(2023, 12, 12), "day", False),
    ("fr", "Le 12 décembre 2023, les deux parties ont signé un accord.", None, "12 décembre 2023", D(2023, 12, 12), D(2023, 12, 12), "day", False),
    ("fr", "Le 12/12/2023, une réunion s'est tenue à Rabat.", None, "12/12/2023", D(2023, 12, 12), D(2023, 12, 12), "day", False),
    ("fr", "La rencontre a eu lieu le 1er mars 2024 à Dakar.", None, "1er mars 2024", D(2024, 3, 1), D(2024, 3, 1), "day", False),
    ("fr", "Hier, les enquêteurs ont arrêté trois suspects.", TUESDAY, "Hier", D(2023, 12, 11), D(2023, 12, 11), "day", False),
    ("fr", "Demain, le ministre recevra son homologue.", TUESDAY, "Demain", D(2023, 12, 13), D(2023, 12, 13), "day", False),
    ("fr", "Une réunion se tiendra la semaine prochaine à Rabat.", TUESDAY, "la semaine prochaine", D(2023, 12, 18), D(2023, 12, 24), "week", False),
    ("fr", "Le ministre effectuera une visite le mois prochain.", TUESDAY, "le mois prochain", D(2024, 1, 1), D(2024, 1, 31), "month", False),
    ("fr", "Les deux parties ont convenu de se réunir prochainement.", TUESDAY, "prochainement", D(2023, 12, 13), D(2024, 6, 9), "period", True),
    ("fr", "Une délégation se rendra bientôt à Madrid.", TUESDAY, "bientôt", D(2023, 12, 13), D(2024, 3, 11), "period", True),
    ("fr", "Des exercices conjoints auront lieu dans les prochains mois.", TUESDAY, "dans les prochains mois", D(2023, 12, 13), D(2024, 6, 9), "period", True),
    ("fr", "Le service a récemment démantelé un réseau de passeurs.", TUESDAY, "récemment", D(2023, 9, 13), D(2023, 12, 11), "period", True),
    ("fr", "L'accord de coopération signé en 2019 reste en vigueur.", None, "en 2019", D(2019, 1, 1), D(2019, 12, 31), "year", False),
    ("fr", "Les chiffres de décembre 2023 seront publiés la semaine prochaine.", None, "décembre 2023", D(2023, 12, 1), D(2023, 12, 31), "month", False),
    ("fr", "La conférence régionale se tiendra en juillet à Rabat.", TUESDAY, "en juillet", D(2024, 7, 1), D(2024, 7, 31), "month", False),
    ("fr", "La sécurité des JO 2024 a été évoquée lors de la réunion.", TUESDAY, "JO 2024", D(2024, 7, 26), D(2024, 8, 11), "day", False),
    ("fr", "Les Jeux olympiques de Paris mobiliseront des milliers de policiers.", None, "Jeux olympiques de Paris", D(2024, 7, 26), D(2024, 8, 11), "day", False),
    ("fr", "La préparation des Jeux paralympiques de Paris avance bien.", None, "Jeux paralympiques de Paris", D(2024, 8, 28), D(2024, 9, 8), "day", False),
    ("en", "The two ministers met on Tuesday in Rabat to discuss security.", TUESDAY, "on Tuesday", D(2023, 12, 12), D(2023, 12, 12), "day", False),
    ("en", "The delegation will travel to Madrid on Tuesday for talks.", TUESDAY, "on Tuesday", D(2023, 12, 19), D(2023, 12, 19), "day", False),
    ("en", "The agreement was signed on December 12, 2023 in Lisbon.", None, "December 12, 2023", D(2023, 12, 12), D(2023, 12, 12), "day", False),
    ("en", "Talks held on 12 December 2023 focused on drug trafficking.", None, "12 December 2023", D(2023, 12, 12), D(2023, 12, 12), "day", False),
    ("en", "Police arrested two suspects yesterday near the port.", TUESDAY, "yesterday", D(2023, 12, 11), D(2023, 12, 11), "day", False),
    ("en", "A follow-up meeting will take place next week in Rabat.", TUESDAY, "next week", D(2023, 12, 18), D(2023, 12, 24), "week", False),
    ("en", "The minister will visit Lisbon next month with his team.", TUESDAY, "next month", D(2024, 1, 1), D(2024, 1, 31), "month", False),
    ("en", "Both sides agreed to meet again soon in Madrid.", TUESDAY, "soon", D(2023, 12, 13), D(2024, 3, 11), "period", True),
    ("en", "New measures will be announced in the coming weeks by the ministry.", TUESDAY, "in the coming weeks", D(2023, 12, 13), D(2024, 2, 10), "period", True),
    ("en", "The unit was recently reorganised by the ministry.", TUESDAY, "recently", D(2023, 9, 13), D(2023, 12, 11), "period", True),
    ("en", "In May 2024 the summit took place in Geneva.", None, "May 2024", D(2024, 5, 1), D(2024, 5, 31), "month", False),
    ("en", "Security for Euro 2024 was discussed at length.", None, "Euro 2024", D(2024, 6, 14), D(2024, 7, 14), "day", False),
    ("es", "El director general recibió el martes a su homólogo marroquí.", TUESDAY, "el martes", D(2023, 12, 12), D(2023, 12, 12), "day", False),
    ("es", "La reunión se celebrará el próximo martes en Madrid.", TUESDAY, "el próximo martes", D(2023, 12, 19), D(2023, 12, 19), "day", False),
    ("es", "El martes pasado se celebró la reunión en Rabat.", TUESDAY, "El martes pasado", D(2023, 12, 5), D(2023, 12, 5), "day", False),
    ("es", "El acuerdo se firmó el 12 de diciembre de 2023 en Madrid.", None, "12 de diciembre de 2023", D(2023, 12, 12), D(2023, 12, 12), "day", False),
    ("es", "Ayer la policía detuvo a tres personas en Ceuta.", TUESDAY, "Ayer", D(2023, 12, 11), D(2023, 12, 11), "day", False),
    ("es", "La delegación viajará a Rabat el próximo mes para continuar.", TUESDAY, "el próximo mes", D(2024, 1, 1), D(2024, 1, 31), "month", False),
    ("es", "La policía desmanteló la red la semana pasada en Algeciras.", TUESDAY, "la semana pasada", D(2023, 12, 4), D(2023, 12, 10), "week", False),
    ("es", "Ambas partes se reunirán próximamente en Rabat.", TUESDAY, "próximamente", D(2023, 12, 13), D(2024, 6, 9), "period", True),
    ("es", "La unidad fue creada recientemente por el ministerio.", TUESDAY, "recientemente", D(2023, 9, 13), D(2023, 12, 11), "period", True),
    ("es", "Los preparativos del Mundial de 2030 avanzan según lo previsto.", None, "Mundial de 2030", D(2030, 6, 1), D(2030, 7, 31), "day", True),
    # The tense is read from stressed verbs, not from nouns in -o/-a ("junio", "frontera").
    ("es", "El ministro inauguró el foro de Quito, que se clausurará el 5 de junio.", D(2024, 6, 3), "5 de junio", D(2024, 6, 5), D(2024, 6, 5), "day", False),
    ("es", "La comisión de la frontera visitó el puerto el 1 de junio.", D(2024, 6, 3), "1 de junio", D(2024, 6, 1), D(2024, 6, 1), "day", False),
    ("es", "La comisión de la frontera visitará el puerto el 1 de junio.", D(2024, 6, 3), "1 de junio", D(2025, 6, 1), D(2025, 6, 1), "day", False),
]


@pytest.mark.parametrize(("language", "sentence", "published", "words", "start", "end", "granularity", "approximate"),
                         PHRASES, ids=[f"{p[0]}: {p[1][:40]}" for p in PHRASES])
def test_phrases(language: str, sentence: str, published: dt.date | None, words: str, start: dt.date, end: dt.date,
                 granularity: str, approximate: bool) -> None:
    analysis = analyze(read_pasted(sentence), Metadata(published=published))
    assert analysis.language.code == language  # read with that language's words, not another's
    found = [(x.text, x.start_date, x.end_date, x.granularity, x.approximate) for x in analysis.timeline.expressions]
    assert (words, start, end, granularity, approximate) in found


NOT_DATES = [
    ("fr", "La réunion a commencé à 10 h au siège de la direction générale."),
    ("fr", "Il a été condamné à une peine de 10 ans de prison ferme par le tribunal."),
    ("fr", "Des policiers ont été déployés autour du stade pendant toute la soirée."),
    ("fr", "Selon l'article 2023 du code pénal, la peine encourue est lourde."),
    ("fr", "Conformément à l'art. 12 de la loi, les données personnelles sont protégées."),
    ("fr", "Le bilan annuel fait état de 2024 arrestations dans la région."),
    ("en", "Theresa May met the minister in London to discuss the new measures."),
    ("en", "The operation started at 10 a.m. and ended in the evening."),
    ("en", "He served 10 years in prison before he was released."),
    ("en", "Do the services share their data with the police?"),
    ("es", "La operación comenzó a las 10 horas y terminó por la noche."),
    ("es", "El tribunal lo condenó a 12 años de prisión por tráfico de drogas."),
]


@pytest.mark.parametrize(("language", "sentence"), NOT_DATES, ids=[s[:40] for _, s in NOT_DATES])
def test_numbers_and_words_that_are_not_dates(language: str, sentence: str) -> None:
    analysis = analyze(read_pasted(sentence), Metadata(published=TUESDAY))
    assert analysis.language.code == language
    assert analysis.timeline.expressions == ()


def test_years_outside_1900_2100_are_not_dates() -> None:
    text = "Le ministre a annoncé le 31/12/9999 une réunion qui se tiendra le 1er janvier 0001 et le 12/12/2023."
    analysis = analyze(read_pasted(text), Metadata(published=TUESDAY))
    assert [x.text for x in analysis.timeline.expressions] == ["12/12/2023"]


def test_a_publication_date_out_of_range_anchors_nothing() -> None:
    analysis = analyze(read_path(SEED), Metadata(published=dt.date(9999, 12, 31)))  # only a library caller can
    mardi = next(x for x in analysis.timeline.expressions if x.text == "mardi")
    assert (mardi.resolved, mardi.start_date) == (False, None)


def test_without_publication_date_relative_dates_stay_unresolved() -> None:
    source = read_path(SEED)
    analysis = analyze(source)  # no metadata: no publication date
    mardi = next(x for x in analysis.timeline.expressions if x.text == "mardi")
    assert (mardi.resolved, mardi.start_date) == (False, None)
    prochainement = next(x for x in analysis.timeline.expressions if x.text == "prochainement")
    assert prochainement.start_date is None and prochainement.approximate
    events = {e.id: e for e in analysis.timeline.events}
    assert events["meeting"].start is None and events["meeting"].status == "past"  # by the verb's tense
    assert events["event-paris-2024-olympics"].status == "reference"
    assert events["event-paris-2024-olympics"].start == D(2024, 7, 26)  # named events keep their dates
    assert analysis.timeline.key_facts.when.value == "“mardi” (no publication date to anchor it)"
    assert any(w.kind == "no_publication_date" for w in analysis.warnings)


def test_explicit_dates_need_no_publication_date() -> None:
    analysis = analyze(read_pasted("Les deux ministres se sont entretenus le 5 janvier 2024 à Rabat de la sécurité."))
    (meeting,) = [e for e in analysis.timeline.events if e.kind == "meeting"]
    (expression,) = analysis.timeline.expressions
    assert expression.start_date == D(2024, 1, 5) and expression.resolved
    # A meeting verb and a date: a meeting, though nobody is named — its place and day are facts.
    assert (meeting.participants, meeting.start, meeting.place) == ((), D(2024, 1, 5), "Rabat")
    facts = analysis.timeline.key_facts
    assert (facts.who.value, facts.where.value, facts.when.value) == (None, "Rabat", "2024-01-05 (“5 janvier 2024”)")


@pytest.mark.parametrize(
    ("text", "published", "kind"),
    [
        ("Les deux délégations se sont réunies le mardi 13 décembre 2023 à Rabat.", TUESDAY, "weekday_mismatch"),
        ("La sécurité des prochains Jeux olympiques de Paris sera renforcée, a indiqué le ministre.", D(2024, 9, 1), "stale_upcoming"),
        ("M. Jean Dupont effectuera une visite prévue le 3 décembre 2023 à Rabat.", TUESDAY, "planned_in_past"),
    ],
)
def test_consistency_warnings(text: str, published: dt.date, kind: str) -> None:
    analysis = analyze(read_pasted(text), Metadata(published=published))
    assert kind in [w.kind for w in analysis.warnings]


def test_no_false_consistency_warnings() -> None:
    analysis = analyze(read_pasted("Les délégations se sont réunies le mardi 12 décembre 2023 à Rabat, avant les prochains Jeux olympiques de Paris."),
                       Metadata(published=TUESDAY))
    assert not [w for w in analysis.warnings if w.kind in ("weekday_mismatch", "planned_in_past", "stale_upcoming")]


def test_key_facts_from_a_signing_when_no_meeting_is_reported() -> None:
    text = ("Le ministre de l'Intérieur, Gérald Darmanin, et son homologue sénégalais, Antoine Félix Diome, ont signé "
            "le mardi 14 mai 2024 à Dakar un accord de coopération contre l'immigration irrégulière.")
    facts = analyze(read_pasted(text), Metadata(published=D(2024, 5, 14))).timeline.key_facts
    assert facts.who.value == ("Signing: Gérald Darmanin (ministre de l'Intérieur); "
                               "Antoine Félix Diome (homologue sénégalais)")
    assert (facts.where.value, facts.when.value) == ("Dakar", "2024-05-14 (“mardi 14 mai 2024”)")


@pytest.mark.parametrize(
    ("text", "published", "first", "last"),
    [
        ("Paris, 28 juin 2024 (MAP) – Le directeur a effectué du 26 au 28 juin une visite de travail en France.",
         D(2024, 6, 28), D(2024, 6, 26), D(2024, 6, 28)),
        ("Accra, June 29 (GNA) – The police chief hosted his counterpart, Mr John Mensah, in Accra from June 26 to 28 for talks.",
         D(2024, 6, 29), D(2024, 6, 26), D(2024, 6, 28)),
    ],
)
def test_a_dateline_never_dates_an_event(text: str, published: dt.date, first: dt.date, last: dt.date) -> None:
    analysis = analyze(read_pasted(text), Metadata(published=published))
    dated = [e for e in analysis.timeline.events if e.start]
    assert dated and all((e.start, e.end) == (first, last) for e in dated)
    assert any(x.dateline for x in analysis.timeline.expressions) or analysis.dateline is not None


def test_a_dateline_gives_the_place_of_issue_and_the_missing_publication_date() -> None:
    analysis = analyze(read_pasted("Casablanca, 15/02/2024 (MAP) - Le wali a présidé mercredi une réunion sur la sécurité du port."))
    assert (analysis.metadata.published, analysis.metadata.published_from, analysis.metadata.issued_in) == (
        D(2024, 2, 15), "dateline", "Casablanca")
    (meeting,) = [e for e in analysis.timeline.events if e.kind == "meeting"]
    assert meeting.start == D(2024, 2, 14)  # "mercredi", anchored on the dateline's date


@pytest.mark.parametrize(
    ("text", "published", "first", "last"),
    [
        ("The annual security congress opened in Lisbon on Monday and will close on 6 March.",
         D(2023, 3, 2), D(2023, 2, 27), D(2023, 3, 6)),  # "opened on Monday": the Monday before
        ("The regional workshop on border security opened in Dakar on Tuesday and will run until Friday 8 March.",
         D(2024, 3, 5), D(2024, 3, 5), D(2024, 3, 8)),
        ("Le congrès régional s'est achevé jeudi à Tunis, après trois jours de travaux ouverts le 12 mars.",
         D(2024, 3, 15), D(2024, 3, 12), D(2024, 3, 14)),
        ("El foro regional se inauguró el lunes 3 de junio en Quito y se clausurará el 5 de junio.",
         D(2024, 6, 3), D(2024, 6, 3), D(2024, 6, 5)),
    ],
)
def test_a_gathering_that_opens_and_closes_in_one_sentence_is_one_interval(
        text: str, published: dt.date, first: dt.date, last: dt.date) -> None:
    analysis = analyze(read_pasted(text), Metadata(published=published))
    (conference,) = [e for e in analysis.timeline.events if e.kind == "conference"]
    assert (conference.start, conference.end) == (first, last)


def test_days_far_apart_are_not_read_as_one_gathering() -> None:
    text = "The forum held on 3 May 2024 in Rabat prepared the one to be held on 20 June 2024."
    analysis = analyze(read_pasted(text), Metadata(published=D(2024, 5, 4)))
    (conference,) = [e for e in analysis.timeline.events if e.kind == "conference"]
    assert (conference.start, conference.end) == (D(2024, 5, 3), D(2024, 5, 3))


def test_a_meeting_is_placed_where_it_was_held_not_in_a_name_before() -> None:
    text = ("The Inspector General of Police, Japhet Koome, met the Head of the UK Counter Terrorism Policing, "
            "Matt Jukes, in Nairobi on Wednesday.")
    analysis = analyze(read_pasted(text), Metadata(published=D(2024, 3, 14)))
    (meeting,) = [e for e in analysis.timeline.events if e.kind == "meeting"]
    assert (meeting.place, meeting.start) == ("Nairobi", D(2024, 3, 13))


def test_a_minister_who_hosts_counterparts_holds_a_meeting() -> None:
    text = "La ministre de l'Intérieur, Nicole Dupuis, a accueilli le 3 avril 2024 à Lyon son homologue suisse, Karin Meier."
    analysis = analyze(read_pasted(text), Metadata(published=D(2024, 4, 4)))
    (meeting,) = [e for e in analysis.timeline.events if e.kind == "meeting"]
    assert (meeting.start, meeting.place, meeting.participants) == (D(2024, 4, 3), "Lyon", ("Nicole Dupuis", "Karin Meier"))


# Arabic: the three series of month names, weekdays after "يوم", Arabic-Indic digits, ranges.
AR_PHRASES = [
    ("اجتمع الوزيران يوم الخميس 20 نوفمبر 2023 بالرباط.", None, "يوم الخميس 20 نوفمبر 2023", D(2023, 11, 20), D(2023, 11, 20)),
    ("عقد الاجتماع في ٢٠ نونبر ٢٠٢٣ بمقر المديرية.", None, "٢٠ نونبر ٢٠٢٣", D(2023, 11, 20), D(2023, 11, 20)),
    ("انعقدت الدورة في 3 جوان 2024 بالجزائر العاصمة.", None, "3 جوان 2024", D(2024, 6, 3), D(2024, 6, 3)),
    ("وقع الطرفان الاتفاق في 5 تشرين الثاني 2023 في بيروت.", None, "5 تشرين الثاني 2023", D(2023, 11, 5), D(2023, 11, 5)),
    ("استقبل المدير العام يوم الثلاثاء بالرباط نظيره الفرنسي.", D(2023, 12, 12), "يوم الثلاثاء", D(2023, 12, 12), D(2023, 12, 12)),
    ("وسيعقد الطرفان اجتماعا يومي 11 و12 أبريل المقبل بمدريد.", D(2024, 2, 15), "يومي 11 و12 أبريل", D(2024, 4, 11), D(2024, 4, 12)),
    ("وأعلنت الوزارة أمس عن تفكيك شبكة للاتجار بالبشر.", D(2024, 2, 15), "أمس", D(2024, 2, 14), D(2024, 2, 14)),
    # Hijri (Umm al-Qura), shown as written, converted when the day or the month is given
    ("صدر القرار في 15 رمضان 1445 هـ بعد دراسة الملف.", None, "15 رمضان 1445 هـ", D(2024, 3, 25), D(2024, 3, 25)),
    ("تمت الزيارة من 20 إلى 22 ذو الحجة 1445 في إطار التعاون.", None, "من 20 إلى 22 ذو الحجة 1445", D(2024, 6, 26), D(2024, 6, 28)),
    ("خلال شهر رمضان 1445 كثفت الشرطة دورياتها في الأحياء.", None, "شهر رمضان 1445", D(2024, 3, 11), D(2024, 4, 9)),
]


@pytest.mark.parametrize(("sentence", "published", "words", "start", "end"), AR_PHRASES, ids=[p[2] for p in AR_PHRASES])
def test_arabic_dates(sentence: str, published: dt.date | None, words: str, start: dt.date, end: dt.date) -> None:
    found = [(x.text, x.start_date, x.end_date) for x in analyze(read_pasted(sentence), Metadata(published=published)).timeline.expressions]
    assert (words, start, end) in found


def test_an_arabic_dateline_dates_the_news_and_the_meeting_is_the_day_before() -> None:
    text = ("الرباط، 15 فبراير 2024 – استقبل وزير الداخلية يوم الأربعاء بالرباط وزير الداخلية الإسباني.\n"
            "وسيعقد الطرفان اجتماعا للجنة المشتركة يومي 11 و12 أبريل المقبل بمدريد.")
    analysis = analyze(read_pasted(text))
    assert (analysis.metadata.published, analysis.metadata.published_from) == (D(2024, 2, 15), "dateline")
    meetings = [(e.start, e.end, e.place, e.status) for e in analysis.timeline.events if e.kind == "meeting"]
    assert meetings == [(D(2024, 2, 14), D(2024, 2, 14), "Rabat", "past"), (D(2024, 4, 11), D(2024, 4, 12), "Madrid", "planned")]


@pytest.mark.parametrize(("text", "place"), [
    ("Visite de travail à Paris\nRabat, 28 juin 2024 – M. Abdellatif Hammouchi a effectué du 26 au 28 juin une visite de "
     "travail à Paris.\nCette visite fait suite à la réunion tenue à Rabat en décembre.", "Paris"),
    ("The minister travelled to Madrid on Monday.\nThis visit follows the talks held in Rabat last year.", "Madrid"),
    ("El ministro del Interior, Fernando Grande-Marlaska, visitó Rabat el lunes 24 de junio de 2024 para reforzar la "
     "cooperación policial.\nEsta visita sigue a la reunión celebrada en Madrid el año pasado.", "Rabat"),
])
def test_an_event_word_after_a_demonstrative_tells_no_new_event(text: str, place: str) -> None:
    events = analyze(read_pasted(text), Metadata(published=dt.date(2024, 6, 28))).timeline.events
    # One visit: neither the title's undated one nor "this visit" (of the meeting's place) is another
    assert [e.place for e in events if e.kind == "visit"] == [place]


def test_the_place_a_communique_is_filed_from_is_not_where_its_event_is_held() -> None:
    text = ("Glasgow to host the General Assembly\nLYON, France, 28 October 2024 – Police chiefs will meet in Glasgow "
            "from 4 to 7 November for the 92nd General Assembly.")
    events = analyze(read_pasted(text), Metadata(published=dt.date(2024, 10, 28))).timeline.events
    held = [(e.kind, e.place, e.start, e.end) for e in events if e.start is not None]
    assert ("conference", "Glasgow", dt.date(2024, 11, 4), dt.date(2024, 11, 7)) in held
    assert all(e.place not in ("Lyon", "France") for e in events)
