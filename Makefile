# shore's build, test and demo entry points. `make help` lists them.
GO      ?= go
BIN     ?= bin/shore
VERSION ?= $(shell git describe --tags --always --dirty 2>/dev/null || echo dev)
LDFLAGS := -X github.com/kafkashore/shore/cmd.version=$(VERSION)
# go test's limit for one package's run. cmd's integration tests take 4-8
# minutes on two cores, longer when other jobs share them (the race build,
# real Kafka); go test's default of 10 minutes ended a loaded run of them
# with a panic while every test was still passing.
TEST_TIMEOUT ?= 30m

.PHONY: help build test check race demo bench docs peer-venv

help: ## list the targets
	@grep -hE '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | sed 's/:.*## /\t/'

build: ## build bin/shore
	$(GO) build -ldflags "$(LDFLAGS)" -o $(BIN) .

check: ## gofmt and go vet
	@out=$$(gofmt -l $$(git ls-files '*.go')); if [ -n "$$out" ]; then echo "gofmt would change:"; echo "$$out"; exit 1; fi
	$(GO) vet ./...

# Where java and mvn are installed, the interop tests run Apache Kafka's Java
# tools against the embedded broker too, through kafka/tool.sh (which fetches
# their jars with Maven on first use, as make test-kafka does).
JAVA_TOOLS := $(if $(and $(shell command -v java),$(shell command -v mvn)),SHORE_KAFKA_TOOLS=$(CURDIR)/kafka/tool.sh)

test: check ## gofmt, vet, unit and integration tests on the embedded broker
	$(JAVA_TOOLS) $(GO) test -count=1 -timeout $(TEST_TIMEOUT) ./...

race: ## the tests under the race detector (needs a C compiler, as -race does)
	$(GO) test -race -count=1 -timeout $(TEST_TIMEOUT) ./...

docs: ## regenerate the command reference in docs/commands from the commands' help
	rm -rf docs/commands
	$(GO) run ./cmd/gendocs docs/commands

demo: build ## start shore dev on a free port and walk through what shore does
	./scripts/demo.sh $(BIN)

bench: build ## every benchmark of docs/performance.md, on the embedded broker or SHORE_TEST_BROKERS
	./scripts/bench.sh $(BIN)

# The reference implementation of the schema registry wire format, for the
# interop tests (internal/peers.RunConfluent): confluent-kafka in a virtualenv
# under .peers/ (git-ignored). The stamp names the requirement, so that a
# changed pin rebuilds it.
PYTHON      ?= python3
PEER_VENV   := .peers/venv
PEER_SPEC   := confluent-kafka[avro,protobuf,json,schemaregistry]==2.16.1
PEER_STAMP  := $(PEER_VENV)/.shore-spec

peer-venv: ## a virtualenv with confluent-kafka for the schema interop tests
	@if [ "$$(cat $(PEER_STAMP) 2>/dev/null)" != "$(PEER_SPEC)" ]; then \
		rm -rf $(PEER_VENV) && \
		$(PYTHON) -m venv $(PEER_VENV) && \
		$(PEER_VENV)/bin/pip install -q '$(PEER_SPEC)' && \
		echo '$(PEER_SPEC)' >$(PEER_STAMP); \
	fi

include kafka/kafka.mk
