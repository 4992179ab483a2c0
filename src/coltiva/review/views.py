from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from coltiva import display
from coltiva.accounts.access import user_of
from coltiva.people.models import PURPOSE_CHOICES
from coltiva.review import services


@login_required
def review(request: HttpRequest) -> HttpResponse:
    result = services.review(user_of(request))
    purposes = {code: str(label) for code, label in PURPOSE_CHOICES}
    charts = {
        "stages": {
            "labels": [str(label) for _, label, _ in result.stages],
            "series": [{"label": _("Relationships"), "data": [n for _, _, n in result.stages]}],
        },
        "healths": {
            "labels": [str(label) for _, label, _ in result.healths],
            "series": [{"label": _("Relationships"), "data": [n for _, _, n in result.healths]}],
        },
        "flow": {
            "labels": [display.month(m) for m, _, _ in result.months],
            "series": [
                {
                    "label": pgettext("acts in a month", "Given"),
                    "data": [g for _, g, _ in result.months],
                },
                {
                    "label": pgettext("acts in a month", "Received"),
                    "data": [r for _, _, r in result.months],
                },
            ],
        },
        "minutes": {
            "labels": [purposes[name] for name, _ in result.minutes],
            "series": [
                {"label": _("Hours"), "data": [round(m / 60, 1) for _, m in result.minutes]}
            ],
        },
    }
    context = {
        "review": result,
        "charts": charts,
        "purposes": purposes,
        "minutes": [(purposes[name], round(m / 60, 1)) for name, m in result.minutes],
        "nav": "review",
    }
    return render(request, "review/review.html", context)
