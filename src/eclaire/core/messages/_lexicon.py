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
    "CONDITION",
]

_FR_UNITS = {
    "un": 1, "une": 1, "deux": 2, "trois": 3, "quatre": 4, "cinq": 5, "six": 6, "sept": 7,
    "huit": 8, "neuf": 9,
}  # fmt: skip
_FR_TEENS = {
    "dix": 10, "onze": 11, "douze": 12, "treize": 13, "quatorze": 14, "quinze": 15, "seize": 16,
    "dix-sept": 17, "dix-huit": 18, "dix-neuf": 19,
}  # fmt: skip
_FR_TENS = {"vingt": 20, "trente": 30, "quarante": 40, "cinquante": 50, "soixante": 60}
_EN_UNITS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9,
}  # fmt: skip
_EN_TEENS = {
    "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
    "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
}  # fmt: skip
_EN_TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70}


def _compounds(
    tens: dict[str, int], units: dict[str, int], joints: tuple[str, ...]
) -> dict[str, float]:
    """``vingt-quatre``, ``forty eight``: every tens word joined to every unit word."""
    out: dict[str, float] = {}
    for ten, t in tens.items():
        for unit, u in units.items():
            if unit == "une":
                continue
            for joint in joints:
                out[f"{ten}{joint}{unit}"] = t + u
    return out


NUMBER_WORDS: dict[str, float] = {
    **_FR_UNITS,
    **_FR_TEENS,
    **{k.replace("-", " "): v for k, v in _FR_TEENS.items()},
    **_FR_TENS,
    **_compounds(_FR_TENS, _FR_UNITS, ("-", " ", " et ", "-et-")),
    "soixante-douze": 72,
    "soixante douze": 72,
    "cent": 100,
    "mille": 1000,
    **_EN_UNITS,
    **_EN_TEENS,
    **_EN_TENS,
    **_compounds(_EN_TENS, _EN_UNITS, ("-", " ")),
    "hundred": 100,
    "a hundred": 100,
    "one hundred": 100,
    "a thousand": 1000,
    "thousand": 1000,
}


def _trie(words: list[str]) -> str:
    """One regex for many words, as a prefix tree (longest first): a flat alternation of
    300 number words is tried word after word at every position and made extraction 2× slower."""
    tree: dict[str, dict] = {}
    for word in words:
        node = tree
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}
    return _branch(tree)


def _branch(node: dict[str, dict]) -> str:
    alts = [re.escape(c) + _branch(child) for c, child in sorted(node.items()) if c]
    if not alts:
        return ""
    body = alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
    return f"(?:{body})?" if "" in node else body


_WORDS = _trie(list(NUMBER_WORDS))
# An English article counts as one only right before an English duration word ("a week").
_ARTICLE = r"an?(?=\s+(?:hour|day|business|working|week|month|year))"
# A number word may be followed by a hyphen ("two-year warranty", "three-week lead time").
NUM = rf"(?:\d{{1,3}}(?:[ ,]\d{{3}})+(?![\d.,])|\d+(?:[.,]\d+)?|(?<![\w-])(?:{_WORDS}|{_ARTICLE})(?![\w]))"

# unit pattern → canonical unit; the order matters (longest and most specific first).
DURATION_UNITS: list[tuple[str, str]] = [
    (
        r"(?:j|jr|jrs|jour|jours|d|day|days)\s*(?:ouvres?|ouvrables?|ouvr|ouv|ouvre|o)(?![a-z])",
        "bday",
    ),
    (r"(?:business|working|work|biz)[\s-]*days?", "bday"),
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
    "bhour": 1.0,  # business hours stay hours: only day units have a calendar factor
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
    (r"surlendemain|(?:the\s+)?day\s+after(?:\s+tomorrow)?", 48.0, "exact"),
]
J_PLUS = r"(?<![\w+])(?:j|d)\s*\+\s*(\d+)(?!\d)"

