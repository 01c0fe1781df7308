"""Hand-written phrasings of business commitments, in French and English, with their labels.

Used by make_blind.py to compose the blind corpus. Every phrasing is a function of a random
generator that returns (text, label); the label follows the specification in BLIND.md.
A condition is wrapped in \x01...\x02 so that it survives the typing noise verbatim.
"""

from __future__ import annotations

import random
from collections.abc import Callable

BD = 33.6  # one business day in calendar hours (1.4 calendar days)

FR_NUM = {
    1: "un",
    2: "deux",
    3: "trois",
    4: "quatre",
    5: "cinq",
    6: "six",
    7: "sept",
    8: "huit",
    10: "dix",
    12: "douze",
    15: "quinze",
    20: "vingt",
    24: "vingt-quatre",
    48: "quarante-huit",
}
EN_NUM = {
    1: "one",
    2: "two",
    3: "three",
    4: "four",
    5: "five",
    6: "six",
    7: "seven",
    8: "eight",
    10: "ten",
    12: "twelve",
    15: "fifteen",
    20: "twenty",
    24: "twenty-four",
    48: "forty-eight",
}

Label = dict[str, object]
Phrase = tuple[str, Label]


def num(v: float) -> float | int:
    v = round(v, 2)
    return int(v) if v == int(v) else v


def lab(
    kind: str,
    subject: str,
    value: float | None,
    unit: str | None,
    bound: str = "exact",
    low: float | None = None,
    bd: bool = False,
    neg: bool = False,
) -> Label:
    return {
        "kind": kind,
        "subject": subject,
        "value": None if value is None else num(value),
        "low": None if low is None else num(low),
        "unit": unit,
        "bound": bound,
        "business_days": bd,
        "negated": neg,
        "condition": None,
    }


# A delay phrase: (text, hours, low, bound, business_days)
Delay = tuple[str, float, float | None, str, bool]


def _bh(r: random.Random, n: int, lang: str) -> Delay:
    """Business hours stay hours and are not business days."""
    if lang == "fr":
        forms = [
            (f"{n} heures ouvrées", "exact"),
            (f"sous {n}h ouvrées", "max"),
            (f"{FR_NUM[n]} heures ouvrées", "exact"),
        ]
    else:
        forms = [
            (f"{n} business hours", "exact"),
            (f"within {n} business hours", "max"),
            (f"within {n} working hours", "max"),
        ]
    text, bound = r.choice(forms)
    return text, n, None, bound, False


