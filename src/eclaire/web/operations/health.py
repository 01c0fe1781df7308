"""Is the server able to work: its database reachable, and its task queue reachable the way a
worker polls it. Answers ``ok`` or ``unavailable`` per part and nothing else (no data, no error
text: the endpoint needs no login)."""

from __future__ import annotations

import logging

from django.core.exceptions import ImproperlyConfigured
from django.db import DEFAULT_DB_ALIAS, DatabaseError, connections
from django.db.backends.base.base import BaseDatabaseWrapper

OK = "ok"
UNAVAILABLE = "unavailable"

log = logging.getLogger(__name__)


def database_status(connection: BaseDatabaseWrapper) -> str:
    """``ok`` when a trivial statement runs on ``connection``."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError as exc:
        log.warning("health: database unavailable (%s)", type(exc).__name__)
        return UNAVAILABLE
    return OK


def queue_status(connection: BaseDatabaseWrapper, backend_alias: str = "default") -> str:
    """``ok`` when the task queue can be polled as a worker polls it.

    For the database queue (django-tasks-db), runs the worker's own query for ready tasks, limited
    to one row, on ``connection``. Other backends (the inline ``ImmediateBackend``) have no queue
    to reach: ``ok`` once the backend loads.
    """
    from django_tasks import task_backends
    from django_tasks.exceptions import InvalidTaskBackendError
    from django_tasks_db.backend import DatabaseBackend

    try:
        backend = task_backends[backend_alias]
    except (InvalidTaskBackendError, ImproperlyConfigured, ImportError) as exc:
        log.warning("health: task backend unavailable (%s)", type(exc).__name__)
        return UNAVAILABLE
    if not isinstance(backend, DatabaseBackend):
        return OK
    from django_tasks_db.models import DBTaskResult

    query = DBTaskResult.objects.ready().filter(backend_name=backend_alias).values("id")[:1].query
    try:
        sql, params = query.get_compiler(connection=connection).as_sql()
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            cursor.fetchall()
    except DatabaseError as exc:
        log.warning("health: task queue unavailable (%s)", type(exc).__name__)
        return UNAVAILABLE
    return OK


def health(alias: str = DEFAULT_DB_ALIAS) -> dict[str, str]:
    """The status of each part, e.g. ``{"database": "ok", "queue": "ok"}``."""
    connection = connections[alias]
    database = database_status(connection)
    queue = queue_status(connection) if database == OK else UNAVAILABLE
    return {"database": database, "queue": queue}
