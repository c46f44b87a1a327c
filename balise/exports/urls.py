from django.urls import re_path

from balise.exports import views

urlpatterns = [
    re_path(r"^convention\.(?P<format>docx|pdf)$", views.convention, name="plan-convention"),
]
