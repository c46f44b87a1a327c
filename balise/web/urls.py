from django.urls import path

from balise.web import views

urlpatterns = [
    path("", views.home, name="home"),
    path("plans/<int:plan_id>/", views.plan_detail, name="plan-detail"),
    path("demo/", views.demo_login, name="demo-login"),
    path("demo/<str:username>/", views.demo_login_as, name="demo-login-as"),
]
