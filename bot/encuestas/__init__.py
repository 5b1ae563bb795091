"""Integrity perception survey: anonymous by design, answered in the chat, turned into the
Diagnóstico de Integridad.

Anonymity by design: a finished response is added to counters (tallies per question, option,
department and kind) and is never stored as a row of its own; free text is stored with a random
key and no group attributes. Only participation (who was invited, who finished) knows people, and
it holds no answers. Drafts are linked to the person only while answering and deleted at the end.
"""
