"""``python -m eclaire.cli``."""

from eclaire.cli import main

main()
