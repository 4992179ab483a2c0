"""A realistic, reproducible demo network: `coltiva demo` and the benchmark's books."""
