"""Modal screens and dialogs: confirmation, crisis panel, onboarding, prompts."""
