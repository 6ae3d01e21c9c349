"""Routes of the domain apps, one module per app, joined into the access matrix."""
