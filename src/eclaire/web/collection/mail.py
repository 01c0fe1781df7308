"""Every e-mail Éclaire sends goes through here, so tests inspect (or replace) one module.

Messages are rendered in the person's language: a subject, a plain-text body and an HTML
alternative. The link in them holds the only copy of the raw token; nothing here logs it.
"""

from __future__ import annotations

import smtplib
from typing import Any

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, get_connection
from django.template.loader import render_to_string
from django.utils import translation

from eclaire.web.campaigns.models import Campaign
from eclaire.web.organizations.models import Person

MailError = (smtplib.SMTPException, OSError)
"""What a failed send raises; the caller counts the failure and goes on."""

DEFAULT_LANGUAGE = "fr"


def connection() -> Any:
    """One connection to the configured backend, to be used as a context manager."""
    return get_connection()


def _language(person: Person) -> str:
    codes = {code for code, _name in settings.LANGUAGES}
    return person.language if person.language in codes else DEFAULT_LANGUAGE


def render_survey_link(
    person: Person, campaign: Campaign, url: str, *, reminder: bool
) -> tuple[str, str, str]:
    """The subject, text and HTML of an invitation or a reminder, in the person's language."""
    context = {
        "org_name": campaign.organization.name,
        "campaign": campaign,
        "url": url,
        "reminder": reminder,
        "closes_on": campaign.closes_on,
    }
    with translation.override(_language(person)):
        subject = render_to_string("collection/mail/survey_subject.txt", context)
        text = render_to_string("collection/mail/survey.txt", context)
        html = render_to_string("collection/mail/survey.html", context)
    return " ".join(subject.split()), text, html


def send_survey_link(
    person: Person, campaign: Campaign, url: str, *, reminder: bool, connection: Any = None
) -> None:
    """Send one personal link. Raises one of ``MailError`` when the backend refuses it."""
    subject, text, html = render_survey_link(person, campaign, url, reminder=reminder)
    message = EmailMultiAlternatives(
        subject, text, settings.DEFAULT_FROM_EMAIL, [person.email], connection=connection
    )
    message.attach_alternative(html, "text/html")
    message.send()
