"""Every write of the decisions app: bodies, meetings, agenda items, decisions and publishing."""

from __future__ import annotations

import datetime
import logging
from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import connection, transaction
from django.db.models import F, Value
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.html import strip_tags
from django.utils.translation import gettext as _
from wagtail.log_actions import log

from decisions.models import (
    RICH_TEXT_FEATURES,
    AgendaItem,
    AppealInstructionTemplate,
    Attachment,
    Body,
    Disqualification,
    Meeting,
    MeetingState,
    Membership,
    MemberVote,
    OfficeholderDecision,
    PersonalDataPassage,
    Publicity,
    Vote,
    VoteChoice,
)
from portal import pagecache, textsearch
from portal.uploads import (
    FileKind,
    OutOfTime,
    UploadRefused,
    stored_name,
    time_bound,
    upload_inspect,
)

logger = logging.getLogger(__name__)

LANGS = ("fi", "sv", "en")
ITEM_SECTIONS = ("background", "proposal", "decision", "discussion")
DECISION_SECTIONS = ("background", "decision")
MAX_ATTACHMENT_BYTES = 20 * 1024 * 1024
# Text extraction of a valid but pathological PDF gives up rather than holding a worker.
PDF_TEXT_SECONDS = 10


# --- Helpers ---------------------------------------------------------------------------------


def sanitise_rich_text(html: str | None) -> str:
    """Keep only the rich-text features officials may use; scripts, styles and events go."""
    if not html:
        return ""
    from wagtail.admin.rich_text.converters.editor_html import EditorHTMLConverter

    return EditorHTMLConverter(features=RICH_TEXT_FEATURES).to_database_format(html)


def _set_translated(instance, field: str, values: dict[str, str | None], *, rich=False) -> None:
    for code in LANGS:
        value = values.get(code) or ""
        if rich:
            value = sanitise_rich_text(value)
        # An empty translation is stored as NULL so that it falls back to another language.
        setattr(instance, f"{field}_{code}", value or None)


def _in_languages(values: dict[str, str] | str) -> dict[str, str]:
    """A text given in one string (Finnish, the required language) or per language."""
    return values if isinstance(values, dict) else {"fi": values}


def _plain(html: str | None) -> str:
    return " ".join(strip_tags(html or "").split())


# --- Search text -----------------------------------------------------------------------------


def _search_texts(obj, sections: tuple[str, ...], extra: dict[str, list[str]]) -> dict[str, str]:
    """The searchable Finnish and Swedish text of an item or decision (public parts only)."""
    texts = {}
    for code in ("fi", "sv"):
        parts = [getattr(obj, f"title_{code}") or ""]
        if not obj.is_confidential:
            parts.append(obj.case_reference)
            parts += [_plain(getattr(obj, f"{section}_{code}")) for section in sections]
            parts += extra.get(code, [])
        texts[code] = "\n".join(part for part in parts if part)
    return texts


def _store_search(model, pk: int, texts: dict[str, str]) -> None:
    model.objects.filter(pk=pk).update(search_text_fi=texts["fi"], search_text_sv=texts["sv"])
    # Saved in a request: new Swedish words may not hold it up for long.
    search_vectors_refresh(model=model, pks=[pk], budget=textsearch.DOCUMENT_BUDGET)


