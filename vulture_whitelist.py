"""Names vulture (`.ci/run`) takes for unused that are used by name: by Python, Typer, pydantic, Jinja
and the templates, or other libraries.  Not imported by anything; vulture reads it with src/workplan_cli."""
# ruff: noqa

# Python calls these by name: the package's lazy attributes (`__getattr__`, `__dir__`), and the
# aliases type checkers read under TYPE_CHECKING.
load_plans  # __init__.py
translate_plan  # __init__.py
render_plan  # __init__.py
__getattr__  # __init__.py
__dir__  # __init__.py
__getattr__  # cli/__init__.py

# Typer calls the commands it registers (`@app.command()`), and offers the members of the choice Enums.
move  # cli/amending.py
cancel  # cli/amending.py
postpone  # cli/amending.py
informal  # cli/amending.py
working_group  # cli/amending.py
forum  # cli/amending.py
special  # cli/amending.py
joint  # cli/amending.py
points_of_contact  # cli/amending.py
add_meeting_command  # cli/amending.py
add_activity_command  # cli/amending.py
init  # cli/amending.py
rules  # cli/checking.py
i18n_extract  # cli/languages.py
i18n_status  # cli/languages.py
auto  # cli/options.py
github  # cli/options.py
sarif  # cli/options.py
ics  # cli/publishing.py
upcoming  # cli/queries.py
query_meetings  # cli/queries.py
query_references  # cli/queries.py
query_coverage  # cli/queries.py
query_activities  # cli/queries.py
show  # cli/queries.py

# The lint rules, registered by the `@rule` decorator and run from the registry.
outside_term  # lint/dates.py
activity_outside_term  # lint/dates.py
end_before_start  # lint/dates.py
weekend_meeting  # lint/dates.py
impossible_deadline  # lint/dates.py
date_to_confirm  # lint/dates.py
meeting_numbering  # lint/meetings.py
meetings_out_of_order  # lint/meetings.py
meeting_clash  # lint/meetings.py
within_mismatch  # lint/meetings.py
numbering_starts_late  # lint/meetings.py
milestone_order  # lint/meetings.py
milestone_meeting  # lint/meetings.py
program_incomplete  # lint/programs.py
program_letters  # lint/programs.py
unknown_paragraph  # lint/references.py
unknown_resolution  # lint/references.py
several_default_resolutions  # lint/references.py
document_symbol  # lint/references.py
unknown_reference  # lint/references.py
duplicate_id  # lint/references.py
unused_declaration  # lint/references.py
bad_suppression  # lint/suppressions.py
unlisted_value  # lint/vocabularies.py
footnote_without_text  # lint/vocabularies.py

# pydantic reads the models' fields, settings and validators: fields nothing in workplan reads are
# still part of the file format (and its JSON Schema).
installed  # models/committee.py
installed_by  # models/committee.py
planned_meetings  # models/committee.py
planned_events  # models/committee.py
elected_by  # models/committee.py
elected_on  # models/committee.py
refers_to  # models/committee.py
model_config  # models/committee.py
_._hours_together  # models/committee.py
_._end_with_start  # models/program.py
events_footnotes  # models/committee.py
schema_version  # models/committee.py
times_local_at  # models/committee.py
functions  # models/committee.py
general_considerations  # models/committee.py
activities_heading  # models/committee.py
reports_heading  # models/committee.py
working_groups_heading  # models/committee.py
maximum  # models/committee.py
model_config  # models/common.py
approximate  # models/program.py
schema_version  # models/program.py
approved  # models/program.py
outreach  # models/program.py

# The templates call the page model's methods and read the picture's and the site's fields by name.
_.md_refs  # render.py
_.has_refs  # render.py
_.title_html  # render.py
_.event_title  # render.py
_.has_other_column  # render.py
_.schedule_by_year  # render.py
_.activity_when  # render.py
_.section_marks  # render.py
_.stated_timezone  # render.py
_.has_procedure  # render.py
_.mandate_number  # render.py
_.all_footnotes  # render.py
_.due_text  # render.py
show_year  # picture.py
_.label_y  # picture.py
numbered_meetings  # picture.py
other_meetings  # picture.py
as_of_x  # picture.py
_.clipped  # picture.py
continued  # picture.py
next_day  # site.py
next_title  # site.py

# Jinja reads these hooks of its environment by name; the code it generates calls page_text and plain_text.
_.context_class  # templating.py
code_generator_class  # templating.py
page_text  # templating.py
plain_text  # templating.py

# Attributes of other libraries' objects, set for those libraries to read: babel's catalog header,
# ruamel.yaml's and PyYAML's loader settings, Typer's help hooks.
_.header_comment  # catalogs.py
_.preserve_quotes  # fmt.py
_.display_type_rich  # helpwords.py
_.display_type_rich  # helpwords.py
yaml_implicit_resolvers  # loader/positions.py
_.Constructor  # loader/roundtrip.py
_.writable  # main.py: io's buffered writer asks its raw stream

# A dataclass's fields, compared as a whole (`planfile.Stamp`).
mtime_ns  # planfile.py
digest  # planfile.py

# Used only by tests/test_fmt.py, in fmt.py, which this whitelist's change left alone: to go with its test.
judge_text  # fmt.py
