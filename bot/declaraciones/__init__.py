"""Declarations of impediments and conflicts of interest (CPACA arts. 11–12, Ley 1952 art. 44):
filed from the chat, decided by the superior within 10 business days, kept in a register."""
