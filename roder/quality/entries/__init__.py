"""Award entries (Kvalitetsutmärkelsen): answers per question, figures from Roder's
indicators, the evaluators' feedback report. Imports frameworks, never evaluations."""
