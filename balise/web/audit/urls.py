from django.urls import path

from balise.web.audit import views

urlpatterns = [
    path("", views.plan_history_view, name="plan-history"),
]
