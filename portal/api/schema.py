"""Hooks for the OpenAPI schema."""


def only_api_paths(endpoints, **kwargs):
    """Keep the portal's own API; Wagtail's admin API views are not part of the open data API."""
    return [endpoint for endpoint in endpoints if endpoint[0].startswith("/api/v1/")]
