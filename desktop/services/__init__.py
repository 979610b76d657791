"""Application services: what the window and the command line call (built by ``app_services``)."""

import desktop.content  # noqa: F401  (registers the shipped exercise library and norm tables)
