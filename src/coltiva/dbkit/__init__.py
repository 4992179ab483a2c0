"""Generic database helpers every app may use: fast bulk writes (``bulk``), the designed
SQL statements' helpers (``sqlrows``). They know no model of the project."""
