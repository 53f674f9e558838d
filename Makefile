# amendlens build helpers.
#
#   make run     build, then serve the dashboard on the built-in sample
#   make test    every test (the command CI runs)
#   make fuzz    each fuzz target for FUZZTIME
#   make bench   the benchmark command (cmd/amendlens-bench), then the Go benchmarks
#
# ECharts 5.4.3, the build go-echarts v2.6.7 targets, is committed under
# templates/static/echarts/ with its licences (see templates/static/NOTICE);
# a test checks its SHA-256. Nothing is fetched at build or run time.

GOFLAGS_BUILD := -tags nomsgpack
FUZZTIME ?= 30s
ADDR ?= 127.0.0.1:8080

.PHONY: build build-bench run test fuzz bench

build:
	go build $(GOFLAGS_BUILD) -o amendlens ./cmd/amendlens

build-bench:
	go build $(GOFLAGS_BUILD) -o amendlens-bench ./cmd/amendlens-bench

run: build
	./amendlens serve -addr $(ADDR)

test:
	go test $(GOFLAGS_BUILD) ./...

fuzz:
	go test -run '^$$' -fuzz '^FuzzParse$$' -fuzztime $(FUZZTIME) ./analysis
	go test -run '^$$' -fuzz '^FuzzParseCSV$$' -fuzztime $(FUZZTIME) ./analysis
	go test -run '^$$' -fuzz '^FuzzParseDictionary$$' -fuzztime $(FUZZTIME) ./analysis
	go test -run '^$$' -fuzz '^FuzzReadDictionary$$' -fuzztime $(FUZZTIME) ./analysis
	go test -run '^$$' -fuzz '^FuzzSlug$$' -fuzztime $(FUZZTIME) ./analysis
	go test -run '^$$' -fuzz '^FuzzParseDocx$$' -fuzztime $(FUZZTIME) ./analysis
	go test -run '^$$' -fuzz '^FuzzParseText$$' -fuzztime $(FUZZTIME) ./analysis
	go test -run '^$$' -fuzz '^FuzzAlign$$' -fuzztime $(FUZZTIME) ./analysis
	go test -run '^$$' -fuzz '^FuzzNumbering$$' -fuzztime $(FUZZTIME) ./analysis
	go test -run '^$$' -fuzz '^FuzzTrackedMarks$$' -fuzztime $(FUZZTIME) ./analysis

bench: build build-bench
	./amendlens-bench
	go test $(GOFLAGS_BUILD) -run '^$$' -bench . -benchmem ./...
