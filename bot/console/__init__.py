"""`altitude console`: the real Slack app against a local stand-in for Slack, in a terminal."""
