"""URLs of the supervision loop, included at /supervision/ by gongbao/web/urls.py
(which also mounts the JSON API, gongbao.web.supervision.api, at /supervision/api/)."""
from django.contrib.auth import views as auth_views
from django.urls import path

from . import views

app_name = "supervision"

urlpatterns = [
    path("login/", views.LoginView.as_view(), name="login"),
    path("logout/", auth_views.LogoutView.as_view(next_page="supervision:login"), name="logout"),
    path("", views.home, name="home"),
    path("mine/", views.mine, name="mine"),
    path("open/", views.open_list, name="open"),
    path("lists/<int:pk>/", views.task_list, name="list"),
    path("lists/<int:pk>/pending/", views.pending_reviews, name="pending"),
    path("lists/<int:pk>/settings/", views.list_settings, name="settings"),
    path("lists/<int:pk>/dashboard/", views.dashboard, name="dashboard"),
    path("lists/<int:pk>/dashboard.json", views.dashboard_data, name="dashboard_data"),
    path("lists/<int:pk>/units/<int:unit>/", views.unit_page, name="unit"),
    path("lists/<int:pk>/ranking/", views.ranking, name="ranking"),
    path("lists/<int:pk>/audit/", views.audit, name="audit"),
    path("lists/<int:pk>/ledger.xlsx", views.ledger, name="ledger"),
    path("lists/<int:pk>/bulletin.docx", views.bulletin, name="bulletin"),
    path("lists/<int:pk>/import/", views.import_view, name="import"),
    path("assignments/<int:pk>/", views.assignment, name="assignment"),
    path("assignments/<int:pk>/reports/new/", views.report_new, name="report_new"),
    path("assignments/<int:pk>/close/", views.assignment_close, name="close"),
    path("assignments/<int:pk>/revise/<str:kind>/", views.revise, name="revise"),
    path("reports/<int:pk>/", views.report, name="report"),
    path("reports/<int:pk>/submit/", views.report_submit, name="report_submit"),
    path("reports/<int:pk>/delete/", views.report_delete, name="report_delete"),
    path("reports/<int:pk>/review/", views.report_review, name="report_review"),
    path("evidence/<int:pk>/", views.evidence, name="evidence"),
    path("notifications/", views.notifications, name="notifications"),
    path("public/", views.public_index, name="public_index"),
    path("public/<int:pk>/", views.public_list, name="public"),
]
