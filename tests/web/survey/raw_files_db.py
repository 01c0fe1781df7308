"""The server side of ``test_survey_raw_files.py``, run as a script on its own SQLite file.

It builds an open campaign, lets respondents answer through the survey pages (some submit, one
stops before submitting), prints what it did as JSON, then keeps its database connection open
(as a running server does) until told on stdin to close the campaign, and then to exit.
"""

from __future__ import annotations

import json
import os
import secrets
import sys
from typing import Any

SUBMITTING = (0, 1, 2, 3)
IN_PROGRESS = 4


def _walk(client: Any, token: str, marker: str) -> tuple[str, int]:
    """Answer every page of ``token``'s survey, ``marker`` in every text field.

    Returns the review page's URL and how many text fields hold the marker.
    """
    from survey_helpers import answers_for

    url, texts = f"/s/{token}/p/1/", 0
    for _ in range(100):
        page = client.get(url)
        if page.status_code != 200 or "section" not in page.context:
            break
        data = answers_for(page.context, units=["LOG"])
        for question in page.context["questions"]:
            if question.kind == "text":
                data[question.name] = marker
                texts += 1
        url = client.post(url, data)["Location"]
        if url.endswith("/review/"):
            return url, texts
    raise RuntimeError(f"the survey did not reach its review page ({url})")


def run() -> dict[str, Any]:
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from survey_helpers import build_org, make_token

    from eclaire.web.dbfiles import wait_for_checkpoints

    call_command("migrate", interactive=False, verbosity=0)
    org = build_org()
    tokens = [make_token(org.campaign, person) for person in org.members]
    markers = [f"marker{secrets.token_hex(8)}" for _ in tokens]
    client = Client()
    texts = 0
    for i in (*SUBMITTING[:1], IN_PROGRESS, *SUBMITTING[1:]):
        review, texts = _walk(client, tokens[i], markers[i])
        if i in SUBMITTING and client.post(review).status_code != 303:
            raise RuntimeError("a submission failed")
    # A send answers first; its process's checkpoint thread empties the log just after.
    if not wait_for_checkpoints(timeout=30):
        raise RuntimeError("the log was not emptied within 30 s of the last submission")
    with connection.cursor() as cursor:
        cursor.execute("SELECT * FROM survey_draft")
        drafts = [[str(v) for v in row] for row in cursor.fetchall()]
        cursor.execute("SELECT * FROM collection_invitation")
        invitations = [[str(v) for v in row] for row in cursor.fetchall()]
    return {
        "tokens": tokens,
        "markers": markers,
        "texts": texts,
        "submitted": list(SUBMITTING),
        "in_progress": IN_PROGRESS,
        "drafts": drafts,
        "invitations": invitations,
    }


def close() -> None:
    import datetime as dt

    from eclaire.web.campaigns.models import Campaign
    from eclaire.web.collection.services import do_close_campaign

    do_close_campaign(Campaign.objects.get(), today=dt.date(2026, 1, 1))


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "eclaire.web.settings")
    import django
    from django.test.utils import setup_test_environment

    django.setup()
    setup_test_environment()  # the test client records each page's context
    print(json.dumps(run()), flush=True)
    for line in sys.stdin:
        if line.strip() == "close":
            close()
            print("closed", flush=True)
        else:
            break


if __name__ == "__main__":
    main()
