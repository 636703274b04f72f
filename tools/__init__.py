"""Developer tools: checks and generators run by hand or in CI, never by the site.

No runtime package (content_engine, webkit, the apps, roadmap_site) imports this package
(tests/test_layers.py), and the Docker image leaves it out (.dockerignore).
"""
