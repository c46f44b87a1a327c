"""Background jobs: long work (reports, large imports, reminders) done by ``balise worker``.

A :class:`~balise.jobs.models.Job` is what the user sees (state, progress, file, error); the
queue itself is django-tasks with its database backend, so it needs nothing but the database.
"""
