from django.urls import path

from balise.web.jobs import views

urlpatterns = [
    path("<int:job_id>/", views.job_page, name="job"),
    path("<int:job_id>/file", views.job_file, name="job-file"),
    path("<int:job_id>/retry/", views.job_retry, name="job-retry"),
]