def fr_delay(r: random.Random, allow_min: bool = False) -> Delay:
    c = r.randrange(17 if allow_min else 16)
    h = r.choice([2, 4, 6, 8, 12, 24, 48, 72])
    d = r.choice([1, 2, 3, 4, 5, 7, 10, 15])
    w = r.choice([1, 2, 3, 4, 6])
    if c == 0:
        return f"sous {h}h", h, None, "max", False
    if c == 1:
        return r.choice([f"en {h}h", f"{h}h", f"en {h} heures"]), h, None, "exact", False
    if c == 2:
        return (
            r.choice([f"{h}h max", f"max {h}h", f"au plus {h}h", f"dans les {h}h"]),
            h,
            None,
            "max",
            False,
        )
    if c == 3:
        return (
            r.choice([f"sous {d} jour{'s' if d > 1 else ''}", f"jusqu'à {d}j", f"{d}j maxi"]),
            d * 24,
            None,
            "max",
            False,
        )
    if c == 4:
        n = r.choice([2, 3, 5, 10])
        return (
            r.choice([f"en {FR_NUM[n]} jours", f"{FR_NUM[n]} jours"]),
            n * 24,
            None,
            "exact",
            False,
        )
    if c == 5:
        return (
            r.choice(
                [
                    f"en {d}j",
                    f"en {d} jour{'s' if d > 1 else ''}",
                    f"{d} jour{'s' if d > 1 else ''}",
                ]
            ),
            d * 24,
            None,
            "exact",
            False,
        )
    if c == 6:
        n = r.choice([2, 3, 5, 10])
        return (
            r.choice(
                [f"{n} jours ouvrés", f"{n}j ouvrés", f"{n} jours ouvrables", f"{n} jrs ouvrés"]
            ),
            n * BD,
            None,
            "exact",
            True,
        )
    if c == 7:
        n = r.choice([2, 3, 5])
        return (
            r.choice(
                [f"sous {n} jours ouvrés", f"max {n}j ouvrés", f"sous {FR_NUM[n]} jours ouvrés"]
            ),
            n * BD,
            None,
            "max",
            True,
        )
    if c == 8:
        return _bh(r, r.choice([2, 4, 8]), "fr")
    if c == 9:
        return r.choice(
            [
                ("une semaine", 168),
                ("1 semaine", 168),
                (f"{w} semaines", w * 168),
                (f"{FR_NUM[w]} semaines", w * 168),
            ]
        ) + (None, "exact", False)
    if c == 10:
        return r.choice(
            [
                (f"sous {w} sem", w * 168),
                (f"sous {FR_NUM[w]} semaines", w * 168),
                ("sous un mois", 720),
                ("max 1 mois", 720),
            ]
        ) + (None, "max", False)
    if c == 11:
        a, b = r.choice([(24, 48), (48, 72), (4, 8), (2, 4)])
        return (
            r.choice([f"{a} à {b}h", f"{a}-{b}h", f"entre {a} et {b}h", f"{a}/{b}h"]),
            b,
            a,
            "max",
            False,
        )
    if c == 12:
        a, b = r.choice([(2, 3), (3, 5), (5, 7), (2, 4)])
        return (
            r.choice([f"{a} à {b} jours", f"{a}-{b}j", f"entre {a} et {b} jours"]),
            b * 24,
            a * 24,
            "max",
            False,
        )
    if c == 13:
        a, b = r.choice([(3, 5), (2, 3), (5, 10)])
        return f"{a} à {b} jours ouvrés", b * BD, a * BD, "max", True
    if c == 14:
        return r.choice(
            [("le jour même", 12), ("le lendemain", 24), ("J+1", 24), ("en un jour", 24)]
        ) + (None, "exact", False)
    if c == 15:
        return r.choice(
            [
                ("le jour même ou le lendemain", 24, 12),
                ("en 24/48h", 48, 24),
                ("J+1 ou J+2", 48, 24),
            ]
        ) + ("max", False)
    return r.choice(
        [
            (f"au moins {d} jour{'s' if d > 1 else ''}", d * 24),
            (f"minimum {w} semaines", w * 168),
            (f"{w} semaines mini", w * 168),
        ]
    ) + (None, "min", False)