def search_vectors_refresh(
    *, model, pks: Iterable[int] | None = None, budget: float | None = None, batch: int = 200
) -> int:
    """Analyse the stored search texts into their lexemes (and, on PostgreSQL, indexed vectors).

    Every word is reduced by portal.textsearch, the analysis that queries get too; returns the
    number of rows done.
    """
    from itertools import islice

    rows = model.objects.all() if pks is None else model.objects.filter(pk__in=list(pks))
    rows = rows.order_by("pk").values_list(
        "pk", "title_fi", "title_sv", "search_text_fi", "search_text_sv"
    )
    postgresql = connection.vendor == "postgresql"
    table = connection.ops.quote_name(model._meta.db_table)
    if postgresql:
        sql = (
            f"UPDATE {table} SET search_words_fi = %s, search_words_sv = %s, "  # noqa: S608
            "search_fi = %s::tsvector, search_sv = %s::tsvector WHERE id = %s"
        )
    else:
        sql = f"UPDATE {table} SET search_words_fi = %s, search_words_sv = %s WHERE id = %s"  # noqa: S608
    done = 0
    found = rows.iterator(chunk_size=batch)
    while chunk := list(islice(found, batch)):
        params = []
        for pk, title_fi, title_sv, text_fi, text_sv in chunk:
            words_fi, vector_fi = textsearch.index_document(
                text_fi, "fi", title=title_fi or "", budget=budget
            )
            words_sv, vector_sv = textsearch.index_document(
                text_sv, "sv", title=title_sv or "", budget=budget
            )
            if postgresql:
                params.append((words_fi, words_sv, vector_fi, vector_sv, pk))
            else:
                params.append((words_fi, words_sv, pk))
        with connection.cursor() as cursor:
            cursor.executemany(sql, params)
        done += len(params)
    return done


def agenda_item_reindex(*, item: AgendaItem) -> None:
    """Rebuild an item's search text from what its publication state lets readers see."""
    minutes = item.meeting.minutes_publish_at is not None
    sections = ITEM_SECTIONS if minutes else ("background", "proposal")
    extra: dict[str, list[str]] = {"fi": [], "sv": []}
    for attachment in item.attachments.filter(publicity=Publicity.PUBLIC):
        extra["fi"] += [attachment.title_fi or "", attachment.text]
        extra["sv"] += [attachment.title_sv or attachment.title_fi or "", attachment.text]
    _store_search(AgendaItem, item.pk, _search_texts(item, sections, extra))


def officeholder_decision_reindex(*, decision: OfficeholderDecision) -> None:
    """Rebuild an officeholder decision's search text."""
    _store_search(OfficeholderDecision, decision.pk, _search_texts(decision, DECISION_SECTIONS, {}))


# --- Bodies and members ----------------------------------------------------------------------


@transaction.atomic
def body_save(
    *,
    body: Body | None = None,
    kind: str,
    slug: str,
    slug_sv: str = "",
    slug_en: str = "",
    name_fi: str,
    name_sv: str = "",
    name_en: str = "",
    description_fi: str = "",
    description_sv: str = "",
    description_en: str = "",
    is_active: bool = True,
    sort_order: int = 0,
) -> Body:
    """Create a body, or update the given one, after checking its invariants."""
    if body is None:
        body = Body()
    body.kind = kind
    body.slug = slug
    # An empty slug is stored as NULL: the address then uses the Finnish one.
    body.slug_sv = slug_sv or None
    body.slug_en = slug_en or None
    body.name_fi = name_fi
    # An empty translation is stored as NULL so that it falls back to another language.
    body.name_sv = name_sv or None
    body.name_en = name_en or None
    body.description_fi = description_fi or None
    body.description_sv = description_sv or None
    body.description_en = description_en or None
    body.is_active = is_active
    body.sort_order = sort_order
    body.full_clean()
    body.save()
    return body


@transaction.atomic
def body_delete(*, body: Body) -> None:
    """Delete a body that was created by mistake; a dissolved body is made inactive instead."""
    body.delete()


@transaction.atomic
def membership_save(
    *,
    membership: Membership | None = None,
    body: Body,
    person_name: str,
    role: str,
    starts_on: datetime.date,
    ends_on: datetime.date | None = None,
    group: str = "",
    title_fi: str = "",
    title_sv: str = "",
    title_en: str = "",
) -> Membership:
    """Record a person's role in a body for a period."""
    membership = membership or Membership()
    membership.body = body
    membership.person_name = person_name
    membership.role = role
    membership.starts_on = starts_on
    membership.ends_on = ends_on
    membership.group = group
    _set_translated(membership, "title", {"fi": title_fi, "sv": title_sv, "en": title_en})
    membership.full_clean()
    membership.save()
    return membership


