//! Micro-benchmarks of the build's hot paths (divan): filled in by the benchmark work.

fn main() {
    divan::main();
}
