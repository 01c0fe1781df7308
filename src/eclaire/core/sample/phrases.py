"""What respondents write in the open questions, by question and by function.

The sales side promises delivery in 48 hours while logistics and ADV speak of five working days
or a week: the message drift a coach expects to find. No sentence names a person.
"""

from __future__ import annotations

Pools = dict[str, dict[str, tuple[str, ...]]]
"""question code → function (or ``"*"`` for everyone) → sentences."""

FR: Pools = {
    "MSG_PROMISE": {
        "*": (
            "Un interlocuteur unique pour chaque client",
            "Être joignable et réactif",
            "Le bon produit au bon moment",
            "Tenir ce qu'on promet",
            "Un service de proximité",
            "Qualité et fiabilité des produits",
            "Des conseils techniques fiables",
            "Répondre aux clients dans la journée",
        ),
        "sales": (
            "Livraison sous 48h",
            "livraison en 48h partout en France",
            "Livré sous 48h",
            "Disponibilité immédiate du stock",
            "Un devis en 24h",
            "On s'adapte au besoin du client",
            "48h chrono",
            "Livraison express sous 48h",
        ),
        "logistics": (
            "Livraison sous 5 jours ouvrés",
            "Livraison en une semaine",
            "Livrer complet plutôt que vite",
            "Zéro erreur de préparation",
            "Livraison sous 5 jours",
        ),
        "sales_admin": (
            "Des délais fiables annoncés à la commande",
            "Livraison en une semaine",
            "Livraison sous 5 jours ouvrés",
            "Une facture juste du premier coup",
        ),
        "support": (
            "Répondre aux clients dans la journée",
            "Une solution dès le premier appel",
            "Rappeler le client sous 4h",
            "Suivre chaque réclamation jusqu'au bout",
        ),
        "production": (
            "Des produits sans défaut",
            "Respecter les délais de fabrication annoncés",
            "La qualité avant tout",
        ),
        "marketing": (
            "Le partenaire technique des pros",
            "Des produits innovants et fiables",
            "Proximité et expertise",
        ),
    },
    "MSG_NONNEGOTIABLE": {
        "*": (
            "La sécurité",
            "On ne brade pas les prix",
            "Pas de remise sans validation",
            "Le respect du client",
            "La qualité ne se négocie pas",
            "L'honnêteté avec le client",
            "Ne jamais promettre une date qu'on ne peut pas tenir",
            "Les conditions de paiement",
            "Le respect entre collègues",
        ),
        "sales": (
            "On ne brade pas les prix",
            "Pas de remise au-delà de 15% sans accord de la direction",
            "la marge",
            "Les engagements pris avec le client",
        ),
        "production": (
            "La sécurité au poste",
            "Pas de pièce non conforme expédiée",
            "Les procédures qualité",
            "La sécurité, point.",
        ),
        "logistics": (
            "Pas de départ camion après 16h",
            "La sécurité sur les quais",
            "Pas d'expédition sans contrôle",
        ),
        "finance": ("Pas de livraison aux clients bloqués en compta", "Les conditions de paiement"),
        "sales_admin": ("Pas de commande sans bon signé", "Pas de remise sans validation"),
    },
    "MSG_PRIORITY": {
        "*": (
            "La satisfaction client",
            "La marge",
            "Fidéliser nos clients",
            "Livrer à l'heure",
            "Je ne sais pas trop, ça change tout le temps",
            "Honnêtement on ne sait plus",
            "Tout est prioritaire...",
            "La rentabilité",
            "La satisfaction des clients",
        ),
        "sales": (
            "Le chiffre d'affaires",
            "Gagner de nouveaux clients",
            "Développer les grands comptes",
            "Faire le chiffre d'affaires du trimestre",
        ),
        "production": (
            "Tenir le planning de production",
            "Réduire les rebuts",
            "La sécurité",
            "Tenir les délais",
        ),
        "logistics": (
            "Expédier à l'heure",
            "Réduire les erreurs de préparation",
            "Vider les quais avant 16h",
        ),
        "sales_admin": (
            "Saisir les commandes sans erreur",
            "Des délais fiables",
            "Réduire les litiges",
        ),
        "support": (
            "Répondre vite aux clients",
            "Réduire le nombre de réclamations",
            "La satisfaction client",
        ),
    },
    "FIRST_CONVERSATION": {
        "*": (
            "Comment on prend les décisions en réunion",
            "Les priorités de l'année : on n'a pas tous la même liste",
            "L'intégration des nouveaux et des alternants",
            "Qui décide quoi entre le siège et le terrain",
            "Se parler avant que ça dégénère",
            "Clarifier ce qui est négociable et ce qui ne l'est pas",
            "La charge de travail, certains compensent en silence",
            "Les infos arrivent trop tard, il faudrait un vrai point chaque semaine",
        ),
        "sales": (
            "Avec la production, sur les délais qu'on annonce aux clients",
            "Entre commerciaux et usine : qui décide quand une commande est urgente ?",
            "Avec l'ADV sur les remises et les validations",
            "Parler des délais avec l'usine avant de promettre quoi que ce soit au client",
            "Avec le marketing sur les promos lancées sans nous prévenir",
        ),
        "production": (
            "Avec les commerciaux, pour qu'ils comprennent nos contraintes de fabrication",
            "Les urgences : tout est urgent, donc rien ne l'est",
            "Entre le planning et les commerciaux sur les commandes spéciales",
            "La maintenance préventive qu'on repousse toujours",
        ),
        "logistics": (
            "Avec l'ADV sur les commandes saisies après l'heure limite",
            "Les départs camion et les engagements de livraison",
            "Avec la production sur les retards de mise à disposition",
            "L'accueil des intérimaires, ils arrivent sans formation",
        ),
        "sales_admin": (
            "Avec les commerciaux sur les délais promis aux clients",
            "Avec la logistique pour être prévenus des retards",
            "Clarifier qui valide les remises",
        ),
        "support": (
            "Avec la production sur les défauts qui reviennent",
            "Avec les commerciaux, qui promettent des choses qu'on ne peut pas tenir",
            "L'escalade niveau 1 / niveau 2 : qui fait quoi",
        ),
        "marketing": (
            "Avec les commerciaux terrain sur les messages clients",
            "Avec la production sur les lancements produits",
        ),
    },
    "*": {
        "*": (
            "RAS",
            "Rien à signaler",
            "Plus de communication entre services",
            "Pas d'avis",
            "Mieux se coordonner entre services",
        )
    },
}

