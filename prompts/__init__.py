"""Prompt templates, shipped with the package as `bot.prompts`. Data, not code."""
