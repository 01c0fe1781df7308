"""Pages of accounts: inviting people into an organization and accepting an invitation."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.forms import SetPasswordForm
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters

from eclaire.web.accounts.access import get_organization_for_inviter
from eclaire.web.accounts.forms import InviteForm
from eclaire.web.accounts.services import do_invite, do_set_password
from eclaire.web.accounts.tokens import user_for_invitation_token


@login_required
def invite(request: HttpRequest, slug: str) -> HttpResponse:
    org, membership = get_organization_for_inviter(request.user, slug)
    form = InviteForm(request.POST or None, org=org, inviter=membership)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        do_invite(
            org,
            membership,
            email=data["email"],
            role=data["role"],
            unit=data["unit"],
            language=data["language"],
        )
        messages.success(request, _("Invitation sent to %(email)s.") % {"email": data["email"]})
        return redirect("accounts:invite", slug=org.slug)
    members = org.memberships.select_related("user", "unit").order_by("role", "user__username")
    return render(
        request,
        "accounts/invite.html",
        {"org": org, "membership": membership, "form": form, "members": members},
    )


@never_cache
@sensitive_post_parameters("new_password1", "new_password2")
def accept(request: HttpRequest, token: str) -> HttpResponse:
    user = user_for_invitation_token(token)
    if user is None:
        # 200, not 4xx: Django logs 4xx responses with their path, and the path holds the token.
        return render(request, "accounts/invitation_invalid.html")
    form = SetPasswordForm(user, request.POST or None)
    if request.method == "POST" and form.is_valid():
        do_set_password(user, form.cleaned_data["new_password1"])
        messages.success(request, _("Your password is set. You can log in now."))
        return redirect("login")
    return render(request, "accounts/accept.html", {"form": form, "invitee": user})
