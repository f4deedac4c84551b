#!/usr/bin/env python3
"""The library's public API as sorted text, one symbol a line, from the symbol graphs of the
built modules (`swift symbolgraph-extract` on .build/debug/Modules; about a second).

    scripts/public-symbols.py                 # print the list
    scripts/public-symbols.py --check FILE    # exit 1 with a unified diff when FILE differs
    scripts/public-symbols.py --write FILE    # rewrite FILE
    scripts/public-symbols.py --undocumented  # public symbols without a /// comment (exit 1 if any)

Each line is `Module kind Path.to.symbol: declaration`. Symbols the compiler synthesises
(protocol default implementations such as Equatable's `!=`) are left out: they follow from
the conformances, which are listed with their types' declarations.
"""
import difflib
import json
import os
import subprocess
import sys
import tempfile

MODULES = ["AppendixData", "AppendixExpression", "AppendixDefinition", "AppendixLayout",
           "AppendixRender", "AppendixPipeline", "AppendixFees", "AppendixCheck", "AppendixKit"]
ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BUILD = os.path.join(ROOT, ".build", "debug")
MODULE_MAPS = ["Sources/CLibCSV/module.modulemap", "Sources/CXLSXWriter/module.modulemap",
               ".build/debug/CAppendixSupport.build/module.modulemap",
               ".build/debug/CAppendixTemporary.build/module.modulemap",
               ".build/debug/CAppendixZlib.build/module.modulemap",
               ".build/debug/CAppendixZip.build/module.modulemap",
               ".build/checkouts/Yams/Sources/CYaml/include/module.modulemap"]


def symbol_graphs(folder):
    for module in MODULES:
        command = ["swift", "symbolgraph-extract", "-module-name", module, "-I", os.path.join(BUILD, "Modules"),
                   "-target", "x86_64-unknown-linux-gnu", "-minimum-access-level", "public", "-output-dir", folder]
        for path in MODULE_MAPS:
            command += ["-Xcc", "-fmodule-map-file=" + os.path.join(ROOT, path)]
        result = subprocess.run(command, capture_output=True, text=True)
        if result.returncode != 0:
            sys.exit(f"public-symbols: symbolgraph-extract {module} failed (build first: swift build):\n{result.stderr}")
    for name in sorted(os.listdir(folder)):
        with open(os.path.join(folder, name)) as file:
            yield name.split(".")[0].split("@")[0], json.load(file)


def symbols():
    with tempfile.TemporaryDirectory() as folder:
        for module, graph in symbol_graphs(folder):
            paths = {s["identifier"]["precise"]: ".".join(s["pathComponents"]) for s in graph["symbols"]}
            for relation in graph.get("relationships", []):
                if relation["kind"] == "conformsTo" and relation["source"] in paths:
                    protocol = relation.get("targetFallback", paths.get(relation["target"], relation["target"])).split(".")[-1]
                    yield {"line": f"{module} conformance {paths[relation['source']]}: {protocol}", "documented": True}
            for symbol in graph["symbols"]:
                if "::SYNTHESIZED::" in symbol["identifier"]["precise"]:
                    continue
                declaration = "".join(f["spelling"] for f in symbol.get("declarationFragments", []))
                path = ".".join(symbol["pathComponents"])
                yield {"line": f"{module} {symbol['kind']['identifier'].removeprefix('swift.')} {path}: {' '.join(declaration.split())}",
                       "documented": bool(symbol.get("docComment", {}).get("lines")),
                       "place": symbol.get("location", {}).get("uri", "").removeprefix("file://" + ROOT + "/"),
                       "position": symbol.get("location", {}).get("position", {}).get("line", -1) + 1}


def main(arguments):
    found = list(symbols())
    lines = sorted({s["line"] for s in found})
    text = "".join(line + "\n" for line in lines)
    if arguments[:1] == ["--undocumented"]:
        missing = sorted({f"{s['place']}:{s['position']}: {s['line']}" for s in found if not s["documented"]})
        print("".join(line + "\n" for line in missing), end="")
        return 1 if missing else 0
    if arguments[:1] == ["--write"]:
        with open(arguments[1], "w") as file:
            file.write(text)
        print(f"public-symbols: {len(lines)} public symbols written to {arguments[1]}")
        return 0
    if arguments[:1] == ["--check"]:
        with open(arguments[1]) as file:
            committed = file.read()
        if committed == text:
            print(f"public-symbols: {len(lines)} public symbols, as in {arguments[1]}")
            return 0
        diff = difflib.unified_diff(committed.splitlines(keepends=True), text.splitlines(keepends=True),
                                    fromfile=arguments[1] + " (committed)", tofile="public API (built)")
        sys.stdout.writelines(diff)
        print(f"\npublic-symbols: the public API differs from {arguments[1]}; if the change is meant, run `make api-update` and commit it")
        return 1
    print(text, end="")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
