from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


def _grant_snippet_permissions(sender, **kwargs):
    # Snippet models come with other apps' migrations, and their permissions (Wagtail's publish
    # and lock ones included) exist only once every app's post_migrate handlers have run: act on
    # the last app's signal.
    from django.apps import apps

    with_models = [config for config in apps.get_app_configs() if config.models_module]
    if with_models and sender is with_models[-1]:
        from accounts.services import editors_grant_snippet_permissions

        editors_grant_snippet_permissions()


class AccountsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "accounts"
    verbose_name = _("accounts")

    def ready(self):
        from allauth.core.internal import ratelimit as allauth_ratelimit
        from allauth.mfa.signals import authenticator_added

        from portal.ratelimit import store

        # allauth's limits count in the portal's rate-limit store: keys hashed, and counting in
        # the web process when Redis is down instead of answering 429 to everyone. allauth
        # reads the module's `cache` on every call (tests/security/test_rate_limits.py).
        allauth_ratelimit.cache = store

        from accounts.signals import record_totp_setup_as_second_factor

        authenticator_added.connect(
            record_totp_setup_as_second_factor, dispatch_uid="accounts_totp_setup_records_mfa"
        )
        post_migrate.connect(
            _grant_snippet_permissions, dispatch_uid="accounts_snippet_permissions"
        )
