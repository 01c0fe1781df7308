"""Word lists for ``eclaire.core.masking``: what says a capitalised word is not a person.

The words around it (a determiner, "in", a month's preposition, a word that ends a company's
name, a verb that follows a sentence's subject), capitalised words that are things (days,
months, tools, holidays), and the local parts of generic mailboxes.
"""

from __future__ import annotations

FR_DETERMINERS: frozenset[str] = frozenset(
    ["le", "la", "les", "l", "un", "une", "des", "du", "au", "aux", "ce", "cet", "cette", "ces"]
    + ["notre", "nos", "votre", "vos", "leur", "leurs", "mon", "ma", "mes", "son", "sa", "ses"]
)
"""French determiners: a capitalised word after one is a place or a brand ("la Rochelle")."""

EN_NOT_BEFORE_NAMES: frozenset[str] = frozenset(
    ["the", "a", "an", "our", "your", "their", "its", "this", "that", "these", "those"]
    + ["every", "each", "in"]
)
"""Words after which a capitalised word is a place, a brand or an event, not a person: "the
London team", "our Salesforce licences", "in Germany" (titles and roster names still count)."""

EN_CAPITALISED_WORDS: frozenset[str] = frozenset(
    [
        "i",
        "i'm",
        "i've",
        "i'd",
        "i'll",
        "ok",
        "okay",
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
        "english",
        "french",
        "europe",
        "european",
        "france",
        "paris",
        "covid",
        "ceo",
        "cfo",
        "hr",
        "it",
        "sales",
        "marketing",
        "support",
        "production",
        "logistics",
        "finance",
        "management",
        "customer",
        "customers",
        "service",
        "services",
        "team",
        "teams",
        "department",
        "departments",
        "head",
        "office",
        "field",
        "board",
        "manager",
        "managers",
        "director",
        "directors",
        "company",
        "client",
        "clients",
        "product",
        "products",
        "quality",
        "delivery",
        "operations",
        "admin",
        "administration",
        "slack",
        "teams",
        "excel",
        "outlook",
        "zoom",
        "christmas",
        "xmas",
        "easter",
        "halloween",
        "thanksgiving",
        "ramadan",
        "eid",
        "diwali",
        "hanukkah",
        "passover",
    ]
)
"""Capitalised English words that are not people (days, months, functions, common tools)."""

EMAIL_GENERIC: frozenset[str] = frozenset(
    [
        "contact",
        "info",
        "admin",
        "rh",
        "hr",
        "direction",
        "accueil",
        "noreply",
        "no-reply",
        "reply",
        "bonjour",
        "hello",
        "office",
        "equipe",
        "team",
        "support",
        "service",
        "compta",
        "sales",
        "ventes",
    ]
)
"""Local parts of generic mailboxes: not names."""

EN_ORGANIZATION_WORDS: frozenset[str] = frozenset(
    [
        "foods",
        "food",
        "trading",
        "traders",
        "trade",
        "logistics",
        "logistic",
        "freight",
        "shipping",
        "transport",
        "haulage",
        "express",
        "distribution",
        "supplies",
        "supply",
        "wholesale",
        "packaging",
        "plumbing",
        "pharmacy",
        "pharma",
        "hospital",
        "hospitals",
        "clinic",
        "clinics",
        "health",
        "healthcare",
        "medical",
        "dental",
        "steel",
        "metals",
        "plastics",
        "chemicals",
        "paper",
        "printing",
        "print",
        "energy",
        "power",
        "electric",
        "electrical",
        "water",
        "gas",
        "oil",
        "mining",
        "cement",
        "glass",
        "controls",
        "systems",
        "solutions",
        "services",
        "service",
        "consulting",
        "partners",
        "holdings",
        "group",
        "industries",
        "industry",
        "technologies",
        "technology",
        "tech",
        "digital",
        "software",
        "networks",
        "telecom",
        "media",
        "creative",
        "studio",
        "studios",
        "agency",
        "construction",
        "engineering",
        "manufacturing",
        "automotive",
        "motors",
        "aerospace",
        "machinery",
        "equipment",
        "tools",
        "security",
        "cleaning",
        "catering",
        "events",
        "travel",
        "tours",
        "hotel",
        "hotels",
        "airlines",
        "airways",
        "bank",
        "banking",
        "insurance",
        "finance",
        "financial",
        "capital",
        "investments",
        "properties",
        "estates",
        "homes",
        "interiors",
        "furniture",
        "kitchens",
        "bakery",
        "bakeries",
        "farms",
        "dairy",
        "brewery",
        "stores",
        "store",
        "supermarkets",
        "retail",
        "garage",
        "labs",
        "laboratories",
        "university",
        "college",
        "school",
        "council",
        "trust",
        "foundation",
        "associates",
        "company",
        "corporation",
        "corp",
        "inc",
        "ltd",
        "llc",
        "plc",
        "gmbh",
        "sa",
        "sas",
        "sarl",
    ]
)
"""Words that end an organization's name ("Cedar Trading", "Northway Hospitals", "Johnson
Controls"): the capitalised words just before them name a company, not a person."""

NAME_FOLLOWERS: dict[str, frozenset[str]] = {
    "en": frozenset(
        [
            "is",
            "was",
            "has",
            "had",
            "from",
            "said",
            "says",
            "told",
            "asked",
            "always",
            "never",
            "just",
            "also",
            "did",
            "does",
            "didn't",
            "doesn't",
            "isn't",
            "wasn't",
            "hasn't",
            "won't",
            "can't",
        ]
    ),
    "fr": frozenset(
        ["est", "était", "a", "avait", "m'a", "nous a", "du", "dit", "fait", "gère"]
        + ["s'occupe", "n'est", "ne", "toujours", "jamais"]
    ),
}
"""Words that follow a person who is the subject of a sentence ("Will is the only one", "Mark
from logistics", "Pierre est le seul"): a roster name that is also an ordinary word, opening a
sentence before one of them, is the person, not the word."""

CALENDAR_PREPOSITIONS: frozenset[str] = frozenset(
    [
        "in",
        "on",
        "since",
        "until",
        "till",
        "by",
        "before",
        "after",
        "during",
        "of",
        "mid",
        "early",
        "late",
        "next",
        "last",
        "this",
    ]
)
"""Words before a month or a day ("in May", "since June"): the calendar word, not a person."""

FR_HOLIDAYS: frozenset[str] = frozenset(
    [
        "noel",
        "paques",
        "toussaint",
        "pentecote",
        "ascension",
        "assomption",
        "epiphanie",
        "chandeleur",
        "ramadan",
        "aid",
        "hanouka",
    ]
)
"""French holidays, which the entity model and the first-name lists take for people ("avant
Noël"); a roster name still counts."""

FR_NOT_BEFORE_NAMES: frozenset[str] = frozenset(
    [
        "logiciel",
        "logiciels",
        "outil",
        "outils",
        "application",
        "appli",
        "plateforme",
        "progiciel",
        "société",
        "societe",
        "entreprise",
        "groupe",
        "marque",
        "enseigne",
        "transporteur",
        "intérim",
        "interim",
        "cabinet",
        "agence",
    ]
)
"""Words after which a capitalised word is a product or a company, not a person ("le
logiciel Sage", "la société Martin")."""

FR_DATE_WORDS: frozenset[str] = frozenset(
    ["avant", "apres", "depuis", "pour", "pendant", "jusqu'a", "fin", "debut", "mi", "d", "de", "a"]
)
"""Words before a French holiday used as a date ("avant Noël", "depuis Pâques")."""
