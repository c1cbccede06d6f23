"""{% url %} builds id links from a shape reversed once: the same strings as reverse()."""

import pytest
from django.template import Context, Engine, Template
from django.test import override_settings
from django.urls import URLPattern, URLResolver, get_resolver, reverse, set_script_prefix

from hiring_hub.url_shapes import reverse_ids


def _names(resolver=None, prefix=""):
    for entry in (resolver or get_resolver()).url_patterns:
        if isinstance(entry, URLResolver):
            ns = f"{prefix}{entry.namespace}:" if entry.namespace else prefix
            yield from _names(entry, ns)
        elif isinstance(entry, URLPattern) and entry.name:
            yield prefix + entry.name


@pytest.mark.parametrize("ids", [(), (1,), (7, 0), (123456, 98), (5, 6, 7)])
def test_every_url_name_gives_what_reverse_gives(ids):
    names = sorted(set(_names()))
    assert len(names) > 50
    compared = 0
    for name in names:
        try:
            expected = reverse(name, args=ids)
        except Exception:  # noqa: BLE001 - a name that takes other arguments
            with pytest.raises(Exception):  # noqa: B017, PT011
                reverse_ids(name, ids)
            continue
        assert reverse_ids(name, ids) == expected, name
        assert reverse_ids(name, ids) == expected, name  # from the stored shape
        compared += 1
    if len(ids) < 2:
        assert compared > 10


def test_arguments_other_than_ids_go_through_reverse():
    assert reverse_ids("candidates:candidate_detail", ["12"]) == reverse(
        "candidates:candidate_detail", args=["12"]
    )
    with pytest.raises(Exception):  # noqa: B017, PT011
        reverse_ids("candidates:candidate_detail", [-1])
    with pytest.raises(Exception):  # noqa: B017, PT011
        reverse_ids("candidates:candidate_detail", ["../x"])


def test_script_prefix_is_part_of_the_shape():
    try:
        set_script_prefix("/hub/")
        assert reverse_ids("candidates:candidate_detail", [3]) == "/hub/candidates/3/"
    finally:
        set_script_prefix("/")
    assert reverse_ids("candidates:candidate_detail", [3]) == reverse(
        "candidates:candidate_detail", args=[3]
    )


@override_settings(ROOT_URLCONF="hiring_hub.urls")
def test_url_tag_renders_the_same_links():
    engine = Engine.get_default()
    template = Template(
        "{% url 'candidates:candidate_detail' c %}|{% url 'home' %}|"
        "{% url 'candidates:candidate_detail' pk=c %}|"
        "{% url 'candidates:candidate_detail' c as u %}{{ u }}",
        engine=engine,
    )
    out = template.render(Context({"c": 42}))
    detail = reverse("candidates:candidate_detail", args=[42])
    assert out == f"{detail}|{reverse('home')}|{detail}|{detail}"