@transaction.atomic
def appeal_template_save(
    *,
    template: AppealInstructionTemplate | None = None,
    kind: str,
    appeal_days: int,
    name_fi: str,
    name_sv: str = "",
    name_en: str = "",
    text_fi: str = "",
    text_sv: str = "",
    text_en: str = "",
) -> AppealInstructionTemplate:
    """Create or update appeal instructions that items and decisions refer to."""
    template = template or AppealInstructionTemplate()
    template.kind = kind
    template.appeal_days = appeal_days
    _set_translated(template, "name", {"fi": name_fi, "sv": name_sv, "en": name_en})
    _set_translated(template, "text", {"fi": text_fi, "sv": text_sv, "en": text_en}, rich=True)
    template.full_clean()
    template.save()
    return template


# --- Meetings --------------------------------------------------------------------------------


@transaction.atomic
def meeting_save(
    *,
    meeting: Meeting | None = None,
    body: Body,
    number: int,
    year: int,
    starts_at: datetime.datetime,
    ends_at: datetime.datetime | None = None,
    place_fi: str = "",
    place_sv: str = "",
    place_en: str = "",
    recording_url: str = "",
    state: str | None = None,
) -> Meeting:
    """Create or update a meeting's details; publishing is done by the functions below."""
    meeting = meeting or Meeting()
    meeting.body = body
    meeting.number = number
    meeting.year = year
    meeting.starts_at = starts_at
    meeting.ends_at = ends_at
    _set_translated(meeting, "place", {"fi": place_fi, "sv": place_sv, "en": place_en})
    meeting.recording_url = recording_url
    if state is not None:
        meeting.state = state
    meeting.full_clean()
    meeting.save()
    meeting.items.update(**_item_search_place(meeting))
    return meeting


def search_places_refresh() -> None:
    """Copy every item's meeting body and date and every decision's maker to the columns that
    search's indexes hold, after rows were created in bulk (the demo)."""
    from django.db.models import OuterRef, Subquery
    from django.db.models.functions import TruncDate

    OfficeholderDecision.objects.update(search_body_id=F("decision_maker_id"))
    meetings = Meeting.objects.filter(pk=OuterRef("meeting_id"))
    AgendaItem.objects.update(
        search_body_id=Subquery(meetings.values("body_id")),
        search_date=Subquery(meetings.annotate(day=TruncDate("starts_at")).values("day")),
    )


def _item_search_place(meeting: Meeting) -> dict:
    """The meeting's body and date as its items' search columns hold them."""
    return {
        "search_body_id": meeting.body_id,
        "search_date": timezone.localdate(meeting.starts_at),
    }


@transaction.atomic
def meeting_schedule_agenda(*, meeting: Meeting, publish_at: datetime.datetime) -> Meeting:
    """Schedule the agenda's publication: nothing of the meeting shows before `publish_at`."""
    if meeting.state == MeetingState.CANCELLED:
        raise ValidationError(_("A cancelled meeting cannot be published."))
    meeting.agenda_publish_at = publish_at
    if meeting.state == MeetingState.SCHEDULED:
        meeting.state = MeetingState.AGENDA_PUBLISHED
    meeting.save()
    # Published now: subscribers hear of it in this transaction; a later time is announced by
    # the scheduled task when it comes.
    if publish_at <= timezone.now() and meeting.agenda_announced_at is None:
        meeting_announce(meeting=meeting, what="agenda")
    return meeting


