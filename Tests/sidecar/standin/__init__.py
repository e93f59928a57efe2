"""A stand-in for daprd with a Kafka pub/sub, for tests. See docs/standin-sidecar.md."""
