"""The admin manages accounts and instance settings, and reads the security log: never
anyone's book."""

from django.contrib import admin
from django.http import HttpRequest

from coltiva.accounts.models import AuditEvent, InstanceSettings, User


@admin.register(User)
class UserAdmin(admin.ModelAdmin[User]):
    list_display = ("email", "name", "is_staff", "is_active", "date_joined")
    search_fields = ("email", "name")
    fields = (
        "email",
        "name",
        "time_zone",
        "language",
        "is_active",
        "is_staff",
        "is_superuser",
        "email_confirmed_at",
    )
    readonly_fields = ("email_confirmed_at",)
    list_filter = ("is_staff", "is_active")


@admin.register(InstanceSettings)
class InstanceSettingsAdmin(admin.ModelAdmin[InstanceSettings]):
    list_display = ("__str__", "signup_open")

    def has_add_permission(self, request: object) -> bool:
        return not InstanceSettings.objects.exists()


@admin.register(AuditEvent)
class AuditEventAdmin(admin.ModelAdmin[AuditEvent]):
    """The installation's security events, read-only: a log nobody edits."""

    list_display = ("at", "event", "user", "address")
    list_filter = ("event",)
    search_fields = ("address", "user__email")
    date_hierarchy = "at"
    list_select_related = ("user",)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False
