# Make targets for testing shore against a real Apache Kafka on 127.0.0.1.
# The main Makefile includes this file; `make -f kafka/kafka.mk TARGET` works
# too. kafka/up.sh lists the environment variables that shape the cluster
# (KAFKA_NODES, KAFKA_PORT, ...); they pass through make unchanged.

GO ?= go
KAFKA_DIR := $(patsubst %/,%,$(dir $(lastword $(MAKEFILE_LIST))))
KAFKA_ROOT := $(abspath $(KAFKA_DIR)/..)
# go test caches results by the environment it reads; -count=1 makes sure the
# tests really run against the cluster at hand.
KAFKA_TEST_FLAGS ?= -count=1

.PHONY: kafka-up kafka-down test-kafka

kafka-up: ## start Apache Kafka on loopback (KAFKA_NODES=3 for three nodes)
	$(KAFKA_DIR)/up.sh

kafka-down: ## stop the Apache Kafka that kafka-up started and delete its data
	$(KAFKA_DIR)/down.sh

# Once up.sh has succeeded, the trap stops the cluster also when the tests
# fail or are interrupted; the recipe exits with the tests' status. A cluster
# that was already running (make kafka-up) makes up.sh fail and is left alone.
test-kafka: ## go test ./... against a real Apache Kafka started for the run
	@trap 'exit 130' INT TERM; \
	$(KAFKA_DIR)/up.sh || exit $$?; \
	trap '$(KAFKA_DIR)/down.sh' EXIT; \
	cd $(KAFKA_ROOT) && \
	SHORE_TEST_BROKERS="$$(cat .kafka/run/bootstrap)" \
	SHORE_KAFKA_TOOLS=$(KAFKA_ROOT)/kafka/tool.sh \
	$(GO) test $(KAFKA_TEST_FLAGS) ./...
