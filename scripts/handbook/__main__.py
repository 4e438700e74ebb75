"""Command line: ``python -m handbook <command>`` (run ``--help`` for the list)."""

from __future__ import annotations

import sys

from .cli import main

sys.exit(main())
