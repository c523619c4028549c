"""Mamori: a Japanese-first case desk for complaints and customer harassment."""
