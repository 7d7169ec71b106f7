"""`{% panel bound %}`: one `core.panels.BoundPanel`, with the page's context plus its own."""

from django import template

from roder.core.panels import BoundPanel

register = template.Library()


@register.simple_tag(takes_context=True)
def panel(context: template.Context, bound: BoundPanel) -> str:
    assert context.template is not None
    panel_template = context.template.engine.get_template(bound.template)
    with context.push(bound.context):
        return panel_template.render(context)
