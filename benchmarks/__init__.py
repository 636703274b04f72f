"""Benchmarks and Lighthouse against the production server (`make bench`, `make bench-quiz`,
`make bench-plan`; `python -m benchmarks.<name>`), all started through one harness,
benchmarks/server.py, which the tests that attack the server share. Figures are in
docs/performance.md and docs/operations.md. Nothing the site runs imports this package, and
the Docker image leaves it out.
"""
