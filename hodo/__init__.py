"""hodo (報道): Japanese news pages in, a cited and searchable knowledge base out."""

__version__ = "0.1.0"