@transaction.atomic
def meeting_publish_minutes(
    *,
    meeting: Meeting,
    display_days: int = 14,
    now: datetime.datetime | None = None,
) -> Meeting:
    """Publish the checked minutes now, put them on public display and date personal-data removal.

    The appeal period runs from the day the minutes are published on the web; marked personal
    data is removed the day after it ends (Local Government Act 140 §).
    """
    now = now or timezone.now()
    if meeting.agenda_publish_at is None or meeting.agenda_publish_at > now:
        meeting.agenda_publish_at = now
    meeting.minutes_publish_at = now
    meeting.state = MeetingState.MINUTES_PUBLISHED
    today = timezone.localdate(now)
    meeting.display_starts_on = today
    meeting.display_ends_on = today + datetime.timedelta(days=display_days)
    meeting.save()
    for item in meeting.items.select_related("appeal_instructions", "meeting"):
        _date_passages(item.personal_data.all(), today, item.appeal_instructions)
        agenda_item_reindex(item=item)
    if meeting.minutes_announced_at is None and now <= timezone.now():
        meeting_announce(meeting=meeting, what="minutes")
    return meeting


def _date_passages(passages, published_on: datetime.date, template) -> None:
    days = template.appeal_days if template is not None else 0
    passages.filter(removed_at__isnull=True).update(
        remove_on=published_on + datetime.timedelta(days=days + 1)
    )


@transaction.atomic
def meeting_cancel(*, meeting: Meeting) -> Meeting:
    """Cancel a meeting; a published agenda stays readable with the state shown."""
    meeting.state = MeetingState.CANCELLED
    meeting.save()
    return meeting


@transaction.atomic
def meeting_delete(*, meeting: Meeting) -> None:
    """Delete a meeting entered by mistake (not one whose minutes are published)."""
    if meeting.minutes_publish_at is not None:
        raise ValidationError(_("A meeting whose minutes are published cannot be deleted."))
    meeting.delete()


# --- Agenda items ----------------------------------------------------------------------------


@transaction.atomic
def agenda_item_save(
    *,
    item: AgendaItem | None = None,
    meeting: Meeting,
    order: int,
    section: int | None,
    title: dict[str, str],
    case_reference: str = "",
    preparer: dict[str, str] | str = "",
    presenter: dict[str, str] | str = "",
    background: dict[str, str] | None = None,
    proposal: dict[str, str] | None = None,
    decision: dict[str, str] | None = None,
    discussion: dict[str, str] | None = None,
    resolution: str = "",
    is_confidential: bool = False,
    secrecy_ground: dict[str, str] | None = None,
    appeal_instructions: AppealInstructionTemplate | None = None,
) -> AgendaItem:
    """Create or update an agenda item; texts are sanitised and the search text rebuilt."""
    item = item or AgendaItem()
    item.meeting = meeting
    for name, value in _item_search_place(meeting).items():
        setattr(item, name, value)
    item.order = order
    item.section = section
    _set_translated(item, "title", title)
    item.case_reference = case_reference.strip()
    _set_translated(item, "preparer", _in_languages(preparer))
    _set_translated(item, "presenter", _in_languages(presenter))
    for name, values in (
        ("background", background),
        ("proposal", proposal),
        ("decision", decision),
        ("discussion", discussion),
    ):
        _set_translated(item, name, values or {}, rich=True)
    _set_translated(item, "secrecy_ground", secrecy_ground or {})
    item.resolution = resolution
    item.is_confidential = is_confidential
    if is_confidential and not item.secrecy_ground_fi:
        raise ValidationError({"secrecy_ground_fi": _("A confidential item needs a ground.")})
    item.appeal_instructions = appeal_instructions
    item.full_clean()
    item.save()
    agenda_item_reindex(item=item)
    return item


@transaction.atomic
def agenda_item_delete(*, item: AgendaItem) -> None:
    """Remove an item from a meeting whose minutes are not yet published."""
    if item.meeting.minutes_publish_at is not None:
        raise ValidationError(_("An item of published minutes cannot be deleted."))
    item.delete()


