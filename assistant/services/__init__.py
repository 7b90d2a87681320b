"""Services hold the product logic; API routes and the CLI stay thin."""
