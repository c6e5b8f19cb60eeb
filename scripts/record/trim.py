"""Shared by the recording scripts' trimming steps (scripts/record-models-status.sh,
scripts/record-realworld.sh): read one run's raw files and clean what a command printed."""
import json
import re

# OpenClaw's boilerplate lines after an error, and JS stack frames (they name install paths).
BOILER = re.compile(r"^\[openclaw\] (Debug|Try|Help):")
STACK = re.compile(r"^\s+at .*(\(|file:|node:)")


def reader(raw):
    """`rd(kind, ext)`: the text of `raw/kind.ext` ("" if absent); `rc_of(kind)`: its exit code
    (an int, or the word the runner wrote, such as "timeout")."""

    def rd(kind, ext):
        try:
            with open(f"{raw}/{kind}.{ext}", encoding="utf-8", errors="replace") as f:
                return f.read()
        except FileNotFoundError:
            return ""

    def rc_of(kind):
        v = rd(kind, "rc").strip()
        return int(v) if v.lstrip("-").isdigit() else (v or None)

    return rd, rc_of


def home_strip(text, home):
    """Replace the throwaway HOME by `~`."""
    if home:
        text = text.replace(home + "/", "~/").replace(home, "~")
    return text


def split_json(text):
    """(prefix text, parsed dict or None): tolerate log lines before the JSON document"""
    lines = text.splitlines()
    for i, line in enumerate(lines):
        if line.startswith("{"):
            try:
                v = json.loads("\n".join(lines[i:]))
            except ValueError:
                continue
            if isinstance(v, dict):
                return "\n".join(lines[:i]).strip(), v
    return text.strip(), None
