"""Hand-written material for the blind corpus: statements with no commitment, and the 60
contradiction cases (which unit says what, and whether the two units truly contradict)."""

from __future__ import annotations

import random

from blind_phrases import DELAY_TEMPLATES

FILLERS = {
    "fr": [
        "la qualité avant tout",
        "zéro erreur de prépa",
        "être à l'écoute du client",
        "respecter le client toujours",
        "ne jamais mentir au client",
        "hotline 24h/24",
        "ouvert 7j/7",
        "on est joignables de 9h à 18h",
        "réunion d'équipe tous les lundis à 9h",
        "appel d'offres en cours, tt le monde sur le pont",
        "on a perdu l'appel d'offres de la région faut se remettre en question",
        "le client est roi",
        "sourire au tel meme qd c dur",
        "pas de colis abîmé",
        "des devis propres et lisibles",
        "rdv client toujours préparé",
        "faire ce qu'on dit, dire ce qu'on fait",
        "la sécurité d'abord",
        "tel urgences 01 23 45 67 89",
        "inventaire le 15 janvier tt le monde présent",
        "on a 2 entrepôts et 40 camions",
        "l'esprit d'équipe",
        "rester humble",
        "honnêteté sur les délais",
        "pas de promesse qu'on tient pas",
        "tenir les engagements",
        "la satisfaction client",
        "bien remplir le CRM",
        "répondre poliment même aux râleurs",
        "pas d'erreur de facturation",
        "l'innovation produit",
        "je sais pas trop",
        "rien de spécial",
        "c'est flou pr moi",
        "on manque de monde en ce moment",
        "communiquer entre services svp",
        "écouter le terrain",
        "le standard ferme à 17h30 le vendredi",
        "passer en caisse avant 12h",
        "la ponctualité des chauffeurs",
        "propreté de l'atelier",
        "suivre les process qualité ISO 9001",
        "ne pas laisser un client sans nouvelles",
        "transparence sur les prix",
        "bienveillance",
        "accueil chaleureux au showroom ouvert du lundi au samedi",
        "le salon a lieu le 12 mars",
        "former les nouveaux",
        "moins de paperasse",
        "réduire la casse en entrepôt",
    ],
    "en": [
        "quality first",
        "be kind to customers",
        "zero picking errors",
        "always listen to the client",
        "never lie to a customer",
        "hotline 24/7",
        "open 7 days a week",
        "we're open 9-5",
        "team meeting every monday at 9am",
        "big tender coming up, all hands on deck",
        "we lost the city tender, need to rethink",
        "the customer is king",
        "smile on the phone even when it's hard",
        "no damaged parcels",
        "clean and readable quotes",
        "always prepare client meetings",
        "do what we say, say what we do",
        "safety first",
        "emergency line 555-0142",
        "stock count on jan 15, everyone in",
        "we have 2 warehouses and 40 trucks",
        "team spirit",
        "stay humble",
        "be honest about lead times",
        "don't promise what we can't keep",
        "keep our word",
        "customer satisfaction",
        "fill in the CRM properly",
        "be polite even with angry callers",
        "no billing mistakes",
        "product innovation",
        "not sure tbh",
        "nothing special",
        "honestly it's unclear to me",
        "we're understaffed rn",
        "talk to each other between teams pls",
        "listen to the field",
        "switchboard closes at 5:30pm on fridays",
        "drivers on time",
        "keep the workshop clean",
        "follow the ISO 9001 process",
        "never leave a customer without news",
        "transparent pricing",
        "kindness",
        "warm welcome in the showroom, open mon-sat",
        "trade show is on march 12",
        "train the new hires",
        "less paperwork",
        "cut breakage in the warehouse",
        "ownership",
    ],
}

