"""Word lists and patterns behind commitment extraction, on folded text (lower case, no accents).

Kept apart from the extraction logic so that a reader can add a word without reading code.
"""

from __future__ import annotations

import re

__all__ = [
    "NUMBER_WORDS",
    "NUM",
    "DURATION_UNITS",
    "HOURS_PER",
    "SUBJECT_CUES",
    "NEGATION",
    "MAX_CUES",
    "NO_FLIP",
    "FILLER",
    "POST_NEGATION",
    "REFERENCE",
    "CLOCK",
    "MIN_CUES",
    "QUANTITY_UNITS",
    "FIXED_DELAYS",
]

NUMBER_WORDS: dict[str, float] = {
    # French
    "un": 1,
    "une": 1,
    "deux": 2,
    "trois": 3,
    "quatre": 4,
    "cinq": 5,
    "six": 6,
    "sept": 7,
    "huit": 8,
    "neuf": 9,
    "dix": 10,
    "onze": 11,
    "douze": 12,
    "quinze": 15,
    "vingt": 20,
    "trente": 30,
    "quarante": 40,
    "quarante-huit": 48,
    "quarante huit": 48,
    "soixante": 60,
    "soixante-douze": 72,
    "soixante douze": 72,
    "cent": 100,
    "mille": 1000,
    # English
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "twelve": 12,
    "fifteen": 15,
    "twenty": 20,
    "thirty": 30,
    "forty-eight": 48,
    "forty eight": 48,
    "seventy-two": 72,
    "hundred": 100,
    "a hundred": 100,
}
_WORDS = "|".join(sorted((re.escape(w) for w in NUMBER_WORDS), key=len, reverse=True))
# An English article counts as one only right before an English duration word ("a week").
_ARTICLE = r"an?(?=\s+(?:hour|day|business|working|week|month|year))"
NUM = rf"(?:\d+(?:[.,]\d+)?|(?<![\w-])(?:{_WORDS}|{_ARTICLE})(?![\w-]))"

# unit pattern → canonical unit; the order matters (longest and most specific first).
DURATION_UNITS: list[tuple[str, str]] = [
    (
        r"(?:j|jr|jrs|jour|jours|d|day|days)\s*(?:ouvres?|ouvrables?|ouvr|ouv|ouvre|o)(?![a-z])",
        "bday",
    ),
    (r"(?:business|working|work)[\s-]*days?", "bday"),
    (
        r"(?:heures?|h|hours?|hrs?)\s*(?:ouvrees?|ouvrables?|ouvres?)(?![a-z])|(?:business|working|office)[\s-]*(?:hours?|hrs?)",
        "bhour",
    ),
    (r"jo(?![a-z])", "bday"),
    (r"(?:heures?|hours?|hrs?|hres?|h)(?![a-z])", "hour"),
    (r"(?:minutes?|mins?|mn)(?![a-z])", "minute"),
    (r"(?:jours?|jrs?|days?|j|d)(?![a-z])", "day"),
    (r"(?:semaines?|sem|weeks?|wks?)(?![a-z])", "week"),
    (r"(?:mois|months?)(?![a-z])", "month"),
    (r"(?:ans|an|annees?|years?|yrs?)(?![a-z])", "year"),
]
BUSINESS_DAY_CALENDAR = 1.4  # 7 calendar days for 5 working days
HOURS_PER: dict[str, float] = {
    "minute": 1 / 60,
    "hour": 1.0,
    "bhour": BUSINESS_DAY_CALENDAR,
    "day": 24.0,
    "bday": 24.0 * BUSINESS_DAY_CALENDAR,
    "week": 168.0,
    "month": 720.0,
    "year": 8760.0,
}
MONTHS_PER: dict[str, float] = {
    "day": 1 / 30,
    "bday": BUSINESS_DAY_CALENDAR / 30,
    "week": 7 / 30,
    "month": 1.0,
    "year": 12.0,
}

# Fixed expressions: pattern → (hours, bound).
FIXED_DELAYS: list[tuple[str, float, str]] = [
    (r"sous\s+huitaine|dans\s+la\s+huitaine|sous\s+8aine", 192.0, "max"),
    (r"sous\s+quinzaine|dans\s+la\s+quinzaine", 360.0, "max"),
    (r"(?:le\s+)?lendemain|next[\s-]day|(?<![\w+])(?:j|d)\s*\+\s*1(?!\d)", 24.0, "exact"),
    (r"(?:dans|ds)\s+l'heure|within\s+the\s+hour", 1.0, "max"),
    (r"jour\s+meme|same[\s-]day|dans\s+la\s+journee", 12.0, "exact"),
]
J_PLUS = r"(?<![\w+])(?:j|d)\s*\+\s*(\d+)(?!\d)"