# Cue words of each subject. A longer cue wins over the cues it contains ("production lead
# time" is production, "lead time" alone delivery; "délai de réponse" is a response).
SUBJECT_CUES: dict[str, str] = {
    "delivery": r"logisti\w*|livr\w*|liv|expedi\w*|expe|exped|envoi\w*|envoy\w*|depart|"
    r"dispatch\w*|ship\w*|deliver\w*|transport\w*|colis|franco|parcels?|lead[\s-]?times?|dlv|"
    r"delais?|door[\s-]to[\s-]door|porte[\s-]a[\s-]porte|transit|receptionn\w*|arrive\w*|"
    r"recu\w*|receive\w*|get\s+(?:it|their\s+order|the\s+goods)|turnaround|tat",
    "production": r"(?:production|prod|manufacturing|fab(?:rication)?)\s+lead[\s-]?times?|"
    r"lead[\s-]?times?\s+(?:de\s+|d')?(?:production|prod|fabrication|fab)|"
    r"(?:delais?|temps)\s+(?:de\s+)?(?:production|prod|fabrication|fab)|"
    r"(?:build|make|produce|manufacture)\s+and\s+ship(?:\s+out\s+of\s+the\s+(?:plant|factory))?|"
    r"out\s+of\s+the\s+(?:plant|factory)|sortie\s+d'usine|"
    r"production|prod|produc\w*|produi\w*|fabrication|fab|fabriqu\w*|manufactur\w*|usine|"
    r"plant|factory|make|made|built|build|assembl\w*",
    "response": r"devis\s+(?:envoy\w*|transmis|faits?|etablis?)|quotes?\s+(?:sent|issued)|repon\w*|repond\w*|rep|rappel\w*|recontact\w*|reactiv\w*|reactif|"
    r"retour\s+client|retour|prise\s+en\s+charge|devis|repl(?:y|ies|ied|ying)|respon\w*|respond\w*|"
    r"answer\w*|call[\s-]?backs?|call\s+(?:them\s+|you\s+|customers?\s+)?back|get\s+back|"
    r"quotes?|quotations?|chiffrage|chiffr\w*|hotline|decroch\w*|pick(?:s|ed)?\s+up|interventions?|intervenir|"
    r"mails?|e-?mails?|appels?(?!\s+d'?\s*offres?)|calls?|rappeler|joindre|"
    r"tickets?|first\s+contact|on[\s-]?site|sur\s+site|traite\w*|traitement|trait|acknowledge?\s+(?:the\s+)?(?:ticket|request|claim)s?|"
    r"(?:delais?|temps)\s+de\s+(?:reponse|rep)|response\s+times?",
    "resolution": r"(?:litiges?|reclamations?|claims?|incidents?|pannes?|tickets?)\s+"
    r"(?:sont\s+|are\s+|is\s+)?(?:traite\w*|regle\w*|resolu\w*|clos\w*|solved|resolved|closed|fixed)|"
    r"incidents?|pannes?|breakdowns?|resolu\w*|resoudre|resolv\w*|solv\w*|fix\w*|repar\w*|repair\w*|"
    r"depann\w*|clotur\w*|clos\w*|clos|close[ds]?|closing|litiges?|reclamations?|claims?|"
    r"regl\w*|sav|echange\w*|exchange\w*|remplac\w*|replace\w*|"
    r"(?:delais?|temps)\s+de\s+resolution|resolution\s+times?",
    "order_confirmation": r"confirm\w*|arc|ar|accuse\w*\s+(?:de\s+)?reception|"
    r"acknowledg\w*|ack|order\s+confirmation|confirmation\s+de\s+commande|"
    r"ar\s+(?:de\s+)?commande",
    "availability": r"dispo\w*|stocks?|en\s+stock|in\s+stock|rupture\w*|reassort\w*|"
    r"reappro\w*|restock\w*|replenish\w*|availab\w*|back[\s-]?orders?|"
    r"out\s+of\s+stock|taux\s+de\s+service|service\s+level|fill\s+rate",
    "discount": r"remises?|rabais|rebates?|ristournes?|reducs?|reductions?|promos?|discount\w*|"
    r"gestes?\s+commerci\w*|gestes?|escomptes?|off(?![a-z])",
    "warranty": r"garantie?s?|garanti\w*|warrant\w*|guarantee\w*|guaranty",
    "price": r"prix|tarifs?|price\w*|pricing|couts?|costs?|coute\w*|factur\w*|"
    r"(?:le|par|per|the|a|/)\s*(?:m2|pack|unit|unite|piece|item|kit)|each|l'unite|starting",
    "minimum_order": r"moq|minimum\s+de\s+commande|commande\s+min\w*|min(?:imum)?\s+order|"
    r"order\s+min\w*|minimum\s+d'achat|montant\s+min\w*|min\w*\s+(?:de\s+)?commande|"
    r"minimum|mini|min|commandes?|cdes?|cmds?|orders?",
}
_APPROVAL = (
    r"(?:l'|le\s+|la\s+|un\s+|une\s+|a\s+|an\s+|the\s+|manager'?s?\s+|boss'?s?\s+)?"
    r"(?:validation|valid\w*|accord|aval|approbation|approuv\w*|autorisation|ok|feu\s+vert|"
    r"signature|approval|approved|sign[\s-]?off|go|green\s+light|permission|authori[sz]ation)"
)
# Conditions and exceptions that qualify a commitment ("pas de remise sans validation",
# "sauf rupture", "unless approved", "if ordered before 2pm", "hors période de fêtes").
CONDITION = (
    r"(?<![a-z'])(?:sauf|hors(?!\s+(?:taxes?|tva|ht|frais))|excepte|exception\s+faite|"
    r"except(?:\s+for|\s+if|\s+when)?|excluding|unless|only\s+if|if|si|s'il|s'ils|"
    r"a\s+condition|provided|subject\s+to|sous\s+reserve|selon|depending\s+on|"
    r"(?:sans|without|avec|with|sur|apres|after|on|pending|needs?|requires?)\s+"
    rf"{_APPROVAL}|"
    r"(?:pour\s+(?:toute?s?\s+|tte?s?\s+|les\s+|la\s+)?)?(?:commandes?|cdes?|cmds?|orders?)"
    r"\s+(?:passees?\s+|recues?\s+|placed\s+|received\s+)?(?:avant|before|by)\s+\d|"
    r"(?:ordered|placed|received)\s+(?:before|by)\s+\d|"
    r"(?:sans|without|avec|with)\s+(?:a\s+|an\s+|la\s+|le\s+|l'|une?\s+)?(?:receipt|ticket\s+de\s+caisse|"
    r"facture|invoice|proof|preuve|justificatif|contrat|contract)|"
    r"(?:pour\s+les|for(?:\s+the)?)\s+(?:grands?\s+comptes?|key\s+accounts?|in[\s-]stock|"
    r"articles?\s+en\s+stock|produits?\s+en\s+stock|premium)|"
    r"(?:avant|before)\s+\d{1,2}\s*(?:h|pm|am|:)"
    r")(?![a-z])"
)
NEGATION = r"(?:pas|jamais|aucune?|zero|sans|ni|never|no|not|without|dont|don't|n't)"
# Bound cues just before a value; a negation in front flips them ("pas plus de 10 %" = max).
MAX_CUES = r"(?:jusqu'?\s*a|jusqu\s+a|max(?:i|imum)?|au\s+plus|au\s+maximum|plafon\w*|moins\s+d(?:e|')|less\s+than|smaller\s+than|fewer\s+than|under|below|en\s+dessous\s+de|within|sous|ss|(?:dans|ds)\s+les|d'ici|up\s+to|at\s+most|no\s+later\s+than|au\s+plus\s+tard|in\s+under|<=|<|≤|cap(?:ped)?\s+at|limit\w*\s+(?:a|to))"
MIN_CUES = r"(?:starting\s+(?:at|from)|from|au\s+moins|min(?:i|imum)?|at\s+least|plus\s+d(?:e|')|more\s+than|over|above|au[\s-]dela\s+de|beyond|superieure?s?\s+a|>=|>|≥|a\s+partir\s+de|des|pas\s+avant|not\s+before)"
# Cues that never flip with a negation a few words before ("sans frais sous 48h").
NO_FLIP = r"(?:sous|ss|within|d'ici|(?:dans|ds)\s+les)"
# Between a bound cue and the value.
FILLER = r"(?:de\s+|d'|of\s+|:\s*|a\s+|c'est\s+|est\s+de\s+|est\s+|is\s+)?"
# After a value in its clause: the value is denied ("48h c'est impossible").
POST_NEGATION = r"^\s*(?:c'est\s+|is\s+|est\s+)?(?:impossible|pas\s+possible|not\s+possible|irrealiste|unrealistic|no\s+way|jamais)(?![a-z])"
# A cue introduced by these words names a reference event, not the subject ("after shipping").
REFERENCE = (
    r"(?:apres|after|of|following|suivant|sans|without|no)\s+(?:la\s+|le\s+|l'|the\s+|de\s+)?$"
)
# Clock times: "avant 14h", "at 4pm", "à 16h" (hour values up to 24 after these words).
CLOCK = r"(?:avant|apres|a|vers|before|after|at|by)\s*$"
TRAILING_MAX = r"(?:max(?:i|imum)?|au\s+plus|tops?|at\s+most|maximum|or\s+less|ou\s+moins|pas\s+plus|no\s+more|not\s+more|pas\s+au[\s-]dela)"
TRAILING_MIN = r"(?:min(?:i|imum)?|au\s+moins|at\s+least|minimum|or\s+more|ou\s+plus|et\s+plus|pas\s+moins|no\s+less|not\s+less|pas\s+avant|not\s+before)"

