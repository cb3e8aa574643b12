#!/usr/bin/env python3
"""Thin entry point: `python build.py build` is the same as the `greenpub` command."""

import sys

from greenpub.cli import main

if __name__ == "__main__":
    sys.exit(main())
