#!/usr/bin/env bash
# Creates the Kafka topics of the todo-chat event contract with rpk (Redpanda's CLI, which speaks
# to any Kafka cluster). Brokers and credentials come from rpk's own profile or flags, e.g.
#   RPK_BROKERS=localhost:9092 deploy/kafka/create-topics.sh
#   deploy/kafka/create-topics.sh -X brokers=kafka.example.com:9093 -X tls.enabled=true \
#     -X sasl.mechanism=SCRAM-SHA-512 -X user=admin -X pass=...
# On a single-broker laptop cluster set REPLICAS=1 (and the dead-letter topics follow).
set -euo pipefail

replicas="${REPLICAS:-3}"
# With one replica there is no second copy to wait for.
min_insync=$(( replicas > 1 ? 2 : 1 ))

day_ms=86400000

rpk topic create task-events "$@" \
  --partitions 3 --replicas "$replicas" \
  --topic-config retention.ms=$(( 7 * day_ms )) \
  --topic-config cleanup.policy=compact,delete \
  --topic-config min.insync.replicas="$min_insync"

rpk topic create reminders "$@" \
  --partitions 3 --replicas "$replicas" \
  --topic-config retention.ms=$(( 7 * day_ms )) \
  --topic-config cleanup.policy=delete \
  --topic-config min.insync.replicas="$min_insync"

rpk topic create task-updates "$@" \
  --partitions 3 --replicas "$replicas" \
  --topic-config retention.ms=$(( 1 * day_ms )) \
  --topic-config cleanup.policy=delete \
  --topic-config min.insync.replicas="$min_insync"

for topic in task-events-dlq reminders-dlq task-updates-dlq; do
  rpk topic create "$topic" "$@" \
    --partitions 1 --replicas "$replicas" \
    --topic-config retention.ms=$(( 30 * day_ms )) \
    --topic-config cleanup.policy=delete \
    --topic-config min.insync.replicas="$min_insync"
done
