"""The checks the persona × URL matrix's rules are made of (matrix_rules.py): the rules of
roder/organisation/access.py and each app's access.py, worked out for one persona.

A URL's rule is a list of checks, in the order the view makes them; the first check that answers
gives the expected status (302 to the log-in page, 403, 404 …), and a URL every check lets pass
answers `ok`. Organisation pages (an `org` in the URL) begin with "logged in" and "holds a role
in the organisation" (404) without saying so. The expected ranks are worked out here from the
demo's roles, not by calling access.py, so a broken Grants would show.
"""

from collections.abc import Callable
from dataclasses import dataclass, field

from django.conf import settings
from django.shortcuts import resolve_url

from tests.security.matrix_demo import Obj, Persona

READER, REPORTER, UNIT_MANAGER, CONTROLLER, ADMINISTRATOR = (
    "reader",
    "reporter",
    "unit_manager",
    "controller",
    "administrator",
)
RANK = {READER: 1, REPORTER: 2, UNIT_MANAGER: 3, CONTROLLER: 4, ADMINISTRATOR: 5}


@dataclass(frozen=True)
class Redirect:
    """A 302 to a log-in page (the Location is checked too)."""

    to: str

    def __str__(self) -> str:
        return f"302 → {self.to}"


def login_url() -> str:
    return resolve_url(settings.LOGIN_URL)


LOGIN = "login"  # replaced by Redirect(login_url()) when the rule is evaluated
ADMIN_LOGIN = Redirect("/django-admin/login/")


@dataclass
class Ctx:
    """One request to predict: who, in which organisation, with which objects."""

    persona: Persona
    user: object | None
    roles: list[tuple[str, str, int]]  # (unit path, role kind, organisation id)
    org: object | None  # the organisation whose slug is in the URL
    root_path: str  # of that organisation's top unit
    objects: dict[str, Obj]

    @property
    def is_superuser(self) -> bool:
        return bool(self.user is not None and self.user.is_superuser)

    def rank(self, unit) -> int:
        if self.org is None or unit.organisation_id != self.org.pk:
            return 0  # the view looks in the URL's organisation only
        if self.is_superuser:
            return RANK[ADMINISTRATOR]
        held = [
            RANK[k]
            for path, k, org in self.roles
            if org == self.org.pk and unit.path.startswith(path)
        ]
        return max(held, default=0)

    def ranks_in_org(self) -> list[int]:
        if self.is_superuser:
            return [RANK[ADMINISTRATOR]]
        return [RANK[k] for _p, k, org in self.roles if self.org and org == self.org.pk]

    def root_rank(self) -> int:
        if self.is_superuser:
            return RANK[ADMINISTRATOR]
        held = [RANK[k] for path, k, org in self.roles if self.root_path.startswith(path)]
        return max(held, default=0)


Check = Callable[[Ctx], object]


# --- checks ----------------------------------------------------------------------------------


def login(ctx: Ctx):
    return LOGIN if ctx.user is None else None


def member(ctx: Ctx):
    """organisation_view: a person without a role in the organisation gets 404."""
    return None if ctx.is_superuser or ctx.ranks_in_org() else 404


def unit(name: str, need: str = READER) -> Check:
    """The object's unit (`get_unit_for_user`, `get_plan_for_user` …): 404 unseen or in another
    organisation, 403 below `need`."""

    def check(ctx: Ctx):
        obj = ctx.objects[name]
        rank = ctx.rank(obj.unit)
        if rank == 0:
            return 404
        return 403 if rank < RANK[need] else None

    return check


def unit_hidden(name: str, need: str) -> Check:
    """Things only people with `need` on the object's unit may know of (a case's attachments):
    404 for everyone else, also below `need` on the unit."""

    def check(ctx: Ctx):
        return 404 if ctx.rank(ctx.objects[name].unit) < RANK[need] else None

    return check


def sees_event(name: str, need: str = READER) -> Check:
    """An event of the annual wheel (wheel.access): seen by people with a role on its unit, above
    it or below it (an event applies below its unit); 404 for the rest, 403 below `need` on the
    unit."""

    def check(ctx: Ctx):
        unit = ctx.objects[name].unit
        if ctx.org is None or unit.organisation_id != ctx.org.pk:
            return 404
        if not ctx.is_superuser and not any(
            org == ctx.org.pk and (unit.path.startswith(path) or path.startswith(unit.path))
            for path, _k, org in ctx.roles
        ):
            return 404
        return 403 if ctx.rank(unit) < RANK[need] else None

    return check


def in_org(name: str) -> Check:
    """Objects of the organisation read by everyone in it (periods, indicators, categories);
    shipped frameworks are in every organisation."""

    def check(ctx: Ctx):
        organisation = ctx.objects[name].organisation
        return None if organisation is None or organisation == ctx.org else 404

    return check


def root(need: str) -> Check:
    """`require_root_role`, `require_organisation_administrator`: the role on the top unit."""
    return lambda ctx: None if ctx.root_rank() >= RANK[need] else 403


