"""Cited briefings (概要 / 詳細 / 要点 / 係争点 / 出典) from analysed, linked documents."""

from hodo.brief.compose import BriefInput, compose
from hodo.brief.render import FORMATS, brief_json, render

__all__ = ["FORMATS", "BriefInput", "brief_json", "compose", "render"]
