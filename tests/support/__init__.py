"""Code the tests and the benchmarks share: generated departments, rule cases."""