EN: Pools = {
    "MSG_PROMISE": {
        "*": (
            "One contact person for each customer",
            "Be reachable and responsive",
            "Keep our promises",
            "Reliable products",
            "Answer customers the same day",
        ),
        "sales": ("Delivery within 48h", "48h delivery anywhere in France", "A quote within 24h"),
        "logistics": (
            "Delivery within 5 working days",
            "Delivery within a week",
            "Zero picking errors",
        ),
        "sales_admin": ("Reliable lead times given at order", "Delivery within a week"),
        "support": ("Answer customers the same day", "Call the customer back within 4h"),
    },
    "MSG_NONNEGOTIABLE": {
        "*": (
            "Safety",
            "We don't cut prices",
            "No discount without approval",
            "Respect for the customer",
            "Quality is not negotiable",
            "Never promise a date we can't keep",
        ),
        "production": ("Safety at the workstation", "No non-conforming part shipped"),
        "logistics": ("No truck leaves after 4pm", "No shipment without a check"),
    },
    "MSG_PRIORITY": {
        "*": (
            "Customer satisfaction",
            "Margin",
            "Deliver on time",
            "Not sure, it keeps changing",
            "Everything is a priority...",
        ),
        "sales": ("Revenue", "Win new customers", "Grow key accounts"),
        "production": ("Keep the production schedule", "Reduce scrap"),
    },
    "FIRST_CONVERSATION": {
        "*": (
            "How we make decisions in meetings",
            "This year's priorities: we don't share the same list",
            "How we onboard newcomers and apprentices",
            "Who decides what between head office and the field",
            "Information comes too late, we need a real weekly check-in",
        ),
        "sales": (
            "With production, about the lead times we give customers",
            "With ADV about discounts and approvals",
        ),
        "production": (
            "With sales, so they understand our manufacturing constraints",
            "Everything is urgent, so nothing is",
        ),
        "logistics": ("With ADV about orders entered after the cut-off time",),
    },
    "*": {"*": ("Nothing to add", "More communication between departments", "No opinion")},
}

ABBREVIATIONS_FR = {
    "production": "prod",
    "commandes": "cdes",
    "commande": "cde",
    "chiffre d'affaires": "CA",
    "toujours": "tjs",
    "pour": "pr",
    "rendez-vous": "rdv",
    "semaine": "sem",
    "quelque chose": "qqch",
    "sous 48h": "ss 48h",
    "aujourd'hui": "auj",
}
ABBREVIATIONS_EN = {"customers": "cust.", "production": "prod", "within": "w/in", "about": "abt"}
BLANK_RATE = {"FIRST_CONVERSATION": 0.45, "*": 0.30}
"""Share of respondents who leave an open question empty."""
