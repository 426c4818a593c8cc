"""Persistence: one TinyDB JSON file, written atomically, locked, backed up and migrated."""
