from django.urls import path

from . import views

app_name = "kb"

urlpatterns = [
    path("", views.home, name="home"),
    path("search/", views.search, name="search"),
    path("documents/", views.documents, name="documents"),
    path("documents/<int:pk>/", views.document, name="document"),
    path("tasks/", views.tasks, name="tasks"),
    path("tasks/<int:pk>/", views.task, name="task"),
    path("units/", views.units, name="units"),
    path("units/<int:pk>/", views.unit, name="unit"),
    path("people/", views.people, name="people"),
    path("people/<int:pk>/", views.person, name="person"),
    path("registers/", views.registers, name="registers"),
    path("registers/<slug:name>/", views.register, name="register"),
    path("citations/", views.citations, name="citations"),
    path("sources/", views.sources, name="sources"),
]
