"""Serve the knowledge base: a REST API and a web page in one process (``touchline serve``),
and an MCP server for AI assistants (``touchline mcp``).

Everything here reads through :class:`touchline.api.KnowledgeBase` and ``touchline.query``.
"""
