"""Date and time formats of the portal's languages (FORMAT_MODULE_PATH), over Django's own.

One time format per language everywhere: "klo 17.00" in Finnish, "kl. 17.00" in Swedish (as
written in Finland) and "17:00" in English. Dates are written day first ("1.12.2026") in every
language, as Finnish municipalities write them.
"""