SUBJECT_CUES: dict[str, str] = {
    "delivery": r"logisti\w*|livr\w*|liv|expedi\w*|expe|exped|envoi\w*|envoy\w*|depart|dispatch\w*|ship\w*|deliver\w*|transport\w*|colis|franco|lead[\s-]?times?|dlv|delai\s+de\s+livraison",
    "response": r"repon\w*|repond\w*|rep|rappel\w*|recontact\w*|reactiv\w*|reactif|retour\s+client|tickets?|prise\s+en\s+charge|devis|repl\w*|respon\w*|respond\w*|answer\w*|call[\s-]?backs?|call\s+(?:them\s+)?back|get\s+back|quotes?|hotline|interventions?|intervenir|depannage|resolu\w*|resolv\w*|mails?|e-?mails?|appels?|calls?|traite\w*|traitement|trait",
    "discount": r"remises?|rabais|ristournes?|reducs?|reductions?|promos?|discount\w*|gestes?\s+commerci\w*|escomptes?|off(?![a-z])",
    "warranty": r"garantie?s?|warrant\w*|guarantee\w*",
    "price": r"prix|tarifs?|price\w*|pricing|couts?|costs?",
    "quantity": r"moq|minimum\s+de\s+commande|commande\s+min\w*|min(?:imum)?\s+order|order\s+min\w*|pieces?|pcs|unites?|units?|lots?",
}

NEGATION = r"(?:pas|jamais|aucune?|zero|sans|ni|never|no|not|without|dont|don't|n't)"
# Bound cues just before a value; a negation in front flips them ("pas plus de 10 %" = max).
MAX_CUES = r"(?:jusqu'?\s*a|jusqu\s+a|max(?:i|imum)?|au\s+plus|au\s+maximum|plafon\w*|moins\s+d(?:e|')|less\s+than|smaller\s+than|fewer\s+than|under|below|en\s+dessous\s+de|within|sous|ss|(?:dans|ds)\s+les|d'ici|up\s+to|at\s+most|no\s+later\s+than|au\s+plus\s+tard|in\s+under|<=|<|≤|cap(?:ped)?\s+at|limit\w*\s+(?:a|to))"
MIN_CUES = r"(?:au\s+moins|min(?:i|imum)?|at\s+least|plus\s+d(?:e|')|more\s+than|over|above|au[\s-]dela\s+de|beyond|superieure?s?\s+a|>=|>|≥|a\s+partir\s+de|des|pas\s+avant|not\s+before)"
# Cues that never flip with a negation a few words before ("sans frais sous 48h").
NO_FLIP = r"(?:sous|ss|within|d'ici|(?:dans|ds)\s+les)"
# Between a bound cue and the value.
FILLER = r"(?:de\s+|d'|of\s+|:\s*|a\s+|c'est\s+|est\s+de\s+|est\s+|is\s+)?"
# After a value in its clause: the value is denied ("48h c'est impossible").
POST_NEGATION = r"^\s*(?:c'est\s+|is\s+|est\s+)?(?:impossible|pas\s+possible|not\s+possible|irrealiste|unrealistic|no\s+way|jamais)(?![a-z])"
# A cue introduced by these words names a reference event, not the subject ("after shipping").
REFERENCE = r"(?:apres|after|of|following|suivant)\s+(?:la\s+|le\s+|l'|the\s+)?$"
# Clock times: "avant 14h", "at 4pm", "à 16h" (hour values up to 24 after these words).
CLOCK = r"(?:avant|apres|a|vers|before|after|at|by)\s*$"
TRAILING_MAX = r"(?:max(?:i|imum)?|au\s+plus|tops?|at\s+most|maximum|or\s+less|ou\s+moins|pas\s+plus|no\s+more|not\s+more|pas\s+au[\s-]dela)"
TRAILING_MIN = r"(?:min(?:i|imum)?|au\s+moins|at\s+least|minimum|or\s+more|ou\s+plus|et\s+plus|pas\s+moins|no\s+less|not\s+less|pas\s+avant|not\s+before)"

QUANTITY_UNITS: list[tuple[str, str]] = [
    (r"pieces?|pcs?|unites?|units?|u|articles?|exemplaires?|ex|items?|refs?", "pcs"),
    (r"palettes?|pallets?", "pallet"),
    (r"cartons?|boxes|box|caisses?|colis", "box"),
]
