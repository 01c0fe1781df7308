"""Units and roster files uploaded in the browser: checked, previewed, then imported.

The file stays in memory and, between the preview and the confirmation, in the session (the
database); it is validated by the same readers as ``eclaire import`` (``eclaire.web.imports``).
"""
