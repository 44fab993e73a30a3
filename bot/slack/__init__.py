"""The Slack app: Block Kit builders, listeners, the app factory and the server."""
