"""Pure domain logic: knowledge, the rubric engine, verdicts. Imports no vendor SDK."""
