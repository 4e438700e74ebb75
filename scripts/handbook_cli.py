#!/usr/bin/env python3
"""Run the handbook's commands from anywhere: ``python scripts/handbook_cli.py check``."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from handbook.cli import main

if __name__ == "__main__":
    sys.exit(main())