W = {
    "fr": {
        "24h": ["sous 24h", "en 24 heures", "J+1", "le lendemain", "24h max"],
        "48h": ["sous 48h", "en 2 jours", "en deux jours", "48 heures max", "48h"],
        "48h_h": ["sous 48h", "48h max", "en 48 heures", "48h"],
        "2d": ["en 2 jours", "en deux jours", "2j", "sous 2 jours"],
        "72h": ["72h", "sous 72h", "en 72 heures", "72h max"],
        "48-72h": ["48 à 72h", "entre 48 et 72h", "48/72h", "en 48-72h"],
        "5bd": ["5 jours ouvrés", "5j ouvrés", "en cinq jours ouvrables", "sous 5 jours ouvrés"],
        "3-5d": ["3 à 5 jours", "3-5j", "entre 3 et 5 jours"],
        "1w": ["une semaine", "1 semaine", "sous une semaine", "en une semaine"],
        "7d": ["7 jours", "en 7j", "sous 7 jours", "en sept jours"],
        "3w": ["3 semaines", "trois semaines", "sous 3 sem", "en 3 semaines"],
        "21d": ["21 jours", "en 21j", "vingt et un jours"],
        "6w": ["6 semaines", "six semaines", "en 6 sem", "42 jours"],
        "4h": ["sous 4h", "en 4 heures", "dans les 4h", "4h max"],
        "2h": ["sous 2h", "en 2 heures", "dans les 2h", "2h max"],
        "10d": ["10 jours", "sous 10j", "en dix jours"],
        "same_next": ["le jour même ou le lendemain", "J ou J+1", "jour même ou lendemain"],
        "disc_neg_cond": [
            "pas de remise sans validation du chef",
            "aucune remise sans accord de la direction",
            "jamais de remise sans l'ok du n+1",
            "pas de remise sans validation",
        ],
        "disc_15max": [
            "15% max de remise",
            "remise jusqu'à 15%",
            "quinze pour cent de remise max",
            "on peut aller jusqu'à -15%",
        ],
        "disc_neg": [
            "pas de remise",
            "aucune remise jamais",
            "zero remise",
            "on ne fait pas de remise",
        ],
        "disc_10max_cond": [
            "remise max 10% sauf accord direction",
            "10% de remise au plus sauf validation DG",
            "pas plus de 10% sauf accord de la direction",
        ],
        "disc_20": [
            "20% de remise",
            "jusqu'à 20% de remise",
            "remise 20% max",
            "vingt pour cent de remise",
        ],
        "war_2y": [
            "garantie 2 ans",
            "2ans de garantie",
            "garantie deux ans pièces et MO",
            "2 ans garantis",
        ],
        "war_24m": ["garantie 24 mois", "24 mois de garantie", "garantie de 24 mois"],
        "war_5y": ["garantie 5 ans", "5 ans de garantie", "garantie cinq ans"],
        "war_1y": ["garantie 1 an", "un an de garantie", "12 mois de garantie"],
        "price_49": ["abonnement 49€/mois", "49€ par mois", "le prix c 49€ HT par mois"],
        "price_59": ["59€/mois", "abonnement à 59€ par mois", "prix 59€ HT mensuel"],
        "moq_500": [
            "minimum de commande 500€",
            "pas de cde en dessous de 500€",
            "commande mini 500 €",
        ],
        "moq_1000": [
            "minimum 1000€ par commande",
            "commande mini 1000€",
            "pas de commande sous 1 000€",
        ],
        "avail_98": ["98% des refs en stock", "taux de dispo 98%", "98% de dispo stock"],
        "avail_90": ["90% des refs en stock", "dispo 90%", "taux de dispo 90% c l'objectif"],
    },
    "en": {
        "24h": ["within 24h", "in 24 hours", "next day", "24h max", "by the next day"],
        "48h": ["within 48h", "in 2 days", "48 hours max", "in two days", "within 48 hours"],
        "48h_h": ["within 48h", "48h max", "in 48 hours", "48hrs"],
        "2d": ["in 2 days", "in two days", "within 2 days", "2 days max"],
        "72h": ["72h", "within 72h", "in 72 hours", "72 hrs max"],
        "48-72h": ["48-72h", "between 48 and 72 hours", "48 to 72h", "in 48/72h"],
        "5bd": ["5 business days", "within 5 working days", "in five business days", "5 biz days"],
        "3-5d": ["3-5 days", "3 to 5 days", "between 3 and 5 days"],
        "1w": ["a week", "within a week", "in one week", "1 week max"],
        "7d": ["7 days", "in seven days", "within 7 days", "7d"],
        "3w": ["3 weeks", "three weeks", "within 3 weeks", "in three weeks"],
        "21d": ["21 days", "in 21 days", "twenty-one days"],
        "6w": ["6 weeks", "six weeks", "in 6 wks", "42 days"],
        "4h": ["within 4h", "in 4 hours", "under 4 hours", "4h max"],
        "2h": ["within 2h", "in 2 hours", "under two hours", "2h max"],
        "10d": ["10 days", "within 10 days", "in ten days"],
        "same_next": ["same day or next day", "same or next day", "same day, next day at worst"],
        "disc_neg_cond": [
            "no discount without manager approval",
            "no discounts unless approved",
            "never discount unless the VP signs off",
            "no discount without approval",
        ],
        "disc_15max": [
            "up to 15% off",
            "15% discount max",
            "fifteen percent off max",
            "discount capped at 15%",
        ],
        "disc_neg": ["no discount", "never discount", "zero discount", "we don't do discounts"],
        "disc_10max_cond": [
            "max 10% off unless approved",
            "no more than 10% discount unless the director agrees",
            "10% max discount except with management approval",
        ],
        "disc_20": ["20% off", "up to 20% discount", "twenty percent off", "20% discount max"],
        "war_2y": [
            "2-year warranty",
            "two-year warranty",
            "2 yr guarantee",
            "a two-year guarantee",
        ],
        "war_24m": ["24 months warranty", "24-month warranty", "warranty of 24 months"],
        "war_5y": ["5-year warranty", "five-year guarantee", "5 yr warranty"],
        "war_1y": ["one-year warranty", "1 yr warranty", "12 months warranty"],
        "price_49": ["$49 a month", "49 USD per month", "subscription is $49/mo"],
        "price_59": ["$59/month", "59 dollars a month", "subscription at $59 per month"],
        "moq_500": ["minimum order €500", "no orders under 500 euros", "min order value 500 EUR"],
        "moq_1000": ["minimum order €1,000", "min order 1000 euros", "no orders below €1000"],
        "avail_98": ["98% of items in stock", "98% availability", "stock availability 98%"],
        "avail_90": ["90% of items in stock", "90% availability", "stock availability target 90%"],
    },
}
OTHER = {  # how a unit talks about a non-delay subject, before the wording
    "fr": {
        "discount": ["", "", "remise: ", "côté remise "],
        "warranty": ["", "", "pr moi "],
        "price": ["", "tarif: "],
        "minimum_order": ["", "ADV: "],
        "availability": ["", "stock: "],
    },
    "en": {
        "discount": ["", "", "discounts: "],
        "warranty": ["", "", "warranty: "],
        "price": ["", "pricing: "],
        "minimum_order": ["", ""],
        "availability": ["", "stock: "],
    },
}

