"""What an id of the ledger looks like (a source, an entity, a term, a claim), in a module of
its own so that code that only needs to recognise an id does not build the pydantic models."""

ID_PATTERN = r"^[a-z0-9][a-z0-9.+-]*$"
