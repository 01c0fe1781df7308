from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CustomerSignalsConfig(AppConfig):
    name = "eclaire.web.signals"
    label = "customer_signals"
    verbose_name = _("Customer signals")