def en_delay(r: random.Random, allow_min: bool = False) -> Delay:
    c = r.randrange(16 if allow_min else 15)
    h = r.choice([2, 4, 6, 8, 12, 24, 48, 72])
    d = r.choice([1, 2, 3, 4, 5, 7, 10, 14])
    w = r.choice([1, 2, 3, 4, 6])
    if c == 0:
        return (
            r.choice([f"within {h}h", f"within {h} hours", f"under {h}h", f"in less than {h} hrs"]),
            h,
            None,
            "max",
            False,
        )
    if c == 1:
        return r.choice([f"in {h}h", f"in {h} hours", f"{h}hrs"]), h, None, "exact", False
    if c == 2:
        return (
            r.choice([f"{h}h max", f"max {h}h", f"up to {h} hours", f"no later than {h}h"]),
            h,
            None,
            "max",
            False,
        )
    if c == 3:
        return (
            r.choice(
                [
                    f"within {d} day{'s' if d > 1 else ''}",
                    f"up to {d} day{'s' if d > 1 else ''}",
                    f"{d}d max",
                ]
            ),
            d * 24,
            None,
            "max",
            False,
        )
    if c == 4:
        n = r.choice([2, 3, 5, 10])
        return (
            r.choice([f"in {EN_NUM[n]} days", f"in {n} days", f"{n} days"]),
            n * 24,
            None,
            "exact",
            False,
        )
    if c == 5:
        n = r.choice([2, 3, 5, 10])
        return (
            r.choice(
                [
                    f"{n} business days",
                    f"{n} working days",
                    f"in {EN_NUM[n]} business days",
                    f"{n} biz days",
                ]
            ),
            n * BD,
            None,
            "exact",
            True,
        )
    if c == 6:
        n = r.choice([2, 3, 5])
        return (
            r.choice(
                [f"within {n} business days", f"within {n} working days", f"max {n} business days"]
            ),
            n * BD,
            None,
            "max",
            True,
        )
    if c == 7:
        return _bh(r, r.choice([2, 4, 8]), "en")
    if c == 8:
        return r.choice(
            [
                ("a week", 168),
                ("one week", 168),
                (f"{w} weeks", w * 168),
                (f"in {EN_NUM[w]} weeks", w * 168),
                ("a month", 720),
            ]
        ) + (None, "exact", False)
    if c == 9:
        return r.choice(
            [
                (f"within {w} weeks", w * 168),
                (f"within {EN_NUM[w]} weeks", w * 168),
                ("within a month", 720),
                ("max 1 week", 168),
            ]
        ) + (None, "max", False)
    if c == 10:
        a, b = r.choice([(24, 48), (48, 72), (4, 8), (2, 4)])
        return (
            r.choice([f"{a}-{b}h", f"{a} to {b} hours", f"between {a} and {b}h", f"{a}/{b}h"]),
            b,
            a,
            "max",
            False,
        )
    if c == 11:
        a, b = r.choice([(2, 3), (3, 5), (5, 7), (2, 4)])
        return (
            r.choice([f"{a}-{b} days", f"{a} to {b} days", f"between {a} and {b} days"]),
            b * 24,
            a * 24,
            "max",
            False,
        )
    if c == 12:
        a, b = r.choice([(3, 5), (2, 3), (5, 10)])
        return (
            r.choice([f"{a}-{b} business days", f"{a} to {b} working days"]),
            b * BD,
            a * BD,
            "max",
            True,
        )
    if c == 13:
        return r.choice(
            [("same day", 12), ("next day", 24), ("the next day", 24), ("in one day", 24)]
        ) + (None, "exact", False)
    if c == 14:
        return r.choice(
            [
                ("same day or next day", 24, 12),
                ("in 24/48h", 48, 24),
                ("next day or the day after", 48, 24),
            ]
        ) + ("max", False)
    return r.choice(
        [
            (f"at least {d} day{'s' if d > 1 else ''}", d * 24),
            (f"minimum {w} weeks", w * 168),
            (f"{w} weeks min", w * 168),
        ]
    ) + (None, "min", False)


def en_delay_adj(r: random.Random) -> Delay:
    """English adjective forms, placed before the noun ("two-day delivery")."""
    c = r.randrange(6)
    if c == 0:
        n = r.choice([2, 3, 5])
        return f"{EN_NUM[n]}-day", n * 24, None, "exact", False
    if c == 1:
        n = r.choice([4, 24, 48, 72])
        return r.choice([f"{n}-hour", f"{n}h"]), n, None, "exact", False
    if c == 2:
        n = r.choice([1, 2, 3, 6])
        return f"{EN_NUM[n]}-week", n * 168, None, "exact", False
    if c == 3:
        return r.choice([("next-day", 24), ("same-day", 12)]) + (None, "exact", False)
    if c == 4:
        n = r.choice([3, 5])
        return f"{n}-business-day", n * BD, None, "exact", True
    n = r.choice([2, 4])
    return f"{n}-business-hour", n, None, "exact", False


