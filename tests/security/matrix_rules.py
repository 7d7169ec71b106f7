"""Who may open which URL, per URL name, for the persona × URL matrix (test_matrix.py): the
checks (matrix_checks.py) in the order each view makes them, and the demo objects its URL
arguments take. Adding a URL: CONTRIBUTING.md, "The persona × URL matrix"."""

import datetime

from tests.security.matrix_checks import (
    ADMINISTRATOR,
    CONTROLLER,
    READER,
    REPORTER,
    UNIT_MANAGER,
    Lit,
    Url,
    action,
    admin_anywhere,
    answers,
    changes_person,
    creator,
    entry_writer,
    evaluator,
    in_org,
    logged_in_redirect,
    login,
    not_self,
    page,
    responsible_or,
    root,
    sees_event,
    some_role,
    superuser,
    unit,
    unit_hidden,
    view,
)

A, C, UM, REP = ADMINISTRATOR, CONTROLLER, UNIT_MANAGER, REPORTER


def no_token(ctx):
    """An API endpoint without a bearer token: 401 for everyone, logged in or not."""
    return 401


def no_such_token(ctx):
    """Revoking a token that does not exist (the matrix's demo has none)."""
    return 404


# The demo object an argument takes unless the URL's rule names another (Url.args).
DEFAULT_ARGS = {
    "unit_pk": "unit",
    "plan_pk": "plan",
    "goal_pk": "goal",
    "period_pk": "period",
    "risk_pk": "risk",
    "indicator_pk": "indicator",
}

# File fields, filled in by test_matrix._value:
LEDGER = "ledger"  # the demo's ledger file
FRAMEWORK_FILE = "framework"  # the framework's own export
OUTCOME_FILE = "outcomes"  # Väsby Direkt's exported outcome workbook
QUESTIONNAIRE_FILE = "questionnaire"  # the shipped HME's export

