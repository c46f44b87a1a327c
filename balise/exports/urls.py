from django.urls import path, re_path

from balise.exports import views

urlpatterns = [
    re_path(r"^convention\.(?P<format>docx|pdf)$", views.convention, name="plan-convention"),
    path("values-by-category.csv", views.values_by_category, name="plan-values-by-category"),
]