QUANTITY_UNITS: list[tuple[str, str]] = [
    (r"pieces?|pcs?|unites?|units?|u|articles?|exemplaires?|ex|items?|refs?", "pcs"),
    (r"palettes?|pallets?", "pallet"),
    (r"cartons?|boxes|box|caisses?|colis", "box"),
]

# Opening hours and always-on phrases: masked before extraction (not commitments).
OPENING_HOURS = (
    r"\d{1,2}\s*h?\s*/\s*(?:24|7)(?!\d)|(?:7|sept)\s*(?:j|jours?|d|days?)?\s*/\s*(?:7|sept)|"
    r"(?:7|seven)\s*(?:days?|d)\s+(?:a|per)\s+week|(?:7|sept)\s+jours?\s+sur\s+(?:7|sept)|"
    r"24\s*(?:h|hours?|heures?)?\s+(?:sur|a|per)\s+(?:24|day|jour)|round\s+the\s+clock"
)
# "de 9h à 18h", "9h-18h", "8am-6pm", "open 9-5": a span of clock times.
CLOCK_SPAN = (
    r"(?<![\d,.])(?P<a>\d{1,2})(?P<ua>[h:]\d{0,2}|\s*(?:am|pm|h))?\s*(?:-|a|to|–|till|until|jusqu'a)\s*"
    r"(?P<b>\d{1,2})(?P<ub>[h:]\d{0,2}|\s*(?:am|pm|h))?(?![\d%€$a-z])"
)
