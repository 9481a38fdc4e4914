# Passerelle: `make site` builds the sample site into Public/, `make test` runs every test.
# Both install what is missing first (Debian packages: cmark-gfm and pkg-config).

SWIFT        ?= swift
CONFIG       ?= debug
APT_PACKAGES := libcmark-gfm-dev libcmark-gfm-extensions-dev pkg-config zlib1g-dev
BIN          = .build/$(CONFIG)/passerelle

.PHONY: site test build bench bench-large deps test-deps clean

site: deps
	$(SWIFT) build -c $(CONFIG) --product passerelle
	$(BIN) build --content Content --themes Themes --output Public

# Swift tests, then the search script's tests and the end-to-end browser tests (Node's runner, Chromium).
test: deps test-deps
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build
	node --test Tests/js/ Tests/e2e/

build: deps
	$(SWIFT) build -c $(CONFIG) --product passerelle

# Build time and peak memory on the sample and on generated corpora (BENCH_SIZES="1000 10000").
bench: deps
	$(SWIFT) build -c release --product passerelle
	scripts/bench.sh

# The same, with the 100,000-talent corpus too (about 10 times the 10,000 build; several GB of memory).
bench-large: deps
	$(SWIFT) build -c release --product passerelle
	BENCH_LARGE=1 scripts/bench.sh

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

# The browser and Node for the JavaScript and end-to-end tests (Debian's chromium and nodejs).
test-deps:
	@missing=""; command -v chromium >/dev/null 2>&1 || missing="$$missing chromium"; \
	command -v node >/dev/null 2>&1 || missing="$$missing nodejs"; \
	if [ -n "$$missing" ]; then \
	  echo "Installing:$$missing"; \
	  SUDO=""; [ "$$(id -u)" -eq 0 ] || SUDO=sudo; \
	  $$SUDO apt-get update -qq; \
	  DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq $$missing; \
	fi

clean:
	rm -rf .build
