"""Getting data in and out: the JSON export and import, CSV, the prescriber report, calendars.

Functions here take plain domain values (entries, plan records, events) and return text or
data; the CLI and the app fetch those from the store. Nothing here imports Textual or TinyDB.
"""