def some_role(need: str) -> Check:
    """Pages that need `need` on some unit (indicator and action creation, evaluations)."""
    return lambda ctx: None if any(r >= RANK[need] for r in ctx.ranks_in_org()) else 403


def admin_anywhere(ctx: Ctx):
    return None if RANK[ADMINISTRATOR] in ctx.ranks_in_org() else 403


def superuser(ctx: Ctx):
    return None if ctx.is_superuser else 403


def staff(ctx: Ctx):
    """The Django admin site lets in active staff only; everyone else is sent to its log-in."""
    user = ctx.user
    return None if user is not None and user.is_active and user.is_staff else ADMIN_LOGIN


def logged_in_redirect(ctx: Ctx):
    """The log-in page sends people who are logged in on to their start page."""
    return 302 if ctx.user is not None else None


def responsible_or(name: str, need: str) -> Check:
    """Action status and notes, assessments: the person responsible (who can see the unit), or
    `need` on the unit; 403 otherwise."""

    def check(ctx: Ctx):
        obj = ctx.objects[name]
        if ctx.rank(obj.unit) >= RANK[need]:
            return None
        responsible = getattr(obj.instance, "responsible_id", None)
        return None if ctx.user is not None and responsible == ctx.user.pk else 403

    return check


def evaluator(name: str) -> Check:
    """An award entry's evaluators: the ones named on it, and controllers of its unit."""

    def check(ctx: Ctx):
        obj = ctx.objects[name]
        entry = getattr(obj.instance, "entry", obj.instance)
        if ctx.rank(obj.unit) >= RANK[CONTROLLER]:
            return None
        named = set(entry.evaluators.values_list("pk", flat=True))
        return None if ctx.user is not None and ctx.user.pk in named else 403

    return check


def entry_writer(name: str) -> Check:
    """An entry's particulars: reporters and up on its unit, or its evaluators."""

    def check(ctx: Ctx):
        if ctx.rank(ctx.objects[name].unit) >= RANK[REPORTER]:
            return None
        return evaluator(name)(ctx)

    return check


def creator(name: str) -> Check:
    """Things that are the person's own who made them (a staged ledger import, a produced
    document file): 404 for anyone else."""

    def check(ctx: Ctx):
        creator = ctx.objects[name].instance.created_by_id
        return None if ctx.user is not None and creator == ctx.user.pk else 404

    return check


def answers(name: str) -> Check:
    """A self-assessment is answered by its members, the people with a role on its unit itself
    (selfassessment README); anyone else who can see it is sent back to it (302), nothing
    saved."""

    def check(ctx: Ctx):
        path = ctx.objects[name].unit.path
        return None if any(p == path for p, _k, _o in ctx.roles) else 302

    return check


def not_self(name: str) -> Check:
    return lambda ctx: (
        403 if ctx.user is not None and ctx.user.pk == ctx.objects[name].value else None
    )


def changes_person(name: str) -> Check:
    """Issue 10, defect 1: a person is edited, invited or deactivated only by someone whose
    administrator role covers every unit where that person holds a role (a person without
    roles: organisation administrators); a superuser or staff account only by a superuser."""

    def check(ctx: Ctx):
        person = ctx.objects[name].instance
        if ctx.is_superuser:
            return None
        if person.is_superuser or person.is_staff:
            return 403
        units = [role.unit for role in person.roles.select_related("unit")]
        if not units:
            return root(ADMINISTRATOR)(ctx)
        covered = all(ctx.rank(u) >= RANK[ADMINISTRATOR] for u in units)
        return None if covered else 403

    return check


# --- how a URL is requested ------------------------------------------------------------------


@dataclass(frozen=True)
class Lit:
    """A literal URL value (a document kind, a table index) rather than a demo object."""

    value: object


@dataclass(frozen=True)
class Url:
    """How one URL name is requested and what it answers.

    get/post: the checks for that method; None: the method is refused (405).
    args/query: URL arguments and query parameters → demo object name (matrix_demo.objects) or
    Lit; common argument names have defaults (DEFAULT_ARGS).
    ok: the status of an allowed GET. form_on: for a URL without a GET page, the page whose
    form posts to it; form_as: the persona whose form is replayed. data: fields set in that
    form ("{goal}" in a name or value is the demo object's id; LEDGER … are files). changes:
    why the form, posted by form_as, changes nothing (else it must change something, so that
    the lower roles' replay proves something). variant: names a second rule of the same URL.
    """

    get: tuple | None = ()
    post: tuple | None = None
    args: dict = field(default_factory=dict)
    query: dict = field(default_factory=dict)
    ok: int = 200
    form_on: str | None = None
    form_as: str = "admin"
    data: dict = field(default_factory=dict)
    changes: str = ""
    variant: str = ""


def view(*checks, **options) -> Url:
    """A page that is only read (GET); POST answers 405."""
    return Url(get=checks, post=None, **options)


def page(*checks, post=None, **options) -> Url:
    """A page with a form: GET and POST, by default under the same rule."""
    return Url(get=checks, post=checks if post is None else post, **options)


def action(*checks, **options) -> Url:
    """A button or form target (POST); GET answers 405."""
    return Url(get=None, post=checks, **options)
