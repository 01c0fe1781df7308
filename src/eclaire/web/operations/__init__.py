"""Running Éclaire: health check, log privacy, SQLite backup and restore, data retention.

Each module holds one of these and takes explicit arguments; ``commands`` is what the ``eclaire``
command line calls.
"""
