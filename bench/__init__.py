"""Benchmarks: scripts that print throughput and ratios measured in the same run."""
