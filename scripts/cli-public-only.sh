#!/usr/bin/env bash
# Proves the rule Package.swift sets for the `appendix` target (packageAccess: false): the
# command line can use only the library's public API. (1) SwiftPM compiles it without
# -package-name (read from the build manifest), and (2) without -package-name a `package`
# declaration of a stage is a compile error, while with the stages' package name the same
# probe compiles (so the error is the access rule, not a broken probe). Run after a build.
set -euo pipefail
cd "$(dirname "$0")/.."
manifest=.build/debug.yaml
[ -f "$manifest" ] || { echo "cli-public-only: build first (swift build)"; exit 1; }
python3 - "$manifest" <<'PY' > .build/cli-package-names.txt
import json, sys
names = {}
for line in open(sys.argv[1]):
    line = line.strip()
    if not line.startswith('args: ['): continue
    args = json.loads(line[len('args: '):])
    if '-module-name' not in args or '-emit-module' not in args: continue
    module = args[args.index('-module-name') + 1]
    names[module] = args[args.index('-package-name') + 1] if '-package-name' in args else ''
print(names.get('appendix', 'missing') + '|' + names.get('AppendixPipeline', 'missing'))
PY
IFS='|' read -r cli stages < .build/cli-package-names.txt
if [ "$cli" = missing ] || [ "$stages" = missing ] || [ -z "$stages" ]; then
    echo "cli-public-only: the build manifest has no compile command for appendix or AppendixPipeline"; exit 1
fi
if [ -n "$cli" ]; then
    echo "cli-public-only: appendix is compiled with -package-name $cli: it can use package declarations"; exit 1
fi
probe=.build/cli-public-only-probe.swift
printf 'import AppendixKit\n_ = ReportBuild.defaultStreamingThreshold  // public\n_ = CSVWriter(header: [])  // package\n' > "$probe"
flags=(-typecheck "$probe" -I .build/debug/Modules -swift-version 6
       -Xcc -fmodule-map-file=Sources/CLibCSV/module.modulemap -Xcc -fmodule-map-file=Sources/CXLSXWriter/module.modulemap
       -Xcc -fmodule-map-file=.build/debug/CAppendixSupport.build/module.modulemap
       -Xcc -fmodule-map-file=.build/debug/CAppendixTemporary.build/module.modulemap
       -Xcc -fmodule-map-file=.build/debug/CAppendixZlib.build/module.modulemap
       -Xcc -fmodule-map-file=.build/debug/CAppendixZip.build/module.modulemap
       -Xcc -fmodule-map-file=.build/checkouts/Yams/Sources/CYaml/include/module.modulemap)
if swiftc "${flags[@]}" > .build/cli-public-only.log 2>&1; then
    echo "cli-public-only: a package declaration compiled without -package-name"; exit 1
fi
grep -q "'CSVWriter' is inaccessible due to 'package' protection level\|cannot find 'CSVWriter' in scope" .build/cli-public-only.log \
    || { cat .build/cli-public-only.log; echo "cli-public-only: the probe failed for another reason"; exit 1; }
swiftc "${flags[@]}" -package-name "$stages" > .build/cli-public-only.log 2>&1 \
    || { cat .build/cli-public-only.log; echo "cli-public-only: the probe does not compile even with package access"; exit 1; }
echo "cli-public-only: appendix is compiled without package access; a package declaration is then a compile error"
