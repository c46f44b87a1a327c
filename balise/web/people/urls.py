from django.urls import path

from balise.web.people import invitation, members, organisations, views

urlpatterns = [
    path("", views.index, name="people"),
    path("requests/", views.access_requests, name="people-access-requests"),
    path("organisations/new/", organisations.new_organisation, name="people-new-organisation"),
    path("organisations/<int:organisation_id>/", members.members, name="people-members"),
    path("organisations/<int:organisation_id>/invite/", members.invite_view, name="people-invite"),
    path("organisations/<int:organisation_id>/roles/", members.give_role_view, name="people-give-role"),
    path(
        "organisations/<int:organisation_id>/roles/<int:membership_id>/",
        members.change_role_view,
        name="people-change-role",
    ),
    path(
        "organisations/<int:organisation_id>/roles/<int:membership_id>/remove/",
        members.take_role_view,
        name="people-take-role",
    ),
    path(
        "organisations/<int:organisation_id>/members/<int:user_id>/deactivate/",
        members.deactivate_view,
        name="people-deactivate",
    ),
    path("invitations/<str:token>/", invitation.accept_invitation, name="invitation-accept"),
]
