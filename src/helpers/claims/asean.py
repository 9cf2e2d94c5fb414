"""Claim tests: asean.

No test is registered here yet; the themed notebook's issue adds them. Until then the
overview's scorecard lists this theme's claims as "no test yet".
"""
