"""The model side: prompt templates, token budgets, and the OpenAI engine."""
