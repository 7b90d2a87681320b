"""`troly` command line. Thin: parse, call a backend, print (readable or --json).

One module per command group; this file only assembles them, so a new command is a module and one line
here. Heavy imports stay inside the commands: start-up time is what every `troly` call pays.
"""

from __future__ import annotations

import typer

from assistant.cli import (  # noqa: F401
    ask,
    assignments,
    audit,
    docs,
    doctor,
    index,
    index_group,
    index_rebuild,
    ingest,
    login,
    report,
    serve,
    users,
    vietnamese,
)
from assistant.cli import eval as evaluation

app = typer.Typer(help="Trợ lý kế hoạch — hỏi đáp có trích dẫn trên văn bản kế hoạch.", no_args_is_help=True,
                  add_completion=False, context_settings={"help_option_names": ["-h", "--help"]})
app.add_typer(docs.app, name="docs")
app.add_typer(users.app, name="users")
app.add_typer(audit.app, name="audit")
app.add_typer(index_group.app, name="index")  # its commands register themselves: index (check, repair), index_rebuild
app.command()(ingest.ingest)
app.command()(ask.ask)
app.command()(login.login)
app.command()(login.logout)
app.command()(doctor.doctor)
app.command()(serve.serve)
app.command()(report.report)
app.command("eval")(evaluation.eval_command)
for command in (assignments.assignments, assignments.targets, assignments.duties, assignments.alerts, assignments.compare):
    app.command()(command)
app.add_typer(assignments.units_app, name="units")
app.add_typer(assignments.plan_app, name="plan")
