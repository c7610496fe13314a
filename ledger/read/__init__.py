"""Reading a ledger file: the reference YAML reader (every node's position), the fast reader
for large ledgers, the source files, and validation against the model (Y and S codes)."""
