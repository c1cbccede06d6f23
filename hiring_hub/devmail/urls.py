from django.urls import path

from hiring_hub.devmail import views

app_name = "devmail"
urlpatterns = [
    path("", views.mail_list, name="mail_list"),
    path("<str:name>/", views.mail_detail, name="mail_detail"),
    path("<str:name>/raw/", views.mail_raw, name="mail_raw"),
]
