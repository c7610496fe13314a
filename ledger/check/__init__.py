"""The cross-checker: conflicts computed from the typed claims by one rule per module
(``rules/``), over an index of the claims (``index``), run by the engine (``engine``);
and the coverage of each source by the claims."""