@transaction.atomic
def appeal_instructions_apply(
    *, meeting: Meeting, template: AppealInstructionTemplate | None, first: int, last: int
) -> int:
    """Apply appeal instructions to the items of a meeting whose § is in [first, last]."""
    pagecache.invalidate()
    return meeting.items.filter(section__gte=first, section__lte=last).update(
        appeal_instructions=template, modified=timezone.now()
    )


def _extract_pdf_text(file) -> str:
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    file.seek(0)
    try:
        with time_bound(PDF_TEXT_SECONDS):
            reader = PdfReader(file)
            text = "\n".join((page.extract_text() or "") for page in reader.pages[:200])
    except (PdfReadError, ValueError, KeyError, TypeError, OSError) as exc:
        logger.warning("Could not read the text of a PDF attachment: %s", exc)
        return ""
    except OutOfTime:
        logger.warning("Gave up reading the text of a PDF attachment after %s s", PDF_TEXT_SECONDS)
        return ""
    finally:
        file.seek(0)
    return text.replace("\x00", "")[:200_000]


def attachment_check(file) -> FileKind:
    """The detected type of an acceptable attachment (a complete PDF of at most 20 MB)."""
    return upload_inspect(
        file,
        accept=("pdf",),
        max_bytes=MAX_ATTACHMENT_BYTES,
        wrong_type_message=_("Attachments must be PDF files."),
    )


@transaction.atomic
def attachment_save(
    *,
    attachment: Attachment | None = None,
    item: AgendaItem,
    title: dict[str, str],
    file: UploadedFile | None = None,
    publicity: str = Publicity.PUBLIC,
    secrecy_ground: dict[str, str] | None = None,
    order: int = 0,
) -> Attachment:
    """Attach a PDF to an item; the text of a public PDF is extracted for search."""
    attachment = attachment or Attachment()
    attachment.item = item
    attachment.order = order
    _set_translated(attachment, "title", title)
    _set_translated(attachment, "secrecy_ground", secrecy_ground or {})
    attachment.publicity = publicity
    if file is not None:
        try:
            kind = attachment_check(file)
        except UploadRefused as exc:
            raise ValidationError({"file": exc.messages}) from exc
        file.name = stored_name(file.name, kind)
        attachment.file = file
        attachment.text = _extract_pdf_text(file)
    if attachment.publicity != Publicity.PUBLIC:
        # The text of a secret document must not reach the search index.
        attachment.text = ""
    attachment.full_clean()
    attachment.save()
    agenda_item_reindex(item=item)
    return attachment


@transaction.atomic
def vote_record(
    *,
    item: AgendaItem,
    first_proposal: dict[str, str],
    second_proposal: dict[str, str],
    ballots: list[tuple[Membership, str]],
    subject: dict[str, str] | None = None,
    order: int = 1,
    vote: Vote | None = None,
) -> Vote:
    """Record a vote between two proposals with each member's vote; counts follow the ballots."""
    vote = vote or Vote()
    vote.item = item
    vote.order = order
    _set_translated(vote, "subject", subject or {})
    _set_translated(vote, "first_proposal", first_proposal)
    _set_translated(vote, "second_proposal", second_proposal)
    counts = dict.fromkeys(VoteChoice.values, 0)
    for _member, choice in ballots:
        if choice not in counts:
            raise ValidationError(_("Unknown vote."))
        counts[choice] += 1
    vote.first_count = counts[VoteChoice.FIRST]
    vote.second_count = counts[VoteChoice.SECOND]
    vote.blank_count = counts[VoteChoice.BLANK]
    vote.absent_count = counts[VoteChoice.ABSENT]
    vote.full_clean()
    vote.save()
    vote.ballots.all().delete()
    MemberVote.objects.bulk_create(
        MemberVote(vote=vote, member=member, choice=choice) for member, choice in ballots
    )
    AgendaItem.objects.filter(pk=item.pk).update(modified=timezone.now())
    return vote


