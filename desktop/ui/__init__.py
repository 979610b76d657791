"""The window: widgets that call services (built by ``desktop.services.app_services``) off the GUI thread."""
