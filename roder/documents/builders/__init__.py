"""Moving out: the builders go to the apps that own their data (kinds.py); what they share
is in sections.py."""

from roder.documents.sections import Context, Section

__all__ = ["Context", "Section"]
