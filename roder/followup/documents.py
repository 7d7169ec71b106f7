"""The strategy map as a document (web page to print, PDF, Word): a unit's branch of the map
for a period, every level unfolded, as nested levels of cards (`documents.blocks.Tree`).
Registered as the kind "strategy_map" in `FollowupConfig.ready()`."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from roder.documents.blocks import Card, Paragraphs, Tree
from roder.documents.kinds import DocumentKind
from roder.documents.sections import Context, Section
from roder.followup.strategy_map import MapNode, strategy_map
from roder.followup.visibility import Seen
from roder.periods.models import PeriodKind


def card_lines(node: MapNode) -> list[str]:
    """What a card says besides its title and status (the page's card in words)."""
    goal, status = node.goal, node.status
    unit = goal.plan.unit.name + (f" · {goal.category.name}" if goal.category else "")
    mark = f" ({status.mark_label})" if status.mark_label else ""
    if status.assessment is not None:
        judgement = _("Assessment: %(text)s") % {
            "text": status.assessment.analysis or status.level_label
        }
    else:
        judgement = _("Roder's proposal: %(text)s") % {"text": status.proposal.reason}
    if node.indicators:
        indicators = ngettext(
            "%(on_target)s of %(total)s indicator meets its target",
            "%(on_target)s of %(total)s indicators meet their target",
            node.indicators,
        ) % {"on_target": node.on_target, "total": node.indicators}
    else:
        indicators = _("No indicators due in the period")
    lines = [unit + mark, judgement, indicators]
    if node.same_as is not None:
        lines.append(_("Same goal as under “%(goal)s”") % {"goal": node.same_as})
    elif node.others:
        lines.append(
            _("Also contributes to: %(goals)s") % {"goals": "; ".join(map(str, node.others))}
        )
    return lines


def _card(node: MapNode) -> Card:
    return Card(
        str(node.goal),
        node.status.light,
        node.status.level_label,
        card_lines(node),
        [_card(child) for child in node.children],
    )


def strategy_map_section(ctx: Context, number: str) -> list:
    assert ctx.period is not None  # the kind is written for a period
    seen = Seen.for_grants(ctx.grants)
    tree = strategy_map(ctx.grants, ctx.period, unit=ctx.unit, everything=True, seen=seen)
    if not tree:
        return [Paragraphs(_("No goals for the period's year."))]
    intro = _(
        "Every goal of %(unit)s and the units below it that you can see, under the goals it "
        "contributes to, from the highest level down. Each card shows the goal's status: the "
        "assessment where one is made, else Roder's proposal from its indicators and the "
        "goals below."
    ) % {"unit": ctx.unit.name}
    if not seen.is_everything:
        intro += " " + _(
            "Marked statuses come from reports not yet approved; the others are approved."
        )
    return [Paragraphs(intro), Tree([_card(node) for node in tree.roots])]


SECTIONS = [Section("strategy_map", gettext_lazy("Strategy map"), strategy_map_section)]

KIND = DocumentKind(
    key="strategy_map",  # stored on runs and templates: never changes
    label=gettext_lazy("Strategy map"),
    order=45,
    sections=SECTIONS,
    period_kinds=tuple(PeriodKind.values),
    period_required=True,
)
