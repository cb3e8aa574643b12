"""Packaging hook: the shipped layouts (layouts/ at the top of the repo, one folder per
edition) are copied into the package as greenpub/layouts/, so a wheel builds an issue on
its own. Everything else is in pyproject.toml."""

import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py


class BuildWithLayouts(build_py):
    def run(self) -> None:
        super().run()
        src = Path(__file__).resolve().parent / "layouts"
        dest = Path(self.build_lib) / "greenpub" / "layouts"
        if src.is_dir():
            shutil.copytree(src, dest, dirs_exist_ok=True,
                            ignore=shutil.ignore_patterns("__pycache__"))


setup(cmdclass={"build_py": BuildWithLayouts})
