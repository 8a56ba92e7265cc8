"""Alembic environment: runs on the connection touchline hands it."""

from __future__ import annotations

from alembic import context
from sqlalchemy import create_engine

from touchline.store.schema import metadata

config = context.config
connection = config.attributes.get("connection")

if connection is None:  # `alembic` run by hand: -x url=...
    url = context.get_x_argument(as_dictionary=True).get("url", "sqlite:///touchline.db")
    with create_engine(url).begin() as conn:
        context.configure(connection=conn, target_metadata=metadata, render_as_batch=True)
        with context.begin_transaction():
            context.run_migrations()
else:
    context.configure(connection=connection, target_metadata=metadata, render_as_batch=True)
    with context.begin_transaction():
        context.run_migrations()