# Where a delay phrase goes, per subject: (templates, roles). {d} is the delay phrase.
DELAY_TEMPLATES: dict[str, dict[str, list[str]]] = {
    "fr": {
        "delivery": [
            "livraison {d}",
            "on livre {d}",
            "livré {d}",
            "expé {d}",
            "les colis partent {d}",
            "livraison client {d} c la promesse",
            "livrer {d} pas plus",
            "livraison chez le client {d}",
        ],
        "production": [
            "délai de fab {d}",
            "prod {d}",
            "fabrication {d}",
            "on fabrique {d}",
            "délai de production {d}",
            "lancement en fab et sortie {d}",
        ],
        "response": [
            "réponse client {d}",
            "rappeler le client {d}",
            "devis envoyé {d}",
            "on rappelle {d}",
            "répondre aux mails {d}",
            "un devis c {d}",
            "réponse aux demandes {d}",
        ],
        "resolution": [
            "ticket résolu {d}",
            "réparation {d}",
            "réclamation clôturée {d}",
            "panne réglée {d}",
            "litiges traités {d}",
            "résolution des incidents {d}",
        ],
        "order_confirmation": [
            "confirmation de commande {d}",
            "AR de commande {d}",
            "accusé de réception des cdes {d}",
            "on confirme les commandes {d}",
            "cde confirmée au client {d}",
        ],
        "availability": [
            "réassort {d}",
            "réappro {d}",
            "remise en stock {d}",
            "retour en stock {d}",
        ],
    },
    "en": {
        "delivery": [
            "delivery {d}",
            "we deliver {d}",
            "we ship {d}",
            "orders shipped {d}",
            "customer gets the parcel {d}",
            "deliver {d} no matter what",
        ],
        "production": [
            "production lead time {d}",
            "manufacturing {d}",
            "we produce {d}",
            "lead time {d}",
            "build and ship out of the plant {d}",
        ],
        "response": [
            "reply to customers {d}",
            "call back {d}",
            "quotes sent {d}",
            "answer emails {d}",
            "first response {d}",
            "get back to the client {d}",
        ],
        "resolution": [
            "tickets solved {d}",
            "repair {d}",
            "claims closed {d}",
            "fix the issue {d}",
            "incidents resolved {d}",
        ],
        "order_confirmation": [
            "order confirmation {d}",
            "acknowledge every order {d}",
            "orders confirmed {d}",
            "PO acknowledgment {d}",
            "confirm the order to the customer {d}",
        ],
        "availability": [
            "restock {d}",
            "back in stock {d}",
            "replenishment {d}",
            "out of stock items back {d}",
        ],
    },
}
ADJ_TEMPLATES = {
    "delivery": ["{d} delivery", "{d} shipping"],
    "production": ["{d} lead time", "{d} production"],
    "response": ["{d} response time", "{d} turnaround on quotes"],
    "resolution": ["{d} resolution", "{d} repair turnaround"],
    "order_confirmation": ["{d} order confirmation"],
    "availability": ["{d} restock"],
}
ROLES = {
    "delivery": ["logistics", "sales", "logistics", "management"],
    "production": ["production", "production", "sales"],
    "response": ["sales", "support", "sales_admin"],
    "resolution": ["support", "support", "management"],
    "order_confirmation": ["sales_admin", "sales_admin", "sales"],
    "availability": ["logistics", "sales", "production"],
    "discount": ["sales", "management", "marketing"],
    "price": ["sales", "marketing", "management"],
    "warranty": ["support", "marketing", "sales"],
    "minimum_order": ["sales_admin", "sales", "logistics"],
}
CONDITIONS = {
    "fr": {
        "delivery": [
            "sauf rupture",
            "si commande avant 14h",
            "hors période de fêtes",
            "sauf rupture fournisseur",
            "hors Corse et DOM",
        ],
        "production": ["hors sur-mesure", "sauf rupture matière"],
        "response": ["sauf week-end", "hors appels d'offres"],
        "resolution": ["sauf pièce à commander", "hors intervention sur site"],
        "order_confirmation": ["si commande avant 12h", "hors commandes spéciales"],
        "availability": ["sauf rupture fournisseur", "hors saisonnier"],
        "discount": [
            "sans validation du chef",
            "sans accord de la direction",
            "sauf grands comptes",
            "hors promo",
        ],
        "warranty": ["sauf pièces d'usure", "hors consommables"],
        "warranty_neg": ["hors contrat", "si mauvaise utilisation", "sans facture"],
    },
    "en": {
        "delivery": [
            "if ordered before 2pm",
            "unless out of stock",
            "except during holidays",
            "for in-stock items",
        ],
        "production": ["except custom orders", "unless materials are short"],
        "response": ["except weekends", "for key accounts"],
        "resolution": ["unless parts must be ordered", "except on-site repairs"],
        "order_confirmation": ["if ordered before noon", "except special orders"],
        "availability": ["unless the supplier is out", "except seasonal items"],
        "discount": [
            "unless approved",
            "without manager approval",
            "except key accounts",
            "unless the VP signs off",
        ],
        "warranty": ["except wear parts", "excluding consumables"],
        "warranty_neg": ["unless registered", "if misused", "without a receipt"],
    },
}


PLAUSIBLE = {
    "delivery": (12, 720),
    "production": (24, 1500),
    "response": (1, 340),
    "resolution": (2, 720),
    "order_confirmation": (1, 170),
    "availability": (12, 1500),
}


def cond(lang: str, subject: str, r: random.Random) -> str:
    return "\x01" + r.choice(CONDITIONS[lang][subject]) + "\x02"


