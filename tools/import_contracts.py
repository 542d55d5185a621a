"""A contract type import-linter lacks, for pyproject.toml's [tool.importlinter]: forbid a submodule
of an outside package (PySide6.QtWidgets). Its own `forbidden` contract sees PySide6 only as a
whole, so it could forbid all of Qt but not just the widgets.

The contract reads the import lines themselves, of the source modules and of every traintool
module they import, directly or not: `render` may use QtGui, and no path from it reaches QtWidgets.
"""
from __future__ import annotations

import re

from grimp import ImportGraph
from importlinter import Contract, ContractCheck, fields, output

_FROM = re.compile(r"^\s*from\s+([\w.]+)\s+import\s+\(?([\w\s,.*]*)")
_IMPORT = re.compile(r"^\s*import\s+([\w\s,.]+)")


def named_modules(line: str) -> set[str]:
    """Every module an import line may name: 'from a.b import c, d as e' names a.b, a.b.c and a.b.d."""
    m = _FROM.match(line)
    if m:
        base = m.group(1)
        names = {base}
        for part in m.group(2).split(","):
            name = part.split(" as ")[0].strip()
            if name and name != "*":
                names.add(f"{base}.{name}")
        return names
    m = _IMPORT.match(line)
    if m:
        return {part.split(" as ")[0].strip() for part in m.group(1).split(",") if part.strip()}
    return set()


class ForbiddenSubmoduleContract(Contract):
    type_name = "forbidden_submodule"

    source_modules = fields.ListField(subfield=fields.ModuleField())
    forbidden_modules = fields.ListField(subfield=fields.StringField())

    def check(self, graph: ImportGraph, verbose: bool) -> ContractCheck:
        forbidden: list[str] = list(self.forbidden_modules)  # type: ignore[call-overload]
        sources: set[str] = set()
        for module in self.source_modules:  # type: ignore[attr-defined]
            sources |= {module.name} | graph.find_descendants(module.name)
        reached = set(sources)
        for name in sources:
            reached |= graph.find_upstream_modules(name)  # what it imports, directly or not
        illegal = []
        for importer in sorted(reached):
            for imported in sorted(graph.find_modules_directly_imported_by(importer)):
                for detail in graph.get_import_details(importer=importer, imported=imported):
                    names = named_modules(detail["line_contents"])
                    if any(n == f or n.startswith(f + ".") for n in names for f in forbidden):
                        illegal.append((importer, detail["line_number"], detail["line_contents"].strip()))
        return ContractCheck(kept=not illegal, metadata={"illegal": illegal})

    def render_broken_contract(self, check: ContractCheck) -> None:
        for importer, line, text in check.metadata["illegal"]:
            output.print_error(f"{importer} (l. {line}): {text}", bold=False)
        output.new_line()
