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
# go test's limit for one package's run (the main Makefile says why).
TEST_TIMEOUT ?= 30m

.PHONY: kafka-up kafka-down registry-up registry-down test-kafka test-faults

kafka-up: ## start Apache Kafka on loopback (KAFKA_NODES=3 for three nodes)
	$(KAFKA_DIR)/up.sh

kafka-down: ## stop the Apache Kafka that kafka-up started and delete its data
	$(KAFKA_DIR)/down.sh

registry-up: ## start a schema registry (Apicurio, built from Maven Central) on loopback
	$(KAFKA_DIR)/registry-up.sh

registry-down: ## stop the schema registry that registry-up started
	$(KAFKA_DIR)/registry-down.sh

# The security tests' listeners beside PLAINTEXT: SASL_PLAINTEXT, SSL (client
# certificates required) and SASL_SSL, with certificates made for each run by
# internal/testbroker/securekafka (which replaces KAFKA_EXTRA_LISTENERS and
# KAFKA_EXTRA_CONFIG for test-kafka), and Kafka's authorizer, under which
# only the ACL tests' own logins are refused anything
# (testbroker.ACLCluster).
KAFKA_SECURE_DIR := $(KAFKA_ROOT)/.kafka/secure

# Once up.sh (and registry-up.sh) have succeeded, the trap stops the cluster
# (and the schema registry, by PID) also when the tests fail or are
# interrupted; the recipe exits with the tests' status. A cluster
# that was already running (make kafka-up) makes up.sh fail and is left alone.
test-kafka: ## go test ./... against a real Apache Kafka and schema registry started for the run
	@trap 'exit 130' INT TERM; \
	(cd $(KAFKA_ROOT) && $(GO) run ./internal/testbroker/securekafka $(KAFKA_SECURE_DIR)) || exit $$?; \
	KAFKA_EXTRA_LISTENERS="SASL_PLAINTEXT SSL SASL_SSL" \
	KAFKA_EXTRA_CONFIG=$(KAFKA_SECURE_DIR)/kafka-security.properties \
	$(KAFKA_DIR)/up.sh || exit $$?; \
	trap '$(KAFKA_DIR)/down.sh' EXIT; \
	$(KAFKA_DIR)/registry-up.sh >/dev/null || exit $$?; \
	trap '$(KAFKA_DIR)/registry-down.sh; $(KAFKA_DIR)/down.sh' EXIT; \
	cd $(KAFKA_ROOT) && \
	SHORE_TEST_REGISTRY="$$(cat .kafka/registry/run/url)" \
	SHORE_TEST_BROKERS="$$(cat .kafka/run/bootstrap)" \
	SHORE_TEST_SASL_BROKERS="$$(cat .kafka/run/bootstrap.SASL_PLAINTEXT)" \
	SHORE_TEST_TLS_BROKERS="$$(cat .kafka/run/bootstrap.SSL)" \
	SHORE_TEST_SASL_SSL_BROKERS="$$(cat .kafka/run/bootstrap.SASL_SSL)" \
	SHORE_TEST_CERT_DIR=$(KAFKA_SECURE_DIR) \
	SHORE_KAFKA_TOOLS=$(KAFKA_ROOT)/kafka/tool.sh \
	$(GO) test -timeout $(TEST_TIMEOUT) $(KAFKA_TEST_FLAGS) ./...

# The fault suite (faults/): three nodes, replication factor 3 and
# min.insync.replicas=2, whose tests kill, freeze and restart nodes through
# kafka/node.sh (SHORE_FAULT_CONTROL) and count records with kcat. The trap
# stops the cluster whatever the tests do. FAULTS_TEST_FLAGS adds go test
# flags, e.g. FAULTS_TEST_FLAGS='-run TestProduceLeaderKilled -v'.
FAULTS_TEST_FLAGS ?=
test-faults: ## the fault suite against three real Apache Kafka nodes
	@trap 'exit 130' INT TERM; \
	KAFKA_NODES=3 KAFKA_EXTRA_CONFIG=$(KAFKA_ROOT)/kafka/faults.properties \
	$(KAFKA_DIR)/up.sh || exit $$?; \
	trap '$(KAFKA_DIR)/down.sh' EXIT; \
	cd $(KAFKA_ROOT) && \
	SHORE_TEST_BROKERS="$$(cat .kafka/run/bootstrap)" \
	SHORE_FAULT_CONTROL=$(KAFKA_ROOT)/kafka/node.sh \
	SHORE_KAFKA_TOOLS=$(KAFKA_ROOT)/kafka/tool.sh \
	$(GO) test -count=1 -timeout 15m $(FAULTS_TEST_FLAGS) ./faults/