@transaction.atomic
def disqualification_record(
    *, item: AgendaItem, member: Membership, reason: dict[str, str] | str
) -> Disqualification:
    """Record that a member was disqualified from an item, and why (the legal ground)."""
    disqualification = Disqualification(item=item, member=member)
    _set_translated(disqualification, "reason", _in_languages(reason))
    disqualification.full_clean()
    disqualification.save()
    AgendaItem.objects.filter(pk=item.pk).update(modified=timezone.now())
    return disqualification


# --- Officeholder decisions ------------------------------------------------------------------


@transaction.atomic
def officeholder_decision_save(
    *,
    decision: OfficeholderDecision | None = None,
    decision_maker: Body,
    decided_on: datetime.date,
    section: int,
    title: dict[str, str],
    case_reference: str = "",
    background: dict[str, str] | None = None,
    decision_text: dict[str, str] | None = None,
    resolution: str = "",
    is_confidential: bool = False,
    secrecy_ground: dict[str, str] | None = None,
    appeal_instructions: AppealInstructionTemplate | None = None,
    publish_at: datetime.datetime | None = None,
) -> OfficeholderDecision:
    """Create or update an officeholder decision; it shows from `publish_at` on."""
    decision = decision or OfficeholderDecision()
    decision.decision_maker = decision_maker
    decision.search_body = decision_maker
    decision.decided_on = decided_on
    decision.year = decided_on.year
    decision.section = section
    _set_translated(decision, "title", title)
    decision.case_reference = case_reference.strip()
    _set_translated(decision, "background", background or {}, rich=True)
    _set_translated(decision, "decision", decision_text or {}, rich=True)
    _set_translated(decision, "secrecy_ground", secrecy_ground or {})
    decision.resolution = resolution
    decision.is_confidential = is_confidential
    decision.appeal_instructions = appeal_instructions
    decision.publish_at = publish_at
    decision.full_clean()
    decision.save()
    if publish_at is not None:
        _date_passages(
            decision.personal_data.all(), timezone.localdate(publish_at), appeal_instructions
        )
    officeholder_decision_reindex(decision=decision)
    if publish_at is not None and publish_at <= timezone.now() and decision.announced_at is None:
        officeholder_decision_announce(decision=decision)
    return decision


# --- Personal data (Local Government Act 140 §) ----------------------------------------------


@transaction.atomic
def personal_data_mark(
    *,
    text: str,
    item: AgendaItem | None = None,
    officeholder_decision: OfficeholderDecision | None = None,
) -> PersonalDataPassage:
    """Mark a passage of personal data to remove from the web when the appeal period ends."""
    passage = PersonalDataPassage(item=item, officeholder_decision=officeholder_decision)
    passage.text = text.strip()
    if not passage.text:
        raise ValidationError({"text": _("Give the words to remove.")})
    if item is not None and item.meeting.minutes_publish_at is not None:
        published_on = timezone.localdate(item.meeting.minutes_publish_at)
        _set_remove_on(passage, published_on, item.appeal_instructions)
    if officeholder_decision is not None and officeholder_decision.publish_at is not None:
        published_on = timezone.localdate(officeholder_decision.publish_at)
        _set_remove_on(passage, published_on, officeholder_decision.appeal_instructions)
    passage.full_clean()
    passage.save()
    return passage


def _set_remove_on(passage, published_on: datetime.date, template) -> None:
    days = template.appeal_days if template is not None else 0
    passage.remove_on = published_on + datetime.timedelta(days=days + 1)


def _removed_marker(language: str) -> str:
    with translation.override(language):
        return _("[personal data removed]")


def _redact(obj, sections: tuple[str, ...], passages: list[PersonalDataPassage]) -> None:
    for code in LANGS:
        marker = _removed_marker(code)
        for section in sections:
            name = f"{section}_{code}"
            value = getattr(obj, name)
            if not value:
                continue
            for passage in passages:
                value = value.replace(passage.text, marker)
            setattr(obj, name, value)


