"""What the commands print and produce: claim and conflict records (the JSON contracts),
reporters (text, json, markdown, github, sarif), exports, the matrix, the JSON Schema and
the HTML report."""
