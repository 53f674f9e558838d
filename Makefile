# amendlens build helpers.
#
#   make run     build, then serve the dashboard on the built-in sample
#   make test    every test (the command CI runs)
#   make fuzz    each fuzz target for FUZZTIME; a target fails when it writes
#                a failing input (Go 1.26's fuzzing coordinator can also stop
#                at its deadline with "context deadline exceeded" and no
#                input, golang/go#75804, which is reported and passed over)
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
	@set -e; for t in analysis:FuzzParse analysis:FuzzParseCSV analysis:FuzzParseDictionary analysis:FuzzReadDictionary parse:FuzzSlug analysis:FuzzParseDocx analysis:FuzzParseText align:FuzzAlign align:FuzzAlignTokens docx:FuzzNumbering analysis:FuzzTrackedMarks ingest:FuzzManifest ingest:FuzzChain analysis:FuzzParsePDF; do \
		pkg=$${t%%:*}; name=$${t#*:}; dir=$$pkg/testdata/fuzz/$$name; \
		before=$$(ls $$dir 2>/dev/null | wc -l); \
		echo "go test -run '^$$' -fuzz '^$$name$$' -fuzztime $(FUZZTIME) ./$$pkg"; \
		out=$$(mktemp); st=0; go test -run '^$$' -fuzz "^$$name\$$" -fuzztime $(FUZZTIME) ./$$pkg > $$out 2>&1 || st=$$?; \
		cat $$out; \
		if [ $$st != 0 ]; then \
			if [ "$$(ls $$dir 2>/dev/null | wc -l)" = "$$before" ] && grep -q '^    context deadline exceeded$$' $$out; then \
				echo "$$name: stopped without a failing input (the fuzzing coordinator's deadline race of Go 1.26, golang/go#75804): not a failure"; \
			else \
				echo "$$name: failed"; rm -f $$out; exit 1; \
			fi; \
		fi; \
		rm -f $$out; \
	done

bench: build build-bench
	./amendlens-bench
	AMENDLENS_BENCH_COMMAND=1 go test $(GOFLAGS_BUILD) -run '^TestBenchCommand$$' -v ./cmd/amendlens-bench
	go test $(GOFLAGS_BUILD) -run '^$$' -bench . -benchmem ./...
