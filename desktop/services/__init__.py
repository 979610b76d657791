"""Application services: what the window and the command line call (built by ``app_services``)."""
