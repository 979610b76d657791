"""The window: widgets that call services (built by ``desktop.services.app_services``) off the GUI thread."""

import desktop.content  # noqa: F401  (registers the shipped exercise library and norm tables)
