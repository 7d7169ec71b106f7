"""Evaluation frameworks as versioned data (KommunKompassen, Kvalitetsutmärkelsen, SIQ): the
framework file (files.py), the shipped frameworks (shipped.py), versions and their parts,
scales and scores (scores.py), reference series. Imports nothing of evaluations or entries."""