# (lang, {unit: [(subject, wording key), ...]}, flags)
SPEC = [
    ("VTE", [("delivery", "48h")], "LOG", [("delivery", "5bd")], [["delay", "delivery"]]),
    ("SAV", [("warranty", "war_2y")], "MKT", [("warranty", "war_5y")], [["warranty", "warranty"]]),
    (
        "VTE",
        [("discount", "disc_20")],
        "DIR",
        [("discount", "disc_neg")],
        [["discount", "discount"]],
    ),
    ("VTE", [("response", "4h")], "SAV", [("response", "48h")], [["delay", "response"]]),
    ("SAV", [("resolution", "24h")], "VTE", [("resolution", "10d")], [["delay", "resolution"]]),
    ("PROD", [("production", "6w")], "VTE", [("production", "3w")], [["delay", "production"]]),
    (
        "ADV",
        [("order_confirmation", "2h")],
        "VTE",
        [("order_confirmation", "48h")],
        [["delay", "order_confirmation"]],
    ),
    (
        "LOG",
        [("availability", "avail_98")],
        "VTE",
        [("availability", "avail_90")],
        [["percent", "availability"]],
    ),
    ("MKT", [("price", "price_49")], "VTE", [("price", "price_59")], [["price", "price"]]),
    (
        "ADV",
        [("minimum_order", "moq_500")],
        "VTE",
        [("minimum_order", "moq_1000")],
        [["quantity", "minimum_order"]],
    ),
    ("VTE", [("delivery", "24h")], "LOG", [("delivery", "3-5d")], [["delay", "delivery"]]),
    ("LOG", [("delivery", "same_next")], "VTE", [("delivery", "1w")], [["delay", "delivery"]]),
    ("SAV", [("warranty", "war_1y")], "VTE", [("warranty", "war_5y")], [["warranty", "warranty"]]),
    (
        "DIR",
        [("discount", "disc_neg")],
        "MKT",
        [("discount", "disc_15max")],
        [["discount", "discount"]],
    ),
    ("VTE", [("response", "2h")], "ADV", [("response", "48h")], [["delay", "response"]]),
    ("PROD", [("production", "3w")], "VTE", [("production", "1w")], [["delay", "production"]]),
    (
        "VTE",
        [("delivery", "48h"), ("warranty", "war_2y")],
        "LOG",
        [("delivery", "5bd"), ("warranty", "war_5y")],
        [["delay", "delivery"], ["warranty", "warranty"]],
    ),
    (
        "VTE",
        [("delivery", "24h"), ("discount", "disc_15max")],
        "LOG",
        [("delivery", "1w")],
        [["delay", "delivery"]],
    ),
    (
        "VTE",
        [("warranty", "war_2y"), ("discount", "disc_15max")],
        "SAV",
        [("warranty", "war_5y"), ("discount", "disc_neg_cond")],
        [["warranty", "warranty"]],
    ),
    (
        "LOG",
        [("availability", "48h")],
        "VTE",
        [("availability", "3w")],
        [["delay", "availability"]],
    ),
    # no true contradiction below
    ("VTE", [("delivery", "48h_h")], "LOG", [("delivery", "2d")], []),
    ("SAV", [("warranty", "war_2y")], "MKT", [("warranty", "war_24m")], []),
    ("VTE", [("discount", "disc_15max")], "DIR", [("discount", "disc_neg_cond")], []),
    ("LOG", [("delivery", "48-72h")], "VTE", [("delivery", "72h")], []),
    ("VTE", [("response", "4h")], "LOG", [("delivery", "48h")], []),
    ("LOG", [("delivery", "same_next")], "VTE", [("delivery", "24h")], []),
    ("VTE", [("delivery", "1w")], "LOG", [("delivery", "7d")], []),
    ("ADV", [("order_confirmation", "24h")], "SAV", [("resolution", "24h")], []),
    ("DIR", [("discount", "disc_10max_cond")], "VTE", [("discount", "disc_20")], []),
    ("PROD", [("production", "3w")], "VTE", [("production", "21d")], []),
]
EN_UNITS = {
    "VTE": "SAL",
    "LOG": "LOG",
    "SAV": "SUP",
    "MKT": "MKT",
    "DIR": "MGT",
    "ADV": "ADM",
    "PROD": "PRD",
}
# English cases swap a few wordings so that the two languages do not mirror each other exactly.
EN_SWAP = {
    11: ("LOG", [("delivery", "5bd")], "SAL", [("delivery", "1w")], []),
    19: ("SAL", [("delivery", "48h")], "LOG", [("delivery", "6w")], [["delay", "delivery"]]),
}


