"""The database side of ``test_two_servers.py``, run as a script in the servers' environment.

    python two_servers_db.py build N        migrate; the drill campaign with N personal links;
                                            prints its id and the tokens as JSON
    python two_servers_db.py enqueue ID     queues the analysis of campaign ID; prints the task id
    python two_servers_db.py task ID        prints the task's status, workers, start and end
    python two_servers_db.py read ID        tokens (a JSON list) on stdin; prints the campaign's
                                            team responses' free texts (written or waiting for
                                            their batch), the finished invitations
                                            and the highest page saved of each unfinished token

It runs in its own process because the servers' database is not pytest-django's test database.
"""

from __future__ import annotations

import json
import os
import sys
from typing import Any


def build(respondents: int) -> dict[str, Any]:
    from django.core.management import call_command

    from eclaire.web.drill.campaign import build_campaign

    call_command("migrate", interactive=False, verbosity=0)
    drill = build_campaign(respondents, slug="two")
    return {"campaign": drill.campaign_id, "tokens": drill.tokens}


def enqueue(campaign_id: int) -> str:
    from eclaire.web.results.tasks import compute_campaign_result

    return str(compute_campaign_result.enqueue(campaign_id).id)


def task(task_id: str) -> dict[str, Any]:
    from django_tasks_db.models import DBTaskResult

    row = DBTaskResult.objects.get(pk=task_id)
    return {
        "status": row.status,
        "workers": row.worker_ids,
        "started": row.started_at.timestamp() if row.started_at else None,
        "finished": row.finished_at.timestamp() if row.finished_at else None,
        "value": row.return_value,
    }


def read(campaign_id: int, tokens: list[str]) -> dict[str, Any]:
    from eclaire.web.collection.models import Invitation
    from eclaire.web.responses.models import Response
    from eclaire.web.survey.access import resolve_token
    from eclaire.web.survey.flow import load_survey
    from eclaire.web.survey.models import Pending
    from eclaire.web.survey.sealing import unseal_pending

    stored = list(
        Response.objects.filter(campaign_id=campaign_id, is_self=False).values_list(
            "answers", flat=True
        )
    )
    for pending in Pending.objects.filter(campaign_id=campaign_id):  # waiting for their batch
        stored += [
            r["answers"] for r in unseal_pending(campaign_id, pending.sealed) if not r["is_self"]
        ]
    texts = [
        sorted({str(v) for v in answers.values() if isinstance(v, str) and "·" in v})
        for answers in stored
    ]
    pages = {}
    for token in tokens:
        access = resolve_token(token)
        if access is not None:  # not sent: the draft as the survey reads it
            pages[token] = load_survey(access).draft.page
    finished = Invitation.objects.filter(campaign_id=campaign_id, finished=True).count()
    return {"texts": texts, "finished": finished, "pages": pages}


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "eclaire.web.settings")
    import django

    django.setup()
    command, arg = sys.argv[1], sys.argv[2]
    if command == "build":
        out: Any = build(int(arg))
    elif command == "enqueue":
        out = enqueue(int(arg))
    elif command == "task":
        out = task(arg)
    else:
        out = read(int(arg), json.load(sys.stdin))
    print(json.dumps(out))


if __name__ == "__main__":
    main()
