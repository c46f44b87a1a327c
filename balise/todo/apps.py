from django.apps import AppConfig


class TodoConfig(AppConfig):
    # No models, so never shown in the admin: no verbose name to translate.
    name = "balise.todo"

    def ready(self) -> None:
        # Imported here, not at the top: apps.py runs before the models are ready.
        from balise.todo.jobs import register_jobs

        register_jobs()  # the daily reminder e-mails as a background job
