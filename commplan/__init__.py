"""The communication plan domain: values, pure policies, services and ports.

Nothing in this package imports a framework; storage and chat adapters depend on it,
never the other way round.
"""