def delay_phrase(lang: str, subject: str, r: random.Random) -> Phrase:
    allow_min = subject == "production"
    if lang == "en" and subject in ADJ_TEMPLATES and r.random() < 0.3:
        text, h, low, bound, bd = en_delay_adj(r)
        while not PLAUSIBLE[subject][0] <= h <= PLAUSIBLE[subject][1]:
            text, h, low, bound, bd = en_delay_adj(r)
        tpl = r.choice(ADJ_TEMPLATES[subject])
    else:
        lo, hi = PLAUSIBLE[subject]
        text, h, low, bound, bd = (fr_delay if lang == "fr" else en_delay)(r, allow_min)
        while not lo <= h <= hi:
            text, h, low, bound, bd = (fr_delay if lang == "fr" else en_delay)(r, allow_min)
        tpl = r.choice(DELAY_TEMPLATES[lang][subject])
    out = tpl.format(d=text)
    lb = lab("delay", subject, h, "h", bound, low, bd)
    if r.random() < 0.22:
        c = cond(lang, subject, r)
        out = f"{out} {c}" if r.random() < 0.7 else f"{c}, {out}"
    return out, lb


def availability_pct(lang: str, r: random.Random) -> Phrase:
    p = r.choice([90, 95, 97, 98, 99])
    if lang == "fr":
        text, bound = r.choice(
            [
                (f"{p}% des refs en stock", "exact"),
                (f"taux de dispo {p}% mini", "min"),
                (f"au moins {p}% de dispo stock", "min"),
                (f"dispo stock {p} %", "exact"),
                (f"{p}% du catalogue dispo en permanence", "exact"),
            ]
        )
    else:
        text, bound = r.choice(
            [
                (f"{p}% of items in stock", "exact"),
                (f"at least {p}% availability", "min"),
                (f"stock availability {p}%", "exact"),
                (f"min {p}% of SKUs on the shelf", "min"),
            ]
        )
    return text, lab("percent", "availability", p, "%", bound)


def discount(lang: str, r: random.Random) -> Phrase:
    p = r.choice([5, 10, 12, 15, 20])
    w = r.choice([5, 10, 15, 20])
    c = r.randrange(5)
    if c == 4:  # negated
        text = r.choice(
            ["pas de remise", "aucune remise", "jamais de remise", "zero remise"]
            if lang == "fr"
            else ["no discount", "never discount", "no discounts", "zero discount"]
        )
        lb = lab("discount", "discount", None, None, neg=True)
    elif c == 3:
        e = r.choice([20, 50, 100])
        text = r.choice(
            [f"remise de {e}€ sur la 1ère commande", f"{e} euros de remise max"]
            if lang == "fr"
            else [f"€{e} off the first order", f"{e} EUR discount max"]
        )
        lb = lab("discount", "discount", e, "EUR", "max" if "max" in text else "exact")
    elif c == 2:
        text = (
            f"{FR_NUM[w]} pour cent de remise max"
            if lang == "fr"
            else f"{EN_NUM[w]} percent off max"
        )
        lb = lab("discount", "discount", w, "%", "max")
    elif c == 1:
        text = r.choice(
            [f"remise de {p}%", f"-{p}% pour les fidèles", f"on fait {p} % de remise"]
            if lang == "fr"
            else [f"{p}% discount", f"{p}% off for repeat customers", f"a {p}% rebate"]
        )
        lb = lab("discount", "discount", p, "%", "exact")
    else:
        text = r.choice(
            [
                f"remise max {p}%",
                f"jusqu'à {p}% de remise",
                f"pas plus de {p}% de remise",
                f"{p}% de remise au plus",
            ]
            if lang == "fr"
            else [
                f"up to {p}% off",
                f"max {p}% discount",
                f"discount capped at {p}%",
                f"no more than {p}% off",
            ]
        )
        lb = lab("discount", "discount", p, "%", "max")
    if r.random() < 0.35:
        text = f"{text} {cond(lang, 'discount', r)}"
    return text, lb


