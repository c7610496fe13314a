"""The benchmark harness of issue 8: a synthetic ledger generator and a runner."""
