"""The authentication backend of the supervision app (conf.configure sets
AUTHENTICATION_BACKENDS to it): Django's ModelBackend, except that the user of
a session is read together with its supervision profile and the profile's unit
(one query instead of three on every request that checks permissions; its SQL
compiled once, see compiled.py)."""
from __future__ import annotations

from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.core.exceptions import ValidationError

from .compiled import Compiled

USER = Compiled(lambda pk: get_user_model()._default_manager.select_related("supervision__unit")
                .filter(pk=pk).order_by(), -7_340_033)


class Backend(ModelBackend):
    def get_user(self, user_id):
        User = get_user_model()
        try:
            pk = User._meta.pk.to_python(user_id)
        except (TypeError, ValueError, ValidationError):
            return None
        user = USER.first(pk)
        return user if user is not None and self.user_can_authenticate(user) else None
