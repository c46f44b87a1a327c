from django.urls import path

from balise.web.versions import views

urlpatterns = [
    path("", views.versions_list, name="plan-versions"),
    path("compare/", views.versions_compare, name="plan-compare"),
    path("amend/", views.amend, name="plan-amend"),
    path("sign/", views.sign, name="plan-sign"),
]
