"""The command line's own words in Vietnamese: typer's help layout ("Usage:", "Options", "Show this message
and exit.") and its usage errors ("Missing argument 'QUESTION'.", "No such option: --x"…).

typer ships its own copy of click whose messages are English literals (a few still go through `gettext`,
for which no Vietnamese catalogue exists). Importing this module points them at Vietnamese: the panel
titles and `gettext` names are replaced, the help option gets a Vietnamese help text, the usage line a
Vietnamese prefix, and every usage error's message is rewritten by the patterns below (a message no
pattern knows stays as it is).
"""

from __future__ import annotations

import re
from typing import Any

import typer.core
import typer.rich_utils
from typer._click import decorators, exceptions, formatting

WORDS = {
    "Options": "Tùy chọn",
    "Arguments": "Tham số",
    "Commands": "Lệnh",
    "Error": "Lỗi",
    "Aborted.": "Đã hủy.",
    "Aborted!": "Đã hủy.",
    "Try [blue]'{command_path} {help_option}'[/] for help.": "Xem hướng dẫn: [blue]'{command_path} {help_option}'[/].",
    "[default: {}]": "[mặc định: {}]",
    "[env var: {}]": "[biến môi trường: {}]",
    "[required]": "[bắt buộc]",
    "(deprecated) ": "(không còn dùng) ",
    "default: {default}": "mặc định: {default}",
    "env var: {var}": "biến môi trường: {var}",
    "required": "bắt buộc",
    "(dynamic)": "(động)",
    "Missing command.": "Thiếu lệnh.",
    "No such command {name!r}.": "Không có lệnh {name!r}.",
}
HELP = "Hiện hướng dẫn này rồi thoát."
USAGE = "Cách dùng: "
ERRORS = [(re.compile(p, re.DOTALL), r) for p, r in [
    (r"Missing argument '(.+?)'\.(.*)", r"Thiếu tham số '\1'.\2"),
    (r"Missing option '(.+?)'\.(.*)", r"Thiếu tùy chọn '\1'.\2"),
    (r"Missing parameter '(.+?)'\.(.*)", r"Thiếu tham số '\1'.\2"),
    (r"Missing parameter: (.+)", r"Thiếu tham số: \1"),
    (r"No such option: (.+?)(?: Did you mean (.+)\?)?( \(Possible options: (.+)\))?", r"Không có tùy chọn \1."),
    (r"No such command '(.+)'\.", r"Không có lệnh '\1'."),
    (r"Option '(.+?)' requires an argument\.", r"Tùy chọn '\1' cần một giá trị."),
    (r"Option '(.+?)' requires (\d+) arguments\.", r"Tùy chọn '\1' cần \2 giá trị."),
    (r"Got unexpected extra argument\(s\) \((.+)\)", r"Thừa tham số (\1)."),
    (r"Got unexpected extra arguments? \((.+)\)", r"Thừa tham số (\1)."),
    (r"Invalid value for (.+?): (.+)", r"Giá trị không hợp lệ cho \1: \2"),
    (r"Invalid value: (.+)", r"Giá trị không hợp lệ: \1"),
    (r"Input should be a valid integer.*", r"phải là một số nguyên."),
    (r"Input should be a valid number.*", r"phải là một số."),
    (r"Input should be a valid boolean.*", r"phải là có/không (true/false)."),
    (r"Input should be less than or equal to (.+)", r"phải nhỏ hơn hoặc bằng \1."),
    (r"Input should be greater than or equal to (.+)", r"phải lớn hơn hoặc bằng \1."),
    (r"Input should be less than (.+)", r"phải nhỏ hơn \1."),
    (r"Input should be greater than (.+)", r"phải lớn hơn \1."),
    (r"Input should be (.+)", r"phải là \1."),
    (r"(?:Value )?(.+?) is not a valid (integer|float|int|number)\.", r"\1 không phải là số hợp lệ."),
    (r"(?:Value )?(.+?) is not a valid (.+)\.", r"\1 không hợp lệ (\2)."),
    (r"(.+?) is not in the range (.+)\.", r"\1 nằm ngoài khoảng \2."),
    (r"(.+?) is not one of (.+)\.", r"\1 không thuộc các giá trị \2."),
    (r"(File|Directory|Path) '(.+)' does not exist\.", r"'\2' không tồn tại."),
    (r"Could not open file '(.+?)': (.+)", r"Không mở được tệp '\1': \2"),
]]


def vietnamese_error(message: str) -> str:
    """A usage error of typer/click in Vietnamese (its inner message too: 'Invalid value for X: …')."""
    for pattern, replacement in ERRORS:
        if (found := pattern.fullmatch(message.strip())) is not None:
            translated = found.expand(replacement)
            inner = found.group(found.lastindex or 0) if "Invalid value" in message else None
            return translated.replace(inner, vietnamese_error(inner)) if inner else translated
    return message


def _translate(message: str) -> str:
    return WORDS.get(message, message)


def _patch_format_message(cls: type) -> None:
    original = cls.__dict__["format_message"]

    def format_message(self: Any) -> str:
        return vietnamese_error(original(self))

    cls.format_message = format_message  # type: ignore[attr-defined]


for _module in (typer.core, typer.rich_utils):
    _module._ = _translate  # type: ignore[attr-defined]
for _name in ("DEPRECATED_STRING", "DEFAULT_STRING", "ENVVAR_STRING", "REQUIRED_LONG_STRING",
              "ARGUMENTS_PANEL_TITLE", "OPTIONS_PANEL_TITLE", "COMMANDS_PANEL_TITLE", "ERRORS_PANEL_TITLE",
              "ABORTED_TEXT", "RICH_HELP"):
    setattr(typer.rich_utils, _name, _translate(getattr(typer.rich_utils, _name)))

_help_option = decorators.help_option


def _vietnamese_help_option(param_decls: list[str]) -> Any:
    decorate = _help_option(param_decls)

    def apply(command: Any) -> Any:
        command = decorate(command)
        command.params[-1].help = HELP  # the option just added
        return command

    return apply


decorators.help_option = _vietnamese_help_option  # looked up there each time a command builds its help option

_write_usage = formatting.HelpFormatter.write_usage


def _vietnamese_usage(self: Any, prog: str, args: str = "", prefix: str | None = None) -> None:
    _write_usage(self, prog, args, USAGE if prefix is None else prefix)


formatting.HelpFormatter.write_usage = _vietnamese_usage  # type: ignore[method-assign]
for _cls in vars(exceptions).values():
    if isinstance(_cls, type) and issubclass(_cls, exceptions.ClickException) and "format_message" in _cls.__dict__:
        _patch_format_message(_cls)
