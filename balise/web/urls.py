from django.urls import include, path

from balise.web import views

urlpatterns = [
    path("", include("balise.web.plans.urls")),  # home, plan-detail, import, in-place editing
    path("healthz", views.health, name="health"),
    path("accessibility/", views.accessibility, name="accessibility"),
    path("guide/", views.guide, name="guide"),
    path("worklist/", include("balise.web.worklist.urls")),
    path("readyz", views.ready, name="ready"),
    path("demo/", views.demo_login, name="demo-login"),
    path("demo/<str:username>/", views.demo_login_as, name="demo-login-as"),
]
