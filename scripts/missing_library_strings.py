"""List library msgids that the libraries' fi or sv catalogues leave untranslated or fuzzy.

Run after a library upgrade to find admin strings Finnish and Swedish staff would see in
English, then mark them in portal/library_strings.py:

    .venv/bin/python scripts/missing_library_strings.py wagtail wagtail_localize allauth

Entries the portal's own catalogues (locale/*/LC_MESSAGES/django.po) already translate are
left out. JavaScript catalogues (djangojs.po) are skipped: the portal cannot override them.
Prints one line per msgid: package, catalogue path, languages missing, context, msgid.
With --python it prints ready-to-paste entries for portal/library_strings.py instead.
"""

import argparse
import importlib.util
import pathlib
import sys

import polib

LANGUAGES = ("fi", "sv")
ROOT = pathlib.Path(__file__).resolve().parent.parent


def _missing(entry):
    return entry.fuzzy or not entry.translated()


def _key(entry):
    return (entry.msgctxt, entry.msgid, entry.msgid_plural or None)


def portal_translated():
    done = {}
    for lang in LANGUAGES:
        po = polib.pofile(str(ROOT / "locale" / lang / "LC_MESSAGES" / "django.po"))
        done[lang] = {_key(e) for e in po if not e.obsolete and not _missing(e)}
    return done


def package_missing(package, done):
    """Msgids of the package's English (source) catalogues that fi or sv lack or leave fuzzy.

    The libraries' fi and sv catalogues come from Transifex and hold only translated
    entries, so the English catalogue next to them is the list of what the library asks for.
    """
    spec = importlib.util.find_spec(package)
    base = pathlib.Path(next(iter(spec.submodule_search_locations)))
    found = {}
    for source in sorted(base.glob("**/locale/en/LC_MESSAGES/django.po")):
        catalogues = {}
        for lang in LANGUAGES:
            path = source.parent.parent.parent / lang / "LC_MESSAGES" / "django.po"
            entries = polib.pofile(str(path)) if path.exists() else []
            catalogues[lang] = {_key(e) for e in entries if not e.obsolete and not _missing(e)}
        for entry in polib.pofile(str(source)):
            if entry.obsolete:
                continue
            key = _key(entry)
            langs = [
                lang for lang in LANGUAGES if key not in catalogues[lang] and key not in done[lang]
            ]
            if langs:
                item = found.setdefault(
                    key, {"path": str(source.relative_to(base.parent)), "langs": []}
                )
                item["langs"] = sorted(set(item["langs"]) | set(langs))
    return found


def python_entry(ctx, msgid, plural):
    if plural and ctx:
        return f"npgettext_lazy({ctx!r}, {msgid!r}, {plural!r}, 1),"
    if plural:
        return f"ngettext_lazy({msgid!r}, {plural!r}, 1),"
    if ctx:
        return f"pgettext_lazy({ctx!r}, {msgid!r}),"
    return f"_({msgid!r}),"


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("packages", nargs="+", help="importable package names")
    parser.add_argument("--python", action="store_true", help="print library_strings.py entries")
    args = parser.parse_args()
    done = portal_translated()
    total = 0
    for package in args.packages:
        for (ctx, msgid, plural), item in package_missing(package, done).items():
            total += 1
            if args.python:
                sys.stdout.write(f"    # {item['path']}\n    {python_entry(ctx, msgid, plural)}\n")
            else:
                langs = "+".join(item["langs"])
                sys.stdout.write(f"{package}\t{item['path']}\t{langs}\t{ctx or ''}\t{msgid!r}\n")
    sys.stdout.write(f"# {total} msgids missing in fi or sv\n")


if __name__ == "__main__":
    main()
