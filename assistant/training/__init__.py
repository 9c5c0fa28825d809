"""Training mode: scenarios on synthetic clients, quizzes from the documents, role-play, a debrief, progress.

Everything here works offline; a chat model, when given, is always the gated one (assistant.gated).
"""