@transaction.atomic
def personal_data_remove_due(*, now: datetime.datetime | None = None) -> int:
    """Remove the marked personal data whose appeal period has ended; audit each removal."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    due = list(
        PersonalDataPassage.objects.select_for_update(of=("self",))
        .filter(removed_at__isnull=True, remove_on__lte=today)
        .select_related("item__meeting", "officeholder_decision")
    )
    by_parent: dict[tuple[str, int], list[PersonalDataPassage]] = {}
    for passage in due:
        key = (
            ("item", passage.item_id)
            if passage.item_id
            else ("ohd", passage.officeholder_decision_id)
        )
        by_parent.setdefault(key, []).append(passage)
    for (kind, _pk), passages in by_parent.items():
        if kind == "item":
            item = passages[0].item
            _redact(item, ("title", *ITEM_SECTIONS), passages)
            item.save()
            for vote in item.votes.all():
                _redact(vote, ("subject", "first_proposal", "second_proposal"), passages)
                vote.save()
            agenda_item_reindex(item=item)
            target = item
        else:
            decision = passages[0].officeholder_decision
            _redact(decision, ("title", *DECISION_SECTIONS), passages)
            decision.save()
            officeholder_decision_reindex(decision=decision)
            target = decision
        log(
            instance=target,
            action="decisions.personal_data_removed",
            data={"passages": len(passages), "removed_on": today.isoformat()},
        )
    PersonalDataPassage.objects.filter(pk__in=[p.pk for p in due]).update(
        removed_at=now, text=Value("")
    )
    if due:
        pagecache.invalidate()
    return len(due)


# --- Subscriptions -------------------------------------------------------------------------


@transaction.atomic
def subscription_create(*, user, body: Body | None = None, word: str = "", language: str):
    """Follow a body or a search word: an e-mail when a matching agenda or decision is out."""
    from decisions.models import Subscription

    word = " ".join(word.split())
    subscription = Subscription(user=user, body=body, word=word, language=language)
    existing = Subscription.objects.filter(user=user, body=body, word=word).first()
    if existing is not None:
        return existing
    subscription.full_clean()
    subscription.save()
    return subscription


@transaction.atomic
def subscription_delete(*, subscription) -> None:
    """Stop following."""
    subscription.delete()


def _subscribers(body: Body, matches) -> dict[int, object]:
    """Subscriptions whose body is `body` or whose word `matches(word)`: one per user."""
    from decisions.models import Subscription

    chosen: dict[int, object] = {}
    for subscription in Subscription.objects.filter(body=body).select_related("user"):
        chosen.setdefault(subscription.user_id, subscription)
    words = Subscription.objects.filter(body__isnull=True).select_related("user")
    found: dict[str, bool] = {}
    for subscription in words:
        if subscription.user_id in chosen:
            continue
        key = subscription.word.lower()
        if key not in found:
            found[key] = matches(subscription.word)
        if found[key]:
            chosen[subscription.user_id] = subscription
    return chosen


def _notify(subscribers, *, key: str, url_name: str, pk: int, subject, body) -> int:
    """Write one notification per subscriber in their language (subject/body are callables)."""
    from django.urls import reverse

    from notifications.services import notification_create
    from portal.links import absolute_url

    for user_id, subscription in subscribers.items():
        user = subscription.user
        if not user.is_active:
            continue
        language = getattr(user, "language", "") or subscription.language or "fi"
        with translation.override(language):
            notification_create(
                user=user,
                language=language,
                kind="decisions_subscription",
                subject=str(subject()),
                body=str(body()),
                # The page's address in the reader's language, on the portal's public address.
                url=absolute_url(reverse(url_name, args=[pk])),
                dedupe_key=f"{key}:user:{user_id}",
            )
    return len(subscribers)


def meeting_announce(*, meeting: Meeting, what: str) -> int:
    """Tell the subscribers that a meeting's agenda or minutes ("agenda"/"minutes") are out."""
    from decisions.selectors import _text_match
    from portal.translation import translated

    items = meeting.items.filter(is_confidential=False)
    subscribers = _subscribers(meeting.body, lambda word: items.filter(_text_match(word)).exists())
    titles = list(meeting.items.order_by("order"))

    def subject():
        name = translated(meeting.body, "name").text
        if what == "agenda":
            return _("Agenda published: %(body)s %(code)s") % {"body": name, "code": meeting.code}
        return _("Minutes published: %(body)s %(code)s") % {"body": name, "code": meeting.code}

    def body():
        lines = [
            _("%(body)s meets on %(date)s.")
            % {
                "body": translated(meeting.body, "name").text,
                "date": date_format(timezone.localtime(meeting.starts_at), "SHORT_DATETIME_FORMAT"),
            },
            "",
        ]
        for item in titles:
            section = f"{item.section} § " if item.section else ""
            lines.append(f"- {section}{translated(item, 'title').text}")
        return "\n".join(lines)

    stamp = "agenda_announced_at" if what == "agenda" else "minutes_announced_at"
    Meeting.objects.filter(pk=meeting.pk).update(**{stamp: timezone.now()})
    return _notify(
        subscribers,
        key=f"decisions:{what}:{meeting.pk}",
        url_name="decisions:meeting",
        pk=meeting.pk,
        subject=subject,
        body=body,
    )


