"""Heavy libraries imported on first use, not when the module naming them is imported.

An edition's package is imported whenever the edition takes part in a build, also when
every one of its units is served from the cache; numpy alone costs ~150 ms per process.
`lazy_import("numpy")` returns a module object that runs numpy's own import the first
time an attribute is read (importlib's LazyLoader), so a task that renders nothing never
pays for it. Modules keep `import numpy as np` under TYPE_CHECKING for mypy.
"""

from __future__ import annotations

import importlib.util
import sys
from types import ModuleType


def lazy_import(name: str) -> ModuleType:
    module = sys.modules.get(name)
    if module is not None:
        return module
    spec = importlib.util.find_spec(name)
    if spec is None or spec.loader is None:
        raise ModuleNotFoundError(f"No module named {name!r}", name=name)
    loader = importlib.util.LazyLoader(spec.loader)
    spec.loader = loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    loader.exec_module(module)
    return module
