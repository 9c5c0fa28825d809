"""The application: conversations, roles, answerers, chat models; Settings and the composition root."""
