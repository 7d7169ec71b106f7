"""Evaluations of a unit against a framework version: scores, narratives, findings, findings
as actions, comparison within the version. Imports frameworks, never entries."""
