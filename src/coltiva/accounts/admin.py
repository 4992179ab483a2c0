"""The admin manages accounts and instance settings only: never anyone's book."""

from django.contrib import admin

from coltiva.accounts.models import InstanceSettings, User


@admin.register(User)
class UserAdmin(admin.ModelAdmin[User]):
    list_display = ("email", "name", "is_staff", "is_active", "date_joined")
    search_fields = ("email", "name")
    fields = ("email", "name", "time_zone", "language", "is_active", "is_staff", "is_superuser")
    list_filter = ("is_staff", "is_active")


@admin.register(InstanceSettings)
class InstanceSettingsAdmin(admin.ModelAdmin[InstanceSettings]):
    list_display = ("__str__", "signup_open")

    def has_add_permission(self, request: object) -> bool:
        return not InstanceSettings.objects.exists()
