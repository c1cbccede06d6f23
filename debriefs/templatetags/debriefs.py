from django import template

register = template.Library()

RATING_CLASSES = {1: "rating-strong-no", 2: "rating-no", 3: "rating-yes", 4: "rating-strong-yes"}


@register.filter
def rating_class(value) -> str:
    """CSS class of a 1–4 rating (strong no … strong yes); empty means no evidence."""
    return RATING_CLASSES.get(value, "rating-none")
