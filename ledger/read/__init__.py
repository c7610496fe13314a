"""Reading a ledger file: the reference YAML reader (every node's position, ``yaml_reader``),
the fast reader for large ledgers (``fast_reader``), the source files (``sources``), and
validation against the model (``validate``: Y, S and R codes), each problem placed at its
node (``problems``)."""
