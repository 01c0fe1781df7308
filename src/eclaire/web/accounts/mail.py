"""Every e-mail to people with an account goes through here (invitations, password resets,
notifications); tests read the outbox.

Messages are rendered in the recipient's language: a subject, a plain-text body and an HTML
alternative. Links start with ``ECLAIRE_BASE_URL``; without it, with the address of the request (its host
checked against ``ALLOWED_HOSTS``), see :mod:`eclaire.web.publicurl`.
The token in a link is never logged.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.functional import Promise

from eclaire.web import publicurl

DEFAULT_LANGUAGE = "fr"


def absolute(path: str) -> str:
    """The public address of a path of the site."""
    return publicurl.absolute(path)


def _language(code: str | None) -> str:
    codes = {c for c, _name in settings.LANGUAGES}
    return code if code in codes else DEFAULT_LANGUAGE


def _send(template: str, to: str, context: Mapping[str, object], language: str | None) -> None:
    with translation.override(_language(language)):
        subject = render_to_string(f"accounts/mail/{template}_subject.txt", context)
        text = render_to_string(f"accounts/mail/{template}.txt", context)
        html = render_to_string(f"accounts/mail/{template}.html", context)
    message = EmailMultiAlternatives(
        " ".join(subject.split()), text, settings.DEFAULT_FROM_EMAIL, [to]
    )
    message.attach_alternative(html, "text/html")
    message.send()


@dataclass(frozen=True)
class InvitationMail:
    to: str
    org_name: str
    role_label: str | Promise
    """Lazy, so that it is translated in the recipient's language."""
    unit_name: str
    inviter: str
    url: str
    """The one-time link to set a password, or the login page for someone who has an account."""
    has_account: bool
    language: str


def send_invitation(mail: InvitationMail) -> None:
    """Tell someone they were given access to an organization, with the link to start."""
    context = {
        "org_name": mail.org_name,
        "role_label": mail.role_label,
        "unit_name": mail.unit_name,
        "inviter": mail.inviter,
        "url": mail.url,
        "has_account": mail.has_account,
        "days": 7,
    }
    _send("invitation", mail.to, context, mail.language)


def send_password_reset(to: str, url: str, language: str | None) -> None:
    """The link of Django's password-reset flow, in the language the reset was asked in."""
    _send(
        "password_reset",
        to,
        {"url": url, "hours": settings.PASSWORD_RESET_TIMEOUT // 3600},
        language,
    )


@dataclass(frozen=True)
class NoticeMail:
    """A notification (``eclaire.web.notifications``): ``kind`` chooses the wording."""

    to: str
    kind: str
    language: str
    context: Mapping[str, object]


def send_notice(mail: NoticeMail) -> None:
    """Tell an account holder that results are ready, a rate is low, or an action is due."""
    context = {**mail.context, "kind": mail.kind}
    _send("notice", mail.to, context, mail.language)
