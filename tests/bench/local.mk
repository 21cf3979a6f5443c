# Benchmarks: `make bench` prints figures; never part of `make check`.
