"""`python -m api` runs the CLI (the same as the `rapport` command)."""

from api.cli import main

main()
