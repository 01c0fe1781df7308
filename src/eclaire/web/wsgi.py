"""WSGI entry point, served by gunicorn."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "eclaire.web.settings")
application = get_wsgi_application()

# Import every view as the worker starts: otherwise the first request each worker serves waits
# about three seconds for the URL configuration and what it imports (the analysis, SciPy).
import eclaire.web.urls  # noqa: E402, F401
