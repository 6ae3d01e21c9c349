from django.urls import path

from cms import views

app_name = "cms"

urlpatterns = [
    path("search/", views.search, name="search"),
    path("no-translation/<int:page_id>/", views.no_translation, name="no_translation"),
]
