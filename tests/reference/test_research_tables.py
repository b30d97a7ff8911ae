"""The reference tables of the research views: each file's content is the one its version names, every
row says where it comes from, and the crosswalk's names are the catalog's."""
from __future__ import annotations

from reference import research
from reference.catalog import function_class_code, function_item_names


def test_each_table_has_the_content_its_version_names():
    for file, (version, sha) in research.VERSIONS.items():
        assert research.content_hash(file) == sha, f"{file} changed: bump its version in reference/research.py"
        assert version


def test_every_alias_and_crosswalk_row_records_its_source():
    for name in ("unit_aliases", "code_crosswalk"):
        rows = research.rows(name)
        assert rows and all(r[-1] and len(r[-1]) > 20 for r in rows), name


def test_the_crosswalk_names_are_the_catalogs_on_both_sides_of_the_change():
    for _id, _cls, old, old_name, new, new_name, last_old, first_new, _change, _src in research.rows("code_crosswalk"):
        if len(old) == 3:
            assert function_class_code(old_name, last_old) == old
            assert function_class_code(new_name, first_new) == new
        else:
            assert {old_name, new_name} <= set(function_item_names(old))