def officeholder_decision_announce(*, decision: OfficeholderDecision) -> int:
    """Tell the subscribers that an officeholder decision is out."""
    from decisions.selectors import _text_match
    from portal.translation import translated

    rows = OfficeholderDecision.objects.filter(pk=decision.pk, is_confidential=False)
    subscribers = _subscribers(
        decision.decision_maker, lambda word: rows.filter(_text_match(word)).exists()
    )
    OfficeholderDecision.objects.filter(pk=decision.pk).update(announced_at=timezone.now())
    return _notify(
        subscribers,
        key=f"decisions:officeholder:{decision.pk}",
        url_name="decisions:officeholder_decision",
        pk=decision.pk,
        subject=lambda: (
            _("New decision: %(maker)s, %(title)s")
            % {
                "maker": translated(decision.decision_maker, "name").text,
                "title": translated(decision, "title").text,
            }
        ),
        body=lambda: translated(decision, "title").text,
    )


@transaction.atomic
def subscriptions_announce_due(*, now: datetime.datetime | None = None) -> int:
    """Announce every agenda, minutes and officeholder decision whose publish time has come."""
    now = now or timezone.now()
    count = 0
    agendas = Meeting.objects.select_for_update(skip_locked=True).filter(
        agenda_announced_at__isnull=True, agenda_publish_at__lte=now, body__is_active=True
    )
    for meeting in agendas.select_related("body"):
        count += meeting_announce(meeting=meeting, what="agenda")
    minutes = Meeting.objects.select_for_update(skip_locked=True).filter(
        minutes_announced_at__isnull=True, minutes_publish_at__lte=now, body__is_active=True
    )
    for meeting in minutes.select_related("body"):
        count += meeting_announce(meeting=meeting, what="minutes")
    decisions = OfficeholderDecision.objects.select_for_update(skip_locked=True).filter(
        announced_at__isnull=True, publish_at__lte=now, decision_maker__is_active=True
    )
    for decision in decisions.select_related("decision_maker"):
        count += officeholder_decision_announce(decision=decision)
    return count


@transaction.atomic
def record_delete(*, instance) -> None:
    """Delete a member, vote, disqualification, attachment, passage or template entered by
    mistake; an item's search text follows."""
    item = getattr(instance, "item", None) if isinstance(instance, Attachment) else None
    instance.delete()
    if item is not None:
        agenda_item_reindex(item=item)
