# amendlens build helpers.
#
#   make run     build, then serve the dashboard on the built-in sample
#   make test    every test (the command CI runs)
#   make fuzz    each fuzz target for FUZZTIME
#   make bench   the benchmark command, then the Go benchmarks
#
# assets fetches the ECharts build that go-echarts v2.6.7 targets (echarts
# 5.4.3) from its npm package into templates/static/, where the binary embeds
# and serves it at /static/echarts.min.js. The file is not committed; the
# target does nothing when it is already there, and refuses a file whose
# SHA-256 is not the one of the published 5.4.3 build.

ECHARTS_VERSION := 5.4.3
ECHARTS_SHA256 := 1156429a16a38cb8604dcc6518c19406d4226142d908f8edd2e3531443c54d19
ECHARTS_JS := templates/static/echarts.min.js
GOFLAGS_BUILD := -tags nomsgpack
FUZZTIME ?= 30s
ADDR ?= 127.0.0.1:8080

.PHONY: assets build run test fuzz bench
assets: $(ECHARTS_JS)

$(ECHARTS_JS):
	@set -e; tmp=$$(mktemp -d); \
	trap 'rm -rf "$$tmp"' EXIT; \
	(cd "$$tmp" && npm pack --silent echarts@$(ECHARTS_VERSION) >/dev/null); \
	tar -xzf "$$tmp"/echarts-$(ECHARTS_VERSION).tgz -C "$$tmp" package/dist/echarts.min.js; \
	echo "$(ECHARTS_SHA256)  $$tmp/package/dist/echarts.min.js" | sha256sum -c --quiet -; \
	cp "$$tmp"/package/dist/echarts.min.js $@.tmp; \
	mv $@.tmp $@; \
	echo "fetched $@ (echarts $(ECHARTS_VERSION))"

build: assets
	go build $(GOFLAGS_BUILD) -o amendlens ./cmd/amendlens

run: build
	./amendlens serve -addr $(ADDR)

test: assets
	go test $(GOFLAGS_BUILD) ./...

fuzz:
	go test -run '^$$' -fuzz '^FuzzParse$$' -fuzztime $(FUZZTIME) ./analysis
	go test -run '^$$' -fuzz '^FuzzParseCSV$$' -fuzztime $(FUZZTIME) ./analysis
	go test -run '^$$' -fuzz '^FuzzParseDictionary$$' -fuzztime $(FUZZTIME) ./analysis

bench: build
	./amendlens bench
	go test $(GOFLAGS_BUILD) -run '^$$' -bench . -benchmem ./...
