"""Messages of allauth's own templates whose translation the portal's catalogues correct.

allauth's Swedish catalogue translates this sign-in hint as "Already have an account? Sign in",
while its link leads to sign-up. Listing the message here keeps it in the portal's catalogues,
which take precedence over allauth's.
"""

from django.utils.translation import gettext_noop

CORRECTED = (
    gettext_noop(
        "If you have not created an account yet, then please %(link)ssign up%(end_link)s first."
    ),
)
