"""Who knows whom in a book, the user's networking groups, and invitations to visit them.

Every row belongs to one user's book (``owner``); ``coltiva.network.access`` is the only
way views reach them.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _


class Link(models.Model):
    """Two people of the book who know each other.

    Stored once per pair with ``person_a`` the lower id; ``kind`` says what ``person_b``
    is to ``person_a`` ("client": b is a's client), so only client and supplier read
    differently from the other side.
    """

    KIND_CHOICES = [
        ("colleague", _("colleague")),
        ("partner", _("business partner")),
        ("client", _("client")),
        ("supplier", _("supplier")),
        ("family", _("family")),
        ("friend", _("friend")),
    ]
    INVERSE = {"client": "supplier", "supplier": "client"}

    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE)
    person_a = models.ForeignKey("people.Person", on_delete=models.CASCADE, related_name="+")
    person_b = models.ForeignKey("people.Person", on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(_("they are"), max_length=12, choices=KIND_CHOICES)
    note = models.CharField(_("note"), max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["person_a", "person_b"], name="link_unique_pair"),
            models.CheckConstraint(condition=Q(person_a__lt=F("person_b")), name="link_ordered"),
        ]
        indexes = [
            models.Index(fields=["owner", "person_a"], name="link_owner_a"),
            models.Index(fields=["owner", "person_b"], name="link_owner_b"),
        ]

    def __str__(self) -> str:
        return f"{self.person_a_id}-{self.kind}-{self.person_b_id}"

    def kind_from(self, person_id: int) -> str:
        """What the other person is to ``person_id``."""
        if person_id == self.person_a_id:
            return self.kind
        return self.INVERSE.get(self.kind, self.kind)


class NetworkingGroup(models.Model):
    """A group the user belongs to (a referral chapter, a business club)."""

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="networking_groups"
    )
    name = models.CharField(_("name"), max_length=200)
    meets = models.CharField(_("when and where it meets"), max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name", "id"]
        indexes = [models.Index(fields=["owner", "name"], name="group_owner_name")]

    def __str__(self) -> str:
        return self.name


class Seat(models.Model):
    """A profession already seated in a group: the simple roster invitations are checked
    against until full group operations arrive."""

    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE)
    group = models.ForeignKey(NetworkingGroup, on_delete=models.CASCADE, related_name="seats")
    profession = models.CharField(_("profession"), max_length=200)
    profession_code = models.CharField(max_length=80, blank=True)
    member = models.CharField(_("member"), max_length=200, blank=True)
    person = models.ForeignKey(
        "people.Person", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["profession", "id"]

    def __str__(self) -> str:
        return self.profession


class Invitation(models.Model):
    INVITED = "invited"
    STATUS_CHOICES = [
        (INVITED, _("Invited")),
        ("visited", _("Visited")),
        ("applied", _("Applied")),
        ("joined", _("Joined")),
        ("declined", _("Declined")),
    ]

    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE)
    group = models.ForeignKey(NetworkingGroup, on_delete=models.CASCADE, related_name="invitations")
    person = models.ForeignKey(
        "people.Person", on_delete=models.CASCADE, related_name="group_invitations"
    )
    status = models.CharField(_("status"), max_length=10, choices=STATUS_CHOICES, default=INVITED)
    on = models.DateField(_("invited on"))
    status_on = models.DateField(_("status since"))
    note = models.CharField(_("note"), max_length=500, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["group", "person"], name="invitation_unique_person")
        ]
        indexes = [models.Index(fields=["owner", "status"], name="invitation_owner_status")]
        ordering = ["-on", "-id"]

    def __str__(self) -> str:
        return f"{self.person_id}@{self.group_id}: {self.status}"
