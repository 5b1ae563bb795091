"""The texts templates read as ``m.NAME``: the shell's catalogue and every feature's, in one
namespace. Each name lives in exactly one catalogue; a name defined twice is refused."""

from __future__ import annotations

from types import ModuleType
from typing import Any


class Catalogue:
    """Attribute lookup across several ``messages`` modules (UPPER_CASE names only)."""

    def __init__(self, *modules: ModuleType) -> None:
        self._texts: dict[str, Any] = {}
        for module in modules:
            for name, value in vars(module).items():
                if not name.isupper():
                    continue
                if name in self._texts and self._texts[name] is not value:
                    raise ValueError(f"console text {name} is defined twice ({module.__name__})")
                self._texts[name] = value

    def __getattr__(self, name: str) -> Any:
        try:
            return self._texts[name]
        except KeyError:
            raise AttributeError(name) from None
