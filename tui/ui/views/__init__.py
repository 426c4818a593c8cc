"""The app's views, one module each: Today, Schedule, Log, History, Chart, Help."""