def _statement(lang: str, subject: str, key: str, i: int, r: random.Random) -> str:
    wording = W[lang][key][i % len(W[lang][key])]
    if subject in DELAY_TEMPLATES[lang] and not key.startswith("avail_"):
        return r.choice(DELAY_TEMPLATES[lang][subject]).format(d=wording)
    return r.choice(OTHER[lang][subject]) + wording


def _unit(lang: str, says: list[tuple[str, str]], r: random.Random) -> list[str]:
    n_version = r.choice([3, 4, 4])
    out = []
    start = r.randrange(4)
    for i in range(n_version):
        subject, key = says[i % len(says)]
        out.append(_statement(lang, subject, key, start + i, r))
    out += r.sample(FILLERS[lang], 5 - n_version)
    r.shuffle(out)
    return out


def _cases() -> list[dict[str, object]]:
    r = random.Random(7)
    cases: list[dict[str, object]] = []
    for lang in ("fr", "en"):
        order = list(range(len(SPEC)))
        r.shuffle(order)  # interleave true and false contradictions over the ids
        for idx in order:
            ua, sa, ub, sb, flags = SPEC[idx]
            if lang == "en":
                ua, ub = EN_UNITS[ua], EN_UNITS[ub]
                if idx in EN_SWAP:
                    ua, sa, ub, sb, flags = EN_SWAP[idx]
            units = {ua: _unit(lang, sa, r), ub: _unit(lang, sb, r)}
            cases.append({"lang": lang, "units": units, "flags": flags, "why": idx})
    return cases


CASES = _cases()