def price(lang: str, r: random.Random) -> Phrase:
    c = r.randrange(5)
    if lang == "fr":
        forms = [
            (f"prix public {r.choice([49, 99, 149, 290])}€ HT", None, "exact"),
            ("1,5k€ l'installation", 1500, "exact"),
            ("1 290 € le pack", 1290, "exact"),
            (f"à partir de {r.choice([39, 59, 990])}€", None, "min"),
            (f"jamais en dessous de {r.choice([800, 900])}€ le m2", None, "min"),
        ]
        cur = "EUR"
    else:
        forms = [
            (f"list price ${r.choice([49, 99, 149, 499])}", None, "exact"),
            ("$1.2k per seat", 1200, "exact"),
            ("1,290 USD per unit", 1290, "exact"),
            (f"starting at ${r.choice([39, 59, 990])}", None, "min"),
            (f"never sell below {r.choice([800, 900])} EUR", None, "min"),
        ]
    text, v, bound = forms[c]
    if v is None:
        v = (
            float(text.split("$")[-1].split()[0])
            if "$" in text
            else float([t for t in text.replace("€", " ").split() if t.isdigit()][-1])
        )
    cur = "USD" if ("$" in text or "USD" in text) else "EUR"
    return text, lab("price", "price", v, cur, bound)


def warranty(lang: str, r: random.Random) -> Phrase:
    y = r.choice([1, 2, 3, 5])
    m = r.choice([6, 12, 18, 24, 36])
    c = r.randrange(6)
    if c == 5:
        text = r.choice(
            ["pas de garantie", "aucune garantie", "jamais de garantie"]
            if lang == "fr"
            else ["no warranty", "never any guarantee"]
        )
        return f"{text} {cond(lang, 'warranty_neg', r)}", lab(
            "warranty", "warranty", None, None, neg=True
        )
    if lang == "fr":
        forms = [
            (f"garantie {y} ans" if y > 1 else "garantie 1 an", y * 12, "exact"),
            (f"garantie {m} mois", m, "exact"),
            (f"{y}an{'s' if y > 1 else ''} de garantie", y * 12, "exact"),
            (
                f"garantie {FR_NUM[y]} ans pièces et MO"
                if y > 1
                else "garantie un an pièces et MO",
                y * 12,
                "exact",
            ),
            (f"garantie mini {y} an{'s' if y > 1 else ''}", y * 12, "min"),
        ]
    else:
        forms = [
            (f"{EN_NUM[y]}-year warranty", y * 12, "exact"),
            (f"{m} months warranty", m, "exact"),
            (f"{y} yr guarantee", y * 12, "exact"),
            (f"a {EN_NUM[y]}-year guarantee", y * 12, "exact"),
            (f"at least {y} year{'s' if y > 1 else ''} warranty", y * 12, "min"),
        ]
    text, v, bound = forms[c]
    lb = lab("warranty", "warranty", v, "months", bound)
    if r.random() < 0.15:
        text = f"{text} {cond(lang, 'warranty', r)}"
    return text, lb


def minimum_order(lang: str, r: random.Random) -> Phrase:
    e = r.choice([150, 300, 500, 1000])
    q = r.choice([10, 50, 100, 500])
    if lang == "fr":
        forms = [
            (f"minimum de commande {e}€", e, "EUR"),
            (f"MOQ {q} pcs", q, "pcs"),
            ("commande mini 1 palette", 1, "pallet"),
            (f"au moins {r.choice([5, 10])} cartons", None, "box"),
            (f"pas de cde en dessous de {e} €", e, "EUR"),
            (f"min {q} pièces par commande", q, "pcs"),
        ]
    else:
        forms = [
            (f"minimum order €{e}", e, "EUR"),
            (f"MOQ {q} pcs", q, "pcs"),
            ("at least one pallet per order", 1, "pallet"),
            (f"min {r.choice([5, 10])} boxes per order", None, "box"),
            (f"no orders under {e} euros", e, "EUR"),
            (f"minimum order value {e} EUR", e, "EUR"),
        ]
    text, v, unit = r.choice(forms)
    if v is None:
        v = int([t for t in text.split() if t.isdigit()][0])
    return text, lab("quantity", "minimum_order", v, unit, "min")


def commitment(lang: str, subject: str, r: random.Random) -> Phrase:
    if subject == "availability" and r.random() < 0.4:
        return availability_pct(lang, r)
    if subject in DELAY_TEMPLATES[lang]:
        return delay_phrase(lang, subject, r)
    make: dict[str, Callable[[str, random.Random], Phrase]] = {
        "discount": discount,
        "price": price,
        "warranty": warranty,
        "minimum_order": minimum_order,
    }
    return make[subject](lang, r)
