"""Load and crash drills of the production setup: a campaign to answer, servers to start and kill.

Shared by the benchmarks (``bench/survey_load.py``, ``bench/two_servers.py``) and the tests that
start real servers (``tests/web/deploy``). Nothing here runs in the served application.
"""
