"""Integrity perception survey: anonymous by design, answered in the chat, turned into the
Diagnóstico de Integridad.

Anonymity by design (threat model and attacks in docs/encuestas.md): only participation (who was
invited, who finished) knows people, and it holds no answers. Drafts are linked to the person
only while answering and deleted at the end. A finished response goes, in a transaction of its
own, to a pool without identity or time, and is added to counters created at launch only in
shuffled batches of at least five (``tally``); free text is stored with a random key and no group.
"""