URLS: dict[str, Url | list[Url]] = {
    # core, home and accounts
    "home:start": view(login),
    "core:health": view(),
    "core:healthz": view(),
    # The user guides (docs/guide/): for everyone logged in, whatever their organisation.
    "core:guides": view(login),
    "core:guide": view(login, args={"name": Lit("controller")}),
    "core:guide_image": view(login, args={"name": Lit("controller-1-start.png")}),
    "accounts:login": page(logged_in_redirect, post=()),
    "accounts:logout": action(),
    "accounts:password_change": page(
        login,
        data={
            "old_password": "demo",
            "new_password1": "Matrisens-nya-lösen-2026",
            "new_password2": "Matrisens-nya-lösen-2026",
        },
    ),
    "accounts:password_change_done": view(login),
    "accounts:password_reset": page(post=()),
    "accounts:password_reset_done": view(),
    "accounts:password_reset_confirm": page(
        post=(), args={"uidb64": "reset_user", "token": Lit("matrix-token")}
    ),
    "accounts:password_reset_complete": view(),
    "set_language": page(post=(), ok=302),
    # api: the schema, its docs page and the index are public (they hold no data); every
    # endpoint needs a token, which no persona here sends: a session never authenticates the
    # API (so no CSRF). The personas with tokens: roder/api/tests/test_matrix.py.
    "api-v1:openapi-json": view(),
    "api-v1:openapi-view": view(),
    "api-v1:index": view(),
    "api-v1:api-root": view(),  # the index's own address, named by django-ninja
    **{
        f"api-v1:{name}": view(no_token)
        for name in (
            "units",
            "periods",
            "plans",
            "goals",
            "indicators",
            "targets",
            "assessments",
            "outcomes",
            "outcome_write",  # one address: GET reads, PUT writes
        )
    },
    "api-v1:actions": page(no_token),  # GET reads, POST adds
    "api-v1:action_create": page(no_token),
    "api-v1:action_change": Url(get=None, post=None, args={"pk": "action"}),  # PATCH only
    # the API tokens page: everyone's own tokens (service tokens: organisation administrators)
    "api:tokens": page(
        data={
            "name": "Matrisens token",
            "role": "reader",
            "scopes": "read",
            "expires_on": (datetime.date.today() + datetime.timedelta(days=30)).isoformat(),
        }
    ),
    "api:revoke": action(no_such_token, args={"pk": Lit(999_999)}),
    # notices: everyone's own notifications and choice of mail (nobody else's)
    "notices:list": view(login),
    "notices:mark_read": action(login, form_on="notices:list", form_as="controller"),
    "notices:mail_settings": page(login),
    # organisation
    "organisation:organisation_create": page(
        login, superuser, data={"name": "Matriskommun", "slug": "matriskommun", "root_code": "MK"}
    ),
    "organisation:tree": view(),
    "organisation:unit_create": page(
        unit("parent", A),
        query={"parent": "unit"},
        data={"name": "Matrisenheten", "code": "MX", "kind": "unit"},
    ),
    "organisation:unit_detail": view(unit("pk"), args={"pk": "unit"}),
    "organisation:unit_edit": page(unit("pk", A), args={"pk": "unit"}),
    "organisation:unit_move": page(
        unit("pk", A), args={"pk": "unit"}, data={"new_parent": "{sibling_unit}"}
    ),
    "organisation:unit_deactivate": page(unit("pk", A), args={"pk": "unit"}),
    "organisation:role_grant": action(
        unit("pk", A),
        args={"pk": "unit"},
        form_on="organisation:unit_detail",
        data={"person": "{sibling_person}", "kind": READER},
    ),
    "organisation:role_revoke": action(
        unit("pk", A), args={"pk": "unit", "role_pk": "role"}, form_on="organisation:unit_detail"
    ),
    "organisation:people": view(admin_anywhere),
    "organisation:person_create": page(
        admin_anywhere,
        data={
            "first_name": "Mats",
            "last_name": "Matris",
            "username": "matris",
            "email": "matris@example.se",
        },
    ),
    "organisation:person_detail": view(admin_anywhere, in_org("pk"), args={"pk": "person"}),
    "organisation:person_edit": page(
        admin_anywhere, in_org("pk"), changes_person("pk"), args={"pk": "person"}
    ),
    "organisation:person_invite": action(
        admin_anywhere,
        in_org("pk"),
        changes_person("pk"),
        args={"pk": "person"},
        form_on="organisation:person_detail",
    ),
    # Anonymising rewrites the whole history: organisation administrators, never of themselves.
    "organisation:person_anonymise": page(
        admin_anywhere,
        in_org("pk"),
        changes_person("pk"),
        root(A),
        not_self("pk"),
        args={"pk": "sibling_person"},
    ),
    "organisation:settings": page(root(A)),
    # Kolada's catalogue: the organisation's administrators (and superusers) load it.
    "kolada:catalogue": page(root(A)),
    # Linking an indicator to a KPI, fetching and accepting: controllers of the owner unit.
    "kolada:indicator": view(
        unit("pk", C), args={"pk": "kolada_indicator"}, query={"q": Lit("N00901")}
    ),
    "kolada:indicator_link": action(
        unit("pk", C),
        args={"pk": "kolada_indicator"},
        form_on="kolada:indicator",  # its search for N00901 shows the button
    ),
    "kolada:indicator_fetch": action(
        unit("pk", C),
        args={"pk": "kolada_indicator"},
        form_on="kolada:indicator",
        changes="Kolada cannot be reached from the tests: the fetch says so and changes nothing",
    ),
    "kolada:indicator_accept": action(
        unit("pk", C),
        args={"pk": "kolada_indicator"},
        form_on="kolada:indicator",
        data={"year": "2025"},
    ),
    # Choosing the organisation's peers: controllers and administrators (on any unit).
    "kolada:peers": view(some_role(C), query={"q": Lit("Värmdö")}),
    "kolada:peer_add": action(some_role(C), form_on="kolada:peers"),  # adds Värmdö
    "kolada:peer_remove": action(
        some_role(C), in_org("pk"), args={"pk": "kolada_peer"}, form_on="kolada:peers"
    ),
    # The comparison (county, riket, peers, rank, unit against unit): whoever sees the owner.
    "kolada:compare": view(unit("pk"), args={"pk": "kolada_indicator"}),
    # A unit's link to Kolada's organisational unit (ou): controllers of the unit.
    "kolada:unit_ou": page(unit("unit_pk", C), data={"ou": "V15E011400101"}),
    # The header's search: everyone of the organisation; what it lists is held by its own tests.
    "organisation:search": view(query={"q": Lit("Servicegrad")}),
    # documents
    "documents:unit": view(unit("unit_pk")),
    # Every kind of a unit's document, each built for the person asking.
    "documents:document": [
        view(unit("unit_pk"), args={"kind": Lit(kind)}, variant=kind)
        for kind in ("plan", "tertial", "interim", "annual", "control", "strategy_map")
    ],
    "documents:produce": action(
        unit("unit_pk"),
        args={"kind": Lit("interim")},
        form_on="documents:document",
        data={"format": "xlsx"},
    ),
    "documents:table_xlsx": view(unit("unit_pk"), args={"kind": Lit("interim"), "index": Lit(0)}),
    "documents:texts": page(
        unit("unit_pk", REP), args={"kind": Lit("interim")}, data={"summary": "Matrisen skrev."}
    ),
    "documents:run": view(creator("pk"), unit("pk"), args={"pk": "run"}),
    "documents:download": view(creator("pk"), unit("pk"), args={"pk": "run"}),
    "documents:produce_object": action(
        unit("object_id"),
        args={"kind": Lit("evaluation"), "object_id": "evaluation"},
        form_on="quality:evaluation_report",
        data={"format": "xlsx"},
    ),
    "documents:templates": view(root(A)),
    "documents:template": page(root(A), args={"kind": Lit("plan")}),
    # planning
    "planning:categories": view(),
    "planning:category_create": page(root(C), data={"number": "9", "name": "Matris"}),
    "planning:category_defaults": action(
        root(C), changes="the demo has its categories: installing the defaults again is refused"
    ),
    "planning:category_edit": page(root(C), in_org("pk"), args={"pk": "goal_category"}),
    "planning:plan_list": page(unit("unit_pk"), post=(unit("unit_pk", UM),)),
    "planning:plan_detail": view(unit("pk"), args={"pk": "plan"}),
    "planning:plan_edit": page(unit("pk", UM), args={"pk": "plan"}),
    "planning:section_edit": page(unit("pk", UM), args={"pk": "plan", "key": "section"}),
    "planning:area_text_edit": page(
        unit("pk", UM), in_org("category_pk"), args={"pk": "plan", "category_pk": "goal_category"}
    ),
    "planning:goal_create": page(unit("plan_pk", UM), data={"title": "Matrismål"}),
    "planning:goal_detail": view(unit("pk"), args={"pk": "goal"}),
    "planning:goal_edit": page(unit("pk", UM), args={"pk": "goal"}),
    "planning:goal_link": action(
        unit("pk", UM),
        args={"pk": "goal"},
        form_on="planning:goal_detail",
        data={"target": "{link_target}"},
    ),
    "planning:goal_unlink": action(
        unit("pk", UM), args={"pk": "goal", "link_pk": "goal_link"}, form_on="planning:goal_detail"
    ),
    # indicators
    "indicators:list": view(),
    "indicators:create": page(some_role(UM), data={"name": "Matrisnyckeltal"}),
    "indicators:detail": view(in_org("pk"), args={"pk": "indicator"}),
    "indicators:edit": page(unit("pk", UM), args={"pk": "indicator"}),
    "indicators:comparison_add": action(
        unit("pk", UM),
        args={"pk": "indicator"},
        form_on="indicators:detail",
        data={"year": "2025", "value": "50", "source": "Matris"},
    ),
    "indicators:goal_attach": action(
        unit("goal_pk", UM),
        form_on="planning:goal_detail",
        data={"indicator": "{free_indicator}"},
    ),
    "indicators:goal_detach": action(
        unit("goal_pk", UM), args={"link_pk": "goal_indicator"}, form_on="planning:goal_detail"
    ),
    "indicators:targets": page(unit("goal_pk", UM), data={"year-value": "96"}),
    # reporting periods
    "periods:periods": page(
        post=(some_role(C),),
        data={
            "name": "Matrisperiod",
            "kind": "month",
            "year": "2027",
            "starts": "2027-01-01",
            "ends": "2027-01-31",
            "deadline": "2027-02-10",
        },
    ),
    # Any controller of the organisation runs its periods (periods/README.md).
    "periods:install_year": action(some_role(C), form_on="periods:periods", data={"year": "2027"}),
    "periods:status": action(
        some_role(C),
        in_org("pk"),
        args={"pk": "period"},
        form_on="periods:periods",
        data={"status": "closed"},
    ),
    "periods:deadline": action(
        some_role(C),
        in_org("pk"),
        args={"pk": "period"},
        form_on="periods:periods",
        data={"deadline": "2026-09-30"},
    ),
    "followup:revisions": view(some_role(C)),
    "followup:revision_accept": action(
        unit("pk", C), args={"pk": "revision"}, form_on="followup:revisions"
    ),
    "followup:revision_reject": action(
        unit("pk", C),
        args={"pk": "revision"},
        form_on="followup:revisions",
        data={"reason": "Fel i matrisen."},
    ),
    # follow-up
    "followup:overview": view(in_org("pk"), args={"pk": "period"}),
    "followup:unit_report": page(
        unit("unit_pk"),
        in_org("period_pk"),
        post=(unit("unit_pk"), in_org("period_pk"), unit("unit_pk", REP)),
        data={"i{indicator}-value": "42"},
    ),
    "followup:report_submit": action(
        unit("unit_pk", UM), in_org("period_pk"), form_on="followup:unit_report"
    ),
    "followup:report_approve": action(
        unit("unit_pk", C),
        in_org("period_pk"),
        args={"unit_pk": "submitted_unit"},
        form_on="followup:unit_report",
    ),
    "followup:report_return": action(
        unit("unit_pk", C),
        in_org("period_pk"),
        args={"unit_pk": "submitted_unit"},
        form_on="followup:unit_report",
        data={"comment": "Komplettera analysen."},
    ),
    "followup:report_reopen": action(
        unit("unit_pk", C),
        in_org("period_pk"),
        args={"unit_pk": "approved_unit"},
        form_on="followup:unit_report",
        data={"reason": "Fel i utfallet för april."},
    ),
    "followup:excel_export": view(unit("unit_pk"), in_org("period_pk")),
    "followup:excel_import": page(
        unit("unit_pk", REP),
        in_org("period_pk"),
        data={"file": OUTCOME_FILE},
        changes="an upload only shows the preview; the confirmation reads the uploader's session",
    ),
    "followup:excel_import_run": page(
        unit("unit_pk", REP),
        in_org("period_pk"),
        creator("pk"),
        args={"pk": "outcome_import"},
        form_as="rapportor",
        changes="the file is still being checked (its task does not run here): confirming waits",
    ),
    "followup:assess": page(
        unit("goal_pk"),
        in_org("period_pk"),
        post=(unit("goal_pk"), in_org("period_pk"), responsible_or("goal_pk", UM)),
    ),
    "followup:rollup": view(unit("goal_pk"), query={"period": "period"}),
    "followup:scorecard": view(unit("unit_pk"), query={"period": "period"}),
    "followup:strategy_map": view(),
    # A branch of the map (a committee goal's contributing goals): the page with it unfolded,
    # or the fragment for htmx; 404 for a goal of the path the person does not see.
    "followup:strategy_branch": view(
        unit("path"), query={"path": "map_branch", "period": "period"}
    ),
    # actions
    "actions:action_list": view(),
    "actions:action_export": view(),
    "actions:action_create": page(
        some_role(UM), unit("unit", UM), query={"unit": "unit"}, data={"title": "Matrisåtgärd"}
    ),
    "actions:action_detail": view(unit("pk"), args={"pk": "action"}),
    "actions:action_edit": page(unit("pk", UM), args={"pk": "action"}),
    "actions:action_status": action(
        unit("pk"),
        responsible_or("pk", REP),
        args={"pk": "action"},
        form_on="actions:action_detail",
        data={"status": "postponed"},
    ),
    "actions:action_note": action(
        unit("pk"),
        responsible_or("pk", REP),
        args={"pk": "action"},
        form_on="actions:action_detail",
        data={"text": "Matrisens anteckning"},
    ),
    # the annual wheel: everyone in the organisation reads it (a unit's view by those who see
    # the unit); controllers edit their units' events and public feeds; the feeds need no
    # log-in: a person's behind its secret token, a unit's when the unit publishes it
    "wheel:wheel": [
        view(),
        view(unit("unit"), query={"unit": "unit"}, variant="unit"),
    ],
    "wheel:event_list": view(),
    "wheel:event_create": page(
        some_role(C),
        data={
            "unit": "{office}",
            "title": "Matrisens möte",
            "kind": "meeting",
            "starts_on": "2026-02-03",
        },
    ),
    "wheel:event_edit": page(
        sees_event("pk"),
        post=(sees_event("pk", C),),
        args={"pk": "wheel_event"},
        data={"title": "Matrisens APT"},
    ),
    "wheel:event_delete": action(
        sees_event("pk", C), args={"pk": "wheel_event"}, form_on="wheel:event_edit"
    ),
    "wheel:public_feed_set": action(
        unit("unit_pk", C),
        args={"unit_pk": "office"},
        form_on="wheel:wheel",
        data={"public": "", "version": "1"},
    ),
    "wheel:unit_feed": view(args={"organisation": "public_feed_org", "unit_pk": "office"}),
    "wheel:my_feed": view(login),
    "wheel:my_feed_renew": action(login, form_on="wheel:my_feed", form_as="controller"),
    "wheel:person_feed": view(args={"token": "feed_token"}),
    # opinions and complaints: handlers (reporters and up) on the case's unit; managers
    # assign and mark secrecy; the settings and services are the organisation administrators'
    "complaints:case_list": view(some_role(REP)),
    "complaints:case_create": page(
        some_role(REP),
        post=(some_role(REP), unit("unit", REP)),
        query={"unit": "unit"},
        data={
            "unit": "{unit}",
            "kind": "complaint",
            "channel": "phone",
            "description": "Matrisens ärende",
            "received_on": "2026-12-01",
        },
    ),
    "complaints:case_detail": view(unit("pk", REP), args={"pk": "complaint_case"}),
    "complaints:case_assign": action(
        unit("pk", UM), args={"pk": "complaint_case"}, form_on="complaints:case_detail"
    ),
    "complaints:case_status": action(
        unit("pk", REP),
        args={"pk": "complaint_case"},
        form_on="complaints:case_detail",
        data={"status": "acknowledged"},
    ),
    "complaints:case_secrecy": action(
        unit("pk", UM),
        args={"pk": "complaint_case"},
        form_on="complaints:case_detail",
        data={"secret": "on"},
    ),
    "complaints:case_action": action(
        unit("pk", REP),
        args={"pk": "complaint_case"},
        form_on="complaints:case_detail",
        data={"title": "Matrisens åtgärd"},
    ),
    "complaints:case_goals": action(
        unit("pk", REP),
        args={"pk": "complaint_case"},
        form_on="complaints:case_detail",
        changes="the replayed form holds the goals the case already has (none)",
    ),
    "complaints:case_note": action(
        unit("pk", REP),
        args={"pk": "complaint_case"},
        form_on="complaints:case_detail",
        data={"text": "Matrisens anteckning"},
    ),
    "complaints:case_answer": action(
        unit("pk", REP),
        args={"pk": "complaint_case"},
        form_on="complaints:case_detail",
        data={"text": "Matrisens svar", "channel": "phone"},
    ),
    # the statistics: everyone who sees the unit, readers too (figures, never a case)
    "complaints:statistics": view(unit("unit"), query={"unit": "unit"}),
    # Attachments: the case's handlers only; a reader of the unit gets 404 as well.
    "complaints:attachment_download": view(
        unit_hidden("pk", REP), args={"pk": "complaint_attachment"}
    ),
    # The public form and its receipt: no log-in (the receipt's signed token is the key).
    "complaints:public_form": page(post=(), args={"organisation": "complaint_form"}),
    "complaints:public_receipt": view(
        args={"organisation": "complaint_form", "token": "complaint_receipt"}
    ),
    # writing an indicator's outcomes from the statistics: the owner unit's reporters and up
    # (the demo's ordinary indicator is refused with a message, nothing written)
    "complaints:indicator_publish": action(
        unit("pk", REP),
        args={"pk": "indicator"},
        changes="the demo's indicator is entered by hand: the service refuses it, nothing written",
    ),
    "complaints:case_free_mark": action(
        unit("pk", REP),
        args={"pk": "complaint_case"},
        form_on="complaints:case_detail",
        data={"free": "on"},
    ),
    # registerutdrag and erasure on request: the organisation's administrators
    "complaints:personal_data": view(root(A), query={"q": Lit("matris@example.se")}),
    "complaints:personal_data_erase": action(
        root(A),
        data={"q": "matris@example.se", "confirm": "on"},
        changes="the demo has no case from the address: nothing to erase",
    ),
    # the kundlogg: read by everyone who sees the unit, written by its reporters and up
    "complaints:customer_log": page(
        unit("unit_pk"),
        post=(unit("unit_pk", REP),),
        data={"day": "2026-12-01", "kind": "meeting", "count": "2", "note": "Matrisens möte"},
    ),
    "complaints:customer_contact_delete": action(
        unit("pk", REP),
        args={"pk": "customer_contact"},
        form_on="complaints:customer_log",
    ),
    "complaints:settings": page(root(A)),
    "complaints:service_create": action(
        root(A),
        form_on="complaints:settings",
        data={"name": "Matristjänst", "unit": "{unit}"},
    ),
    "complaints:service_edit": page(root(A), in_org("pk"), args={"pk": "complaint_service"}),
    # internal control
    "control:overview": view(),
    "control:matrix": page(post=(root(A),)),
    "control:plan_list": page(unit("unit_pk"), post=(unit("unit_pk", UM),)),
    "control:plan_detail": view(unit("pk"), args={"pk": "control_plan"}),
    "control:plan_edit": page(unit("pk", UM), args={"pk": "control_plan"}),
    "control:risk_analysis": view(unit("pk"), args={"pk": "control_plan"}),
    "control:risk_create": page(
        unit("plan_pk", UM),
        args={"plan_pk": "control_plan"},
        data={"process": "Matrisprocess", "description": "Matrisrisk"},
    ),
    "control:risk_edit": page(unit("pk", UM), args={"pk": "risk"}),
    "control:control_create": page(unit("risk_pk", UM), data={"step": "Matriskontroll"}),
    "control:control_edit": page(unit("pk", UM), args={"pk": "control"}),
    # Recording results: reporters and up, or a due control's responsible person (in the demo
    # the controller, who is above reporter anyway).
    "control:results": page(
        unit("pk"),
        in_org("period_pk"),
        post=(unit("pk"), in_org("period_pk"), unit("pk", REP)),
        args={"pk": "control_plan"},
        data={"c{control}-outcome": "not_done", "c{control}-comment": "Matrisen"},
    ),
    "control:followup": view(unit("pk"), args={"pk": "control_plan"}),
    # economy
    "economy:index": view(),
    "economy:overview": view(unit("unit_pk")),
    "economy:activity_table": view(unit("unit_pk")),
    "economy:result_table": view(unit("unit_pk")),
    "economy:followup": view(unit("unit_pk")),
    # The budget (not the prognosis, which unit managers enter): controllers and up.
    "economy:entry": page(
        unit("unit_pk", UM),
        unit("unit_pk", C),
        query={"kind": Lit("budget"), "year": Lit(2026)},
        data={"c{account_category}": "1000"},
    ),
    "economy:import_upload": page(unit("unit_pk", C), data={"file": LEDGER}),
    "economy:import_detail": [
        page(
            unit("pk"),
            args={"pk": "ledger_import"},
            changes="a confirmed import is only read; posting to it changes nothing",
        ),
        page(
            unit("pk"),
            creator("pk"),
            unit("pk", C),
            args={"pk": "staged_import"},
            form_as="controller",
            data={"confirm": "1", "period": "{period}"},
            variant="staged",
        ),
    ],
    "economy:account_categories": view(),
    "economy:account_category_defaults": action(
        root(C), changes="the demo has its categories: installing the defaults again is refused"
    ),
    "economy:account_category_create": page(root(C), data={"code": "MX1", "name": "Matris"}),
    "economy:account_category_edit": page(root(C), in_org("pk"), args={"pk": "account_category"}),
    "economy:activity_codes": view(),
    "economy:activity_code_defaults": action(
        root(C), changes="the demo has its activities: installing the defaults again is refused"
    ),
    "economy:activity_code_create": page(root(C), data={"code": "999", "name": "Matris"}),
    "economy:activity_code_edit": page(root(C), in_org("pk"), args={"pk": "activity"}),
    # self-assessment
    "selfassessment:list": page(
        unit("unit_pk"), post=(unit("unit_pk", UM),), args={"unit_pk": "office"}
    ),
    "selfassessment:branch": view(unit("unit_pk")),
    "selfassessment:round": page(
        unit("pk"), post=(unit("pk"), answers("pk")), args={"pk": "round"}, form_as="rapportor"
    ),
    "selfassessment:close": action(
        unit("pk", UM), args={"pk": "round"}, form_on="selfassessment:round"
    ),
    # quality
    "quality:index": view(),
    # surveys: the answering pages need no log-in (the link is the key); results as the unit
    "surveys:answer_open": page(
        post=(),
        args={"token": "survey_link"},
        changes="an answer counts once per browser, and a fresh client has no browser cookie",
    ),
    "surveys:answer_personal": page(
        post=(),
        args={"token": "survey_invitation"},
        changes="the replayed form is empty, and an empty answer is refused",
    ),
    "surveys:thanks": view(),
    # the overview: everyone in the organisation (the rounds filtered to the units they see)
    "surveys:overview": [
        view(),
        view(unit("unit"), query={"unit": "unit"}, variant="unit"),
    ],
    # questionnaires: read by everyone in the organisation (shipped ones in every one);
    # imported, copied and taken into use by controllers and up on the top unit
    "surveys:questionnaire_detail": view(in_org("pk"), args={"pk": "questionnaire"}),
    "surveys:questionnaire_export": view(in_org("pk"), args={"pk": "questionnaire"}),
    "surveys:questionnaire_import": page(root(C), data={"file": QUESTIONNAIRE_FILE}),
    "surveys:questionnaire_copy": action(
        root(C), in_org("pk"), args={"pk": "questionnaire"}, form_on="surveys:questionnaire_detail"
    ),
    # rounds: started, sent, reminded and closed by unit managers and up on the round's unit
    "surveys:round_unit_choice": view(some_role(UM)),
    # results from elsewhere: the preview writes nothing; the import posts "confirm" with the
    # file kept in the session (roder/surveys/tests/test_results_import.py)
    "surveys:results_import": page(
        some_role(UM), changes="the replayed form carries no file, so only the form comes back"
    ),
    "surveys:round_create": page(
        unit("unit_pk", UM),
        data={
            "name": "Matrisens enkät",
            "questionnaire": "{questionnaire}",
            "opens_on": "2026-12-01",
            "closes_on": "2026-12-31",
            "access": "open",
        },
    ),
    "surveys:round_manage": view(unit("pk", UM), args={"pk": "survey_round"}),
    "surveys:round_send": action(
        unit("pk", UM), args={"pk": "survey_round"}, form_on="surveys:round_manage"
    ),
    "surveys:round_remind": action(
        unit("pk", UM), args={"pk": "survey_round"}, form_on="surveys:round_manage"
    ),
    "surveys:round_close": action(
        unit("pk", UM), args={"pk": "survey_round"}, form_on="surveys:round_manage"
    ),
    "surveys:questionnaire_take_into_use": action(
        root(C),
        in_org("pk"),
        args={"pk": "questionnaire_draft"},
        form_on="surveys:questionnaire_detail",
    ),
    "surveys:round_results": view(unit("pk"), args={"pk": "survey_round"}),
    "surveys:round_report": view(unit("pk"), args={"pk": "survey_round"}),
    # writing a closed round's indices to the nyckeltal again: the round's unit managers
    "surveys:round_nyckeltal": action(
        unit("pk", UM),
        args={"pk": "survey_round_closed"},
        form_on="surveys:round_results",
        changes="the outcomes were written when the round closed: writing again changes nothing",
    ),
    # linking an indicator to a survey index: controllers of its owner unit
    "surveys:indicator_link": action(
        unit("pk", C),
        args={"pk": "survey_indicator"},
        form_on="indicators:detail",
        changes="the form posts the index the indicator is already linked to",
    ),
    "quality:framework_list": view(),
    "quality:framework_import": page(root(A), data={"file": FRAMEWORK_FILE}),
    "quality:framework_detail": view(in_org("pk"), args={"pk": "framework"}),
    "quality:framework_export": view(in_org("pk"), args={"pk": "framework"}),
    "quality:framework_copy": action(
        root(A), in_org("pk"), args={"pk": "framework"}, form_on="quality:framework_detail"
    ),
    "quality:framework_edit": page(root(A), in_org("pk"), args={"pk": "framework"}),
    "quality:area_create": page(
        root(A),
        in_org("pk"),
        args={"pk": "framework"},
        data={"number": "9", "name": "Matrisområde", "max_score": "100"},
    ),
    "quality:area_edit": page(root(A), in_org("pk"), args={"pk": "area"}),
    "quality:sub_area_create": page(
        root(A),
        in_org("area_pk"),
        args={"area_pk": "area"},
        data={"number": "9", "name": "Matrisdelområde"},
    ),
    "quality:sub_area_edit": page(root(A), in_org("pk"), args={"pk": "sub_area"}),
    "quality:question_create": page(
        root(A),
        in_org("area_pk"),
        args={"area_pk": "area"},
        data={"number": "99", "text": "Matrisfråga"},
    ),
    "quality:question_edit": page(root(A), in_org("pk"), args={"pk": "question"}),
    "quality:reference_create": page(
        root(C),
        in_org("pk"),
        args={"pk": "framework"},
        data={"name": "Matrisserie", "area_{area}": "50"},
    ),
    "quality:reference_edit": page(root(C), in_org("pk"), args={"pk": "series"}),
    "quality:evaluation_create": page(some_role(C), data={"title": "Matrisutvärdering"}),
    "quality:evaluation_detail": view(unit("pk"), args={"pk": "evaluation"}),
    "quality:evaluation_edit": page(unit("pk", C), args={"pk": "evaluation"}),
    "quality:area_score": page(unit("pk", C), args={"pk": "evaluation", "area_pk": "area"}),
    "quality:finding_create": page(
        unit("pk", C), args={"pk": "evaluation"}, data={"text": "Matrisfynd"}
    ),
    "quality:evaluation_compare": view(unit("pk"), args={"pk": "evaluation"}),
    "quality:evaluation_report": view(unit("pk"), args={"pk": "evaluation"}),
    "quality:finding_edit": page(unit("pk", C), args={"pk": "finding"}),
    "quality:finding_delete": action(
        unit("pk", C), args={"pk": "finding"}, form_on="quality:finding_edit"
    ),
    "quality:finding_action": page(unit("pk", C), args={"pk": "finding"}),
    "quality:entry_create": page(some_role(REP), data={"title": "Matrisbidrag", "year": "2026"}),
    "quality:entry_detail": view(unit("pk"), args={"pk": "entry"}),
    "quality:entry_edit": page(unit("pk"), entry_writer("pk"), args={"pk": "entry"}),
    "quality:entry_report": view(unit("pk"), args={"pk": "entry"}),
    "quality:answer_edit": page(unit("pk", REP), args={"pk": "answer"}),
    "quality:answer_figures": action(
        unit("pk", REP),
        args={"pk": "results_answer"},
        form_on="quality:answer_edit",
        data={"indicators": "{entry_indicator}"},
    ),
    "quality:feedback_edit": page(unit("pk"), evaluator("pk"), args={"pk": "feedback"}),
}


def specs(name: str) -> list[Url]:
    found = URLS.get(name)
    if found is None:
        return []
    return found if isinstance(found, list) else [found]
