"""Load the demo municipality: pages, accounts and, as they arrive, cases, meetings and surveys."""

import os

from django.core.management.base import BaseCommand
from django.db import transaction


class Command(BaseCommand):
    help = "Create the demo municipality. Safe to run again: existing demo data is kept."

    def handle(self, *args, **options):
        from accounts import demo as accounts_demo
        from cases import demo as cases_demo
        from cms import demo as cms_demo
        from decisions import demo as decisions_demo
        from finance import demo as finance_demo
        from indicators import demo as indicators_demo
        from maturity import demo as maturity_demo
        from participation import demo as participation_demo

        password = os.environ.get("DEMO_PASSWORD") or None
        self.stdout.write("Loading demo accounts…")
        with transaction.atomic():
            accounts = accounts_demo.load(password=password)
        # The domain apps load after the accounts, whose residents and staff they refer to, and
        # in this order: decisions link to cases, surveys to agenda items.
        steps = [
            ("pages and news", lambda: cms_demo.load(stdout=self.stdout)),
            ("cases", lambda: cases_demo.load(stdout=self.stdout)),
            ("bodies, meetings and decisions", lambda: decisions_demo.load(stdout=self.stdout)),
            ("youth surveys", lambda: participation_demo.load(stdout=self.stdout)),
            # After the decisions: the budget amendment links to the council's agenda item.
            ("finances", lambda: finance_demo.load(stdout=self.stdout)),
            ("digital maturity", lambda: maturity_demo.load(stdout=self.stdout)),
            ("links from pages to surveys", lambda: cms_demo.link_surveys(stdout=self.stdout)),
            ("key figures", lambda: indicators_demo.load(stdout=self.stdout)),
            (
                "the portal's own key figures",
                lambda: indicators_demo.load_own_figures(stdout=self.stdout),
            ),
        ]
        for label, step in steps:
            self.stdout.write(f"Loading {label}…")
            with transaction.atomic():
                step()
        self.stdout.write(self.style.SUCCESS("The demo municipality is ready. Demo accounts:"))
        width = max(len(account.role) for account in accounts)
        for account in accounts:
            self.stdout.write(f"  {account.role:<{width}}  {account.email}  {account.password}")
