"""The web UI: static assets (no build step, no CDN) served by `hodo.api`."""
