# Appendix — build, demo and test. Every target installs what it needs when it is missing.
SHELL := /bin/bash
SWIFT ?= swift
APT_PACKAGES := libxlsxwriter-dev libcsv-dev libsqlite3-dev
# The web app's browser test (scripts/browser-test.py): Debian's Chromium and its driver.
BROWSER_PACKAGES := chromium chromium-driver
# `make serve`: the web app (appendix-web) on 127.0.0.1:$(WEB_PORT) with the samples.
WEB_PORT ?= 8080
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
# The appendix command that demo, preview, install and bench use: CONFIG=release (default) is
# what users run — optimised, with the Swift runtime, Foundation and libstdc++ linked into the
# binary (85 MB instead of 14 MB plus /opt/swift's libraries; the dynamic loader opens 9
# libraries instead of 24, which halves `appendix --version`; 14 while `appendix check` read XML
# with FoundationXML, which brings libxml2, ICU and the shared libstdc++). CONFIG=debug is the test build:
# `make test` runs verify with it, so CI compiles the package once.
CONFIG ?= release
# libstdc++ (which the Swift runtime and ICU use) comes in as a static archive: a folder holding
# only libstdc++.a, searched first, makes the Swift runtime's own `-lstdc++` take it (flags given
# with -Xlinker come after that -lstdc++, so they cannot). Binding libstdc++.so at start-up was
# 1,700 symbol look-ups and ~8 % of a 40-row build. Linking it statically is allowed by the GCC
# Runtime Library Exception. Without the archive (no libstdc++-dev) the link takes the shared one.
STATIC_CXX := $(CURDIR)/.build/static-libstdc++
STATIC_CXX_ARCHIVE := $(shell clang -print-file-name=libstdc++.a 2>/dev/null)
STATIC_CXX_LINK := $(if $(filter /%,$(STATIC_CXX_ARCHIVE)),mkdir -p $(STATIC_CXX) && ln -sf $(STATIC_CXX_ARCHIVE) $(STATIC_CXX)/libstdc++.a,true)
# Release builds of both commands (`make build`, `make build-web`) take the same flags, so they
# share .build/release and the modules compiled there: the web app's build after the command's
# compiles only the server's own packages. --static-swift-stdlib cannot be set for one product:
# it compiles every module with -static-stdlib (the toolchain's static module files, whose
# autolink entries name the static libraries; a Foundation program compiled without it does not
# link with it: undefined ICU symbols). The command's -no-pie (no PIE for the command only; the
# server keeps it) is in Package.swift, the appendix target's linker settings for release.
SWIFT_BUILD_release := -c release --static-swift-stdlib $(if $(filter /%,$(STATIC_CXX_ARCHIVE)),-Xlinker -L$(STATIC_CXX))
SWIFT_BUILD_debug :=
ifeq ($(filter $(CONFIG),release debug),)
$(error CONFIG must be release or debug, not '$(CONFIG)')
endif
BIN := .build/$(CONFIG)/appendix
# `make install` copies $(BIN) to $(DESTDIR)$(PREFIX)/bin.
PREFIX ?= /usr/local
VENV := .build-venv
TEMPLATES := $(wildcard Templates/*.yaml)
# The differential test (scripts/differential.py): `make verify` (so `make test`) runs the fixed
# sample below (43 cases of seed 20240611 plus seven that once differed: 21, 59, 98, 329, 445,
# 596, 797), `make fuzz` DIFF_COUNT generated workbooks.
DIFF_SAMPLE_SEED := 20240611
DIFF_SAMPLE := 21,59,98,329,445,596,797,1,4,16,24,26,39,41,44,46,53,60,85,103,106,128,158,183,267,270,272,299,304,364,367,431,472,505,583,588,589,620,636,651,660,691,710,726,765,804,837,853,909,943
DIFF_COUNT ?= 1000
# `make docs`: the modules documented (the library's targets, not the commands) and the archive.
DOCS_TARGETS := AppendixData AppendixExpression AppendixDefinition AppendixLayout AppendixRender AppendixPipeline AppendixFees AppendixCheck AppendixKit
DOCS_ARCHIVE := .build-docs/Appendix.doccarchive

.PHONY: serve browser-test bench-web build-web all deps build install uninstall demo check-accessible lint docs test api-check api-update verify print-check print-fonts python check-fixtures fuzz preview bench bench-quick bench-memory clean

all: demo

## deps: install the C libraries from Debian's packages when missing.
deps:
	@missing=""; for p in $(APT_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  echo "make: installing$$missing"; \
	  $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq --no-install-recommends $$missing >/dev/null; \
	fi

## build: compile the library and the appendix command ($(BIN)).
build: deps
	@[ "$(CONFIG)" != release ] || { $(STATIC_CXX_LINK); }
	$(SWIFT) build $(SWIFT_BUILD_$(CONFIG)) --product appendix

## build-web: the web app's release build, .build/release/appendix-web (PIE; the same flags and
## folder as the command's release build, whose compiled modules it reuses).
build-web: deps
	@$(STATIC_CXX_LINK)
	$(SWIFT) build $(SWIFT_BUILD_release) --product appendix-web

## serve: run the web app (appendix-web, the debug build) on http://127.0.0.1:$(WEB_PORT) with the
## sample templates, data and previews; builds and history in .build/web-state. Ctrl-C stops it
## (running builds finish first).
serve: deps
	$(SWIFT) build --product appendix-web
	.build/debug/appendix-web --port $(WEB_PORT) --templates Templates --data SampleData --state .build/web-state --previews docs/previews

## browser-test: the web app in Debian's Chromium, headless, through Selenium (build, fee and
## fee import flows end to end, axe on every page, screenshots and downloads in docs/web/). Part of make test.
browser-test: deps python
	@missing=""; for p in $(BROWSER_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  echo "make: installing$$missing"; \
	  $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq --no-install-recommends $$missing >/dev/null; \
	fi
	$(SWIFT) build --product appendix-web
	$(SWIFT) build --product appendix
	$(VENV)/bin/python scripts/browser-test.py --bin .build/debug/appendix-web

## bench-web: the web app's load test (scripts/web-load.py): 50 users building the fee appendix
## for 60 s against its release build (`make build-web`), honouring Retry-After; writes the
## "Web app under load" section of BENCHMARKS.md. Part of make bench.
bench-web: build-web
	python3 scripts/web-load.py --bin .build/release/appendix-web --users 50 --seconds 60 --benchmarks BENCHMARKS.md

## install: copy the built command to $(DESTDIR)$(PREFIX)/bin/appendix (PREFIX=/usr/local;
## PREFIX=~/.local for a folder of your own). It builds nothing and runs no sudo: it stops
## and says what to run when the binary is missing or older than the sources (`make build`, as
## yourself — a build under sudo would leave root-owned files in .build) or the folder is not
## writable (`sudo make install`). Besides the C library it needs only libxlsxwriter and libcsv
## (Debian's packages, which `make build` installs); the Swift runtime is linked into it.
install:
	@src="$(BIN)"; dest="$(DESTDIR)$(PREFIX)/bin"; \
	if [ ! -x "$$src" ]; then echo "make install: $$src is not built; run 'make build' first" >&2; exit 1; fi; \
	if [ -n "$$(find Sources Package.swift -newer "$$src" -print -quit)" ]; then \
	  echo "make install: $$src is older than the sources; run 'make build' first" >&2; exit 1; fi; \
	mkdir -p "$$dest" 2>/dev/null || true; \
	if [ ! -w "$$dest" ]; then echo "make install: $$dest is not writable; run 'sudo make install', or 'make install PREFIX=\$$HOME/.local'" >&2; exit 1; fi; \
	echo "make install: copying $$src to $$dest/appendix (debug symbols stripped)"; \
	install -m 755 "$$src" "$$dest/appendix" && strip --strip-debug "$$dest/appendix"

## uninstall: remove $(DESTDIR)$(PREFIX)/bin/appendix.
uninstall:
	rm -f "$(DESTDIR)$(PREFIX)/bin/appendix"

## demo: write every sample appendix (Templates/*.yaml with SampleData/) into out/, and its
## accessible variant (--accessible) as out/NAME-accessible.xlsx.
demo: build
	@mkdir -p out
	@for t in $(TEMPLATES); do \
	  name=$$(basename $$t .yaml); \
	  $(BIN) build $$t --data SampleData --output out/$$name.xlsx || exit 1; \
	  $(BIN) build $$t --data SampleData --accessible --output out/$$name-accessible.xlsx --quiet || exit 1; \
	done
	@$(BIN) fees uplift SampleData/registrar-fees-2018-19.csv --policy Templates/policies/registrar-uplift-2019-20.yaml \
	  --comparators SampleData/registrar-fee-comparators-illustrative.csv --output out/registrar-fees-2019-20-proposed.csv --quiet
	@$(BIN) fees diff SampleData/registrar-fees-2018-19.csv out/registrar-fees-2019-20-proposed.csv \
	  --old-amount charge_2018_19 --new-amount recommended_2019_20 --output out/fee-changes.xlsx > out/fee-changes.txt && tail -2 out/fee-changes.txt

## lint: swift-format's rules (.swift-format; Tests/.swift-format is the same but allows force
## unwraps). Rules only, under a second: the pretty-printer's whitespace findings are left out
## (--debug-disable-pretty-print) until the tree is formatted with swift-format once (984
## findings in 85 files at 160 columns). A force unwrap that cannot fail says why and carries
## `// swift-format-ignore: NeverForceUnwrap` on the line above.
lint:
	$(SWIFT) format lint --strict --recursive --debug-disable-pretty-print Sources Tests Examples Package.swift

## docs: the library's DocC documentation (swift-docc-plugin), warnings as errors (a broken
## ``link`` fails), in $(DOCS_ARCHIVE); to read it, serve that folder (python3 -m http.server -d …)
## and open /documentation/appendixkit.
## Layout: one combined archive with a page per module, the stage targets and AppendixKit, whose
## page is the overview article (Sources/AppendixKit/AppendixKit.docc). DocC does not document
## what AppendixKit re-exports: for `--target AppendixKit` alone the symbol graph of the
## umbrella has 0 symbols. swift-symbolgraph-extract can include them
## (-experimental-allowed-reexported-modules=AppendixData,…: 1,016 symbols when run by hand), but
## SwiftPM's extraction step takes no extra flags and `-Xswiftc` passes it to the compiler, which
## refuses it ("unknown argument"); a hand-made extraction would copy SwiftPM's search paths.
## So each stage documents its own public symbols, and links between modules are written from
## the root: ``/AppendixPipeline/ReportBuild``. 22 s after `swift build --build-tests` in a new
## clone (the plugin adds ~8 s of tools to that build): part of `make test`.
docs: deps
	@mkdir -p $(dir $(DOCS_ARCHIVE))
	$(SWIFT) package --allow-writing-to-directory $(dir $(DOCS_ARCHIVE)) generate-documentation \
	  $(DOCS_TARGETS:%=--target %) --enable-experimental-combined-documentation \
	  --output-path $(DOCS_ARCHIVE) --warnings-as-errors

## test: lint, build, check the public API, run the whole test suite, build the documentation,
## then recalculate the demo workbooks in LibreOffice — all with the debug build (verify with
## CONFIG=debug), so the package is compiled once.
test: deps lint
	$(SWIFT) build --build-tests
	$(MAKE) --no-print-directory api-check
	$(SWIFT) test --skip-build
	$(MAKE) --no-print-directory browser-test
	$(MAKE) --no-print-directory docs
	$(MAKE) --no-print-directory verify CONFIG=debug
	$(MAKE) --no-print-directory check-accessible CONFIG=debug

## check-accessible: `appendix check` on every accessible variant `make demo` wrote (0 findings,
## else it fails), then the same workbooks read back with openpyxl (scripts/accessible-readback.py:
## cover, contents and notes first, no merges, each table's header cells its column names,
## nothing outside a table, alt text on every chart); part of make test. `make verify`
## recalculates them with the print workbooks.
check-accessible: demo python
	$(BIN) check out/*-accessible.xlsx
	$(VENV)/bin/python scripts/accessible-readback.py out

## api-check: the library's public symbols (symbol graphs of the built modules) must equal
## api/public-symbols.txt (a readable diff when not), each with a /// comment, and the command
## line must be compiled without package access (scripts/cli-public-only.sh). About 3 s after a
## build; part of make test.
api-check: deps
	$(SWIFT) build --product appendix
	scripts/public-symbols.py --check api/public-symbols.txt
	@scripts/public-symbols.py --undocumented > .build/undocumented.txt || { cat .build/undocumented.txt; echo "api-check: public symbols above have no /// comment"; exit 1; }
	scripts/cli-public-only.sh

## api-update: rewrite api/public-symbols.txt after a deliberate change to the public API.
api-update: deps
	$(SWIFT) build --product appendix
	scripts/public-symbols.py --write api/public-symbols.txt

## fuzz: the generated-input tests with 10,000 inputs per target, then the differential test on
## DIFF_COUNT (1,000) generated workbooks recalculated in one LibreOffice call (APPENDIX_FUZZ_SEED to vary);
## all with the test (debug) build.
fuzz: deps python
	$(SWIFT) build --build-tests
	APPENDIX_FUZZ_ITERATIONS=10000 $(SWIFT) test --skip-build --filter PropertyTests
	scripts/ensure-libreoffice.sh
	$(VENV)/bin/python scripts/differential.py --bin .build/debug/appendix --count $(DIFF_COUNT) --work .build/differential-fuzz

## preview: PNG pictures of every printed page of every sample sheet, in docs/previews/
## (NAME-SHEET-pN.png; pictures of an earlier run are removed first).
preview: build
	scripts/ensure-libreoffice.sh
	@command -v pdftoppm >/dev/null && command -v pdfinfo >/dev/null || { $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq poppler-utils >/dev/null; }
	@rm -f docs/previews/*.png
	@for t in $(TEMPLATES); do $(BIN) preview $$t --data SampleData --folder docs/previews -q || exit 1; done
	@ls docs/previews | wc -l | xargs echo "preview: pictures in docs/previews:"

## bench: the side-by-side benchmark, writes BENCHMARKS.md (at most 20 minutes on a quiet machine):
## bench/run.sh times Appendix, floor.c and the Python peers in interleaved rounds (3 at 10k and
## 100k rows with the peers, 3 at 1M for Appendix and floor.c, the 1M target judged on their
## median; Appendix's grouped, sorted and per-period workloads in the same rounds, at 1M in the
## first only; the 40-row case with hyperfine), then bench/memory.sh measures memory by template
## at 10k and 100k rows (1M is `make bench-memory`), then the web app's release build and load
## test (bench-web). The wall time of each step goes into BENCHMARKS.md ("Time taken by `make
## bench`", bench/phases.py). Targets on speed are judged on rounds that start with load < 0.5:
## run it when the machine is quiet. BENCH_ARGS / MEMORY_ARGS pass options (e.g.
## BENCH_ARGS="--sizes 10000,100000"). Times the binary `make build` makes ($(BIN)).
bench: deps
	@set -e; mark=$$(date +%s); phases=(); \
	lap() { local now; now=$$(date +%s); phases+=(--phase "$$1=$$((now - mark))"); mark=$$now; }; \
	$(MAKE) --no-print-directory build; lap build; \
	bench/run.sh --appendix-bin $(BIN) $(BENCH_ARGS); lap rounds; \
	bench/memory.sh --sizes 10000,100000 --appendix-bin $(BIN) $(MEMORY_ARGS); lap memory; \
	$(MAKE) --no-print-directory build-web; lap web-build; \
	$(MAKE) --no-print-directory bench-web; lap web-load; \
	python3 bench/phases.py --write BENCHMARKS.md "$${phases[@]}"

## bench-quick: one round at 100k rows, Appendix against floor.c, and the 40-row case; prints
## the ratios and leaves BENCHMARKS.md alone (about 30 s after the release build). Report it
## before and after a change to the hot path.
bench-quick: build
	bench/run.sh --quick --appendix-bin $(BIN) $(BENCH_ARGS)

## bench-memory: peak RSS and wall time of every shipped template with data scaled up
## (bench/memory.sh, 10k, 100k and 1M rows, ~20 min); writes BENCHMARKS.md's "Memory by
## template". `make bench` runs it at 10k and 100k only. MEMORY_ARGS="--sizes 10000,100000" for a quick run.
bench-memory: build
	bench/memory.sh --appendix-bin $(BIN) $(MEMORY_ARGS)

## print-check: print every demo workbook (out/) to PDF in one LibreOffice call and check the
## pages (scripts/print-check.py): pages per sheet against Tests/AppendixKitTests/Fixtures/print-pages.txt, no page
## holding only the header or only totals and notes, exactly the pages the manual page breaks make,
## each continuation page of a grouped sheet starting with a group heading, no columns cut off to another page, no text
## cut off, wrapped rows as tall as their printed lines within one line. About 15 s after
## `make demo`; part of verify. `make print-check PRINT_ARGS=--update` rewrites the goldens.
print-check: demo python print-fonts
	scripts/ensure-libreoffice.sh
	$(VENV)/bin/python scripts/print-check.py --workbooks out --work .build/print-check --golden Tests/AppendixKitTests/Fixtures/print-pages.txt $(PRINT_ARGS)

## print-fonts: the fonts LibreOffice prints Calibri and Arial with (Carlito and Liberation Sans,
## the metrics the layout measures with; without them it prints with DejaVu, wider) and pdftotext.
PRINT_PACKAGES := fonts-crosextra-carlito fonts-liberation2 poppler-utils
print-fonts:
	@missing=""; for p in $(PRINT_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  echo "make: installing$$missing"; \
	  $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq --no-install-recommends $$missing >/dev/null; \
	fi

## python: a virtualenv with scripts/requirements.txt: openpyxl for reading workbooks back,
## gptables for the accessibility check's reference workbook. Reinstalled when the list changes.
python: $(VENV)/.requirements
$(VENV)/.requirements: scripts/requirements.txt
	[ -x $(VENV)/bin/python ] || python3 -m venv $(VENV)
	$(VENV)/bin/pip install -q -r scripts/requirements.txt
	cp scripts/requirements.txt $@

## check-fixtures: rewrite the workbooks `appendix check`'s tests read (Tests/AppendixKitTests/
## Fixtures/check: one bad workbook per rule made with openpyxl, gptables' output, hostile files).
## They are committed, so the tests need no Python; run this after changing scripts/check-fixtures.py.
check-fixtures: python
	$(VENV)/bin/python scripts/check-fixtures.py Tests/AppendixKitTests/Fixtures/check

## verify: recalculate every demo workbook in LibreOffice and compare with the cached values,
## edit the registrar fee appendix's proposed fees with openpyxl and recalculate them (scripts/edit-fees.py),
## edit the fee review workbook and read it back (fee-import-check), print them and check the
## pages (print-check), then the differential test's fixed sample of
## generated workbooks (one LibreOffice call each).
## With $(BIN): `make verify CONFIG=debug` checks the test build without compiling a release.
verify: demo python print-fonts
	scripts/ensure-libreoffice.sh
	$(VENV)/bin/python scripts/verify-workbooks.py out
	$(VENV)/bin/python scripts/edit-fees.py out/registrar-fees.xlsx --work .build/edit-fees
	$(VENV)/bin/python scripts/fee-import-check.py --bin $(BIN) --workbook out/registrar-fees-review.xlsx --work .build/fee-import-check
	$(VENV)/bin/python scripts/print-check.py --workbooks out --work .build/print-check --golden Tests/AppendixKitTests/Fixtures/print-pages.txt
	$(VENV)/bin/python scripts/differential.py --bin $(BIN) --seed $(DIFF_SAMPLE_SEED) --cases $(DIFF_SAMPLE) --work .build/differential

clean:
	rm -rf .build .build-docs out $(VENV)
